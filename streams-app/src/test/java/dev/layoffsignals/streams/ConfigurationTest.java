package dev.layoffsignals.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.streams.errors.DeadLetterDeserializationHandler;
import dev.layoffsignals.streams.errors.DeadLetterProcessingHandler;
import dev.layoffsignals.streams.errors.ErrorCounter;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

  @Test
  @DisplayName("the shipped defaults: exactly-once, explicit names, dead-letter handlers, QQQ, two days, six partitions")
  void defaults() {
    Map<String, String> d = StreamsConfigs.defaults();

    assertThat(d).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true")
        .containsEntry(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS)
        .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName())
        .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName())
        .containsEntry(TopologySettings.BENCHMARK_SYMBOL, "QQQ")
        .containsEntry(TopologySettings.GRACE_PERIOD, "P2D")
        .containsEntry(TopologySettings.INPUT_PARTITIONS, "6");
    // every key is one Kafka Streams knows, or one of ours / the serde's
    StreamsConfig parsed = new StreamsConfig(StreamsConfigs.with(Map.of()));
    assertThat(parsed.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    assertThat(parsed.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(50L);
  }

  @Test
  @DisplayName("the topology settings come from the same map, defaults first, overrides on top")
  void topologySettings() {
    TopologySettings fromDefaults = TopologySettings.fromConfig(StreamsConfigs.with(Map.of()), ErrorCounter.NONE);
    TopologySettings overridden = TopologySettings.fromConfig(StreamsConfigs.with(Map.of(
        "benchmark.symbol", "SPY", "grace.period", "PT36H", "input.partitions", "1")), ErrorCounter.NONE);

    assertThat(fromDefaults.benchmarkSymbol()).isEqualTo("QQQ");
    assertThat(fromDefaults.grace()).isEqualTo(Duration.ofDays(2));
    assertThat(fromDefaults.inputPartitions()).isEqualTo(6);
    assertThat(fromDefaults.serdeConfig().get("schema.registry.url")).isEqualTo("http://127.0.0.1:8081");
    assertThat(overridden.benchmarkSymbol()).isEqualTo("SPY");
    assertThat(overridden.eventStudy().benchmarkSymbol()).isEqualTo("SPY");
    assertThat(overridden.grace()).isEqualTo(Duration.ofHours(36));
    assertThat(overridden.inputPartitions()).isEqualTo(1);
  }

  @Test
  @DisplayName("settings that cannot be right fail at start, naming the key")
  void badSettings() {
    assertThatThrownBy(() -> TopologySettings.fromConfig(Map.of("grace.period", "2 days"), ErrorCounter.NONE))
        .isInstanceOf(ConfigException.class).hasMessageContaining("grace.period");
    assertThatThrownBy(() -> TopologySettings.fromConfig(Map.of("grace.period", "-P1D"), ErrorCounter.NONE))
        .isInstanceOf(ConfigException.class).hasMessageContaining("grace.period");
    assertThatThrownBy(() -> TopologySettings.fromConfig(Map.of("input.partitions", "0"), ErrorCounter.NONE))
        .isInstanceOf(ConfigException.class).hasMessageContaining("input.partitions");
  }
}
