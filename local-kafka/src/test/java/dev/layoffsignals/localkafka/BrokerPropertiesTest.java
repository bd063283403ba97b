package dev.layoffsignals.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerPropertiesTest {

  @TempDir Path tempDir;

  @Test
  void singleNodeOnLoopbackWithOneReplicaEverywhere() {
    Map<String, String> config =
        BrokerProperties.singleNode(Path.of("/data/kafka"), 19092, 19093, Map.of());

    assertThat(config)
        .contains(
            entry("process.roles", "broker,controller"),
            entry("node.id", "1"),
            entry("controller.quorum.voters", "1@127.0.0.1:19093"),
            entry("controller.listener.names", "CONTROLLER"),
            entry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093"),
            entry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092"),
            entry("inter.broker.listener.name", "PLAINTEXT"),
            entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            entry("log.dirs", "/data/kafka"),
            entry("default.replication.factor", "1"),
            entry("min.insync.replicas", "1"),
            entry("offsets.topic.replication.factor", "1"),
            entry("transaction.state.log.replication.factor", "1"),
            entry("transaction.state.log.min.isr", "1"),
            entry("share.coordinator.state.topic.replication.factor", "1"),
            entry("share.coordinator.state.topic.min.isr", "1"),
            entry("group.initial.rebalance.delay.ms", "0"),
            entry("log.cleaner.dedupe.buffer.size", "2097152"));
  }

  @Test
  void everyDefaultIsAConfigKafkaKnows() {
    Map<String, String> config =
        BrokerProperties.singleNode(Path.of("/data/kafka"), 19092, 19093, Map.of());

    assertThat(KafkaConfig.configDef().names()).containsAll(config.keySet());
  }

  @Test
  void kafkaAcceptsTheConfig() {
    Map<String, String> config = BrokerProperties.singleNode(tempDir, 19092, 19093, Map.of());

    KafkaConfig kafkaConfig = KafkaConfig.fromProps(BrokerProperties.toProperties(config), false);

    assertThat(kafkaConfig.nodeId()).isEqualTo(1);
    assertThat(kafkaConfig.logDirs()).containsExactly(tempDir.toAbsolutePath().toString());
    assertThat(kafkaConfig.controllerListenerNames()).containsExactly("CONTROLLER");
  }

  @Test
  void overridesReplaceDefaultsAndAddKeys() {
    Map<String, String> config =
        BrokerProperties.singleNode(
            Path.of("/data"),
            1,
            2,
            Map.of("num.partitions", "3", "auto.create.topics.enable", "false"));

    assertThat(config)
        .contains(entry("num.partitions", "3"), entry("auto.create.topics.enable", "false"));
  }

  @Test
  void writtenSortedAndReadBackUnchanged() throws IOException {
    Map<String, String> config =
        BrokerProperties.singleNode(tempDir.resolve("data dir"), 19092, 19093, Map.of());
    Path file = tempDir.resolve("server.properties");

    BrokerProperties.write(config, file);

    assertThat(BrokerProperties.read(file)).isEqualTo(config);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("# single-node KRaft broker written by local-kafka");
    assertThat(
            lines.subList(1, lines.size()).stream()
                .map(line -> line.substring(0, line.indexOf('=')))
                .toList())
        .isSorted()
        .hasSize(config.size());
  }
}
