package dev.layoffsignals.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.serde.AvroSerdeConfig;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every processor, store and internal topic has the name we gave it. */
class TopologyNamingTest {

  static final Topology TOPOLOGY = LayoffSignalsTopology.build(
      TopologySettings.defaults(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://naming")));

  @Test
  @DisplayName("no generated names: every node is named in LayoffSignalsTopology.Names")
  void everyNodeNamed() {
    Set<String> nodes = new TreeSet<>();
    Set<String> stores = new TreeSet<>();
    Set<String> topics = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : TOPOLOGY.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        nodes.add(node.name());
        if (node instanceof TopologyDescription.Processor p) {
          stores.addAll(p.stores());
        }
        if (node instanceof TopologyDescription.Source s) {
          topics.addAll(s.topicSet());
        }
        if (node instanceof TopologyDescription.Sink s) {
          topics.add(s.topic());
        }
      }
    }
    assertThat(nodes).noneMatch(n -> n.startsWith("KSTREAM-") || n.startsWith("KTABLE-"));
    assertThat(stores).containsExactly("announcements-view", "dedup-reports", "input-clock", "react-closes", "react-open-announcements",
        "reactions-view", "ticker-event-watermarks", "window-member-watermarks", "windows", "windows-view");
    assertThat(topics).containsExactly("articles", "dead-letters", "heartbeats", "late-records", "layoff-announcements",
        "layoff-records", "market-reactions", "reaction-windows", "stock-ticks", "ticker-events-repartition",
        "window-members-repartition");
    assertThat(TOPOLOGY.describe().subtopologies()).hasSize(6);
  }

  @Test
  @DisplayName("Kafka Streams' own check of explicit naming accepts it")
  void explicitNamingEnforced() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "naming-check");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
    try (TopologyTestDriver driver = new TopologyTestDriver(TOPOLOGY, props, TopologyFixture.WALL_CLOCK)) {
      assertThat(driver.getAllStateStores()).containsOnlyKeys("announcements-view", "dedup-reports", "input-clock", "react-closes",
          "react-open-announcements", "reactions-view", "ticker-event-watermarks", "window-member-watermarks", "windows",
          "windows-view");
    }
  }
}
