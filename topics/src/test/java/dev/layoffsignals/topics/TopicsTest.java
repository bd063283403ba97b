package dev.layoffsignals.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class TopicsTest {

  static final Map<String, String> SERDE_CONFIG = Map.of("schema.registry.url", "mock://topics-test");

  @Test
  void namesAreUniqueAndLookedUpByName() {
    assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates()
        .containsExactly("articles", "stock-ticks", "layoff-records", "heartbeats", "layoff-announcements",
            "market-reactions", "reaction-windows", "late-records", "dead-letters");
    assertThat(Topics.byName("market-reactions")).contains(Topics.MARKET_REACTIONS);
    assertThat(Topics.byName("nope")).isEmpty();
  }

  @Test
  void upsertOutputsAreCompactedAndEverythingElseIsKeptForever() {
    assertThat(Topics.ALL).filteredOn(t -> t.cleanupPolicy() == CleanupPolicy.COMPACT)
        .containsExactly(Topics.LAYOFF_ANNOUNCEMENTS, Topics.MARKET_REACTIONS, Topics.REACTION_WINDOWS);
    assertThat(Topics.STOCK_TICKS.configs())
        .containsOnly(entry("cleanup.policy", "delete"), entry("retention.ms", "-1"));
    assertThat(Topics.MARKET_REACTIONS.configs()).containsOnly(entry("cleanup.policy", "compact"));
  }

  @Test
  void keyedInputsArePartitionedAlike() {
    assertThat(Topics.INPUTS).containsExactly(Topics.ARTICLES, Topics.STOCK_TICKS, Topics.LAYOFF_RECORDS, Topics.HEARTBEATS)
        .allSatisfy(t -> assertThat(t.partitions()).isEqualTo(Topics.DEFAULT_PARTITIONS));
  }

  @Test
  void dataInputsAreTheInputsButHeartbeats() {
    assertThat(Topics.DATA_INPUTS).containsExactly(Topics.ARTICLES, Topics.STOCK_TICKS, Topics.LAYOFF_RECORDS);
    assertThat(Topics.INPUTS).containsExactlyElementsOf(
        java.util.stream.Stream.concat(Topics.DATA_INPUTS.stream(), java.util.stream.Stream.of(Topics.HEARTBEATS)).toList());
  }

  @Test
  void newTopicCarriesPartitionsReplicationAndConfigs() {
    NewTopic byDefault = Topics.REACTION_WINDOWS.newTopic(Optional.empty(), (short) 1);
    NewTopic overridden = Topics.REACTION_WINDOWS.newTopic(Optional.of(1), (short) 3);

    assertThat(byDefault.numPartitions()).isEqualTo(6);
    assertThat(byDefault.replicationFactor()).isEqualTo((short) 1);
    assertThat(byDefault.configs()).containsEntry("cleanup.policy", "compact");
    assertThat(overridden.numPartitions()).isEqualTo(1);
    assertThat(overridden.replicationFactor()).isEqualTo((short) 3);
  }

  @Test
  void valueSerdeRoundTripsThroughTheRegistryWireFormat() {
    StockTick tick = StockTick.newBuilder()
        .setSymbol("META")
        .setTradedAt(Instant.parse("2022-11-09T21:00:00Z"))
        .setPrice(100.77)
        .setVolume(1_000)
        .setKind(TickKind.CLOSE)
        .build();

    try (Serde<StockTick> serde = Topics.STOCK_TICKS.valueSerde(SERDE_CONFIG)) {
      byte[] bytes = serde.serializer().serialize(Topics.STOCK_TICKS.name(), tick);

      assertThat(bytes[0]).as("Confluent magic byte").isZero();
      assertThat(serde.deserializer().deserialize(Topics.STOCK_TICKS.name(), bytes)).isEqualTo(tick);
    }
  }

  @Test
  void keysArePlainUtf8Strings() {
    try (Serde<String> serde = Topics.MARKET_REACTIONS.keySerde(SERDE_CONFIG)) {
      assertThat(serde.serializer().serialize("market-reactions", "a-1")).containsExactly('a', '-', '1');
    }
  }
}
