package dev.layoffsignals.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka Streams app with exactly_once_v2 runs on the broker: the transaction coordinator, the
 * offsets topic and consumer groups all work on one node, which Kafka's three-replica defaults prevent.
 */
class StreamsExactlyOnceIntegrationTest {

  @TempDir Path tempDir;

  @Test
  void exactlyOnceV2AppProcessesRecords() throws Exception {
    try (LocalKafka kafka = LocalKafka.startInProcess(tempDir.resolve("kafka"))) {
      RecordRoundTrip.createTopic(kafka.bootstrapServers(), "words");
      RecordRoundTrip.createTopic(kafka.bootstrapServers(), "shouted");
      RecordRoundTrip.produce(
          kafka.bootstrapServers(), "words", List.of("layoff", "signal", "market"));

      StreamsBuilder builder = new StreamsBuilder();
      builder.stream(
              "words", Consumed.with(Serdes.String(), Serdes.String()).withName("read-words"))
          .mapValues(value -> value.toUpperCase(Locale.ROOT), Named.as("shout"))
          .to("shouted", Produced.with(Serdes.String(), Serdes.String()).withName("write-shouted"));
      Properties config = new Properties();
      config.put(StreamsConfig.APPLICATION_ID_CONFIG, "local-kafka-eos-test");
      config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      config.put(StreamsConfig.STATE_DIR_CONFIG, tempDir.resolve("streams-state").toString());
      config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

      try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
        streams.start();
        assertThat(
                RecordRoundTrip.consume(
                    kafka.bootstrapServers(), "shouted", "eos-reader", "read_committed", 3))
            .containsExactly("LAYOFF", "SIGNAL", "MARKET");
        streams.close(Duration.ofSeconds(30));
      }
    }
  }
}
