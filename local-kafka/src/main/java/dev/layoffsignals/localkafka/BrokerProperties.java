package dev.layoffsignals.localkafka;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The configuration of a single-node KRaft broker+controller on 127.0.0.1.
 *
 * <p>Kafka's defaults assume three brokers: internal topics with replication factor 3 and min ISR 2
 * cannot be created on one node, and then consumer groups and transactions (Kafka Streams'
 * exactly_once_v2) hang instead of failing. Every internal topic is therefore set to one replica.
 * The rest trims what a laptop does not need: a 3 s group rebalance delay, 50-partition internal
 * topics, and a 128 MB log-cleaner buffer that dominates the heap of a small broker.
 */
final class BrokerProperties {

  static final int NODE_ID = 1;
  static final String HOST = "127.0.0.1";
  static final String BROKER_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  private BrokerProperties() {}

  /**
   * Defaults for one node, with {@code overrides} applied last.
   *
   * @param dataDir where partitions and the metadata log go
   */
  static Map<String, String> singleNode(
      Path dataDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
    Map<String, String> config = new TreeMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", Integer.toString(NODE_ID));
    // a static quorum of one: no initial-controllers bookkeeping at format time, and the controller
    // port may change between restarts on the same data
    config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    config.put("controller.listener.names", CONTROLLER_LISTENER);
    config.put(
        "listeners",
        BROKER_LISTENER
            + "://"
            + HOST
            + ":"
            + brokerPort
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    config.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
    config.put("inter.broker.listener.name", BROKER_LISTENER);
    config.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    config.put("log.dirs", dataDir.toAbsolutePath().toString());

    // one node: every replica count is 1
    config.put("default.replication.factor", "1");
    config.put("min.insync.replicas", "1");
    config.put("offsets.topic.replication.factor", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");

    // fast first use: small internal topics, no rebalance delay
    config.put("num.partitions", "1");
    config.put("offsets.topic.num.partitions", "1");
    config.put("transaction.state.log.num.partitions", "1");
    config.put("share.coordinator.state.topic.num.partitions", "1");
    config.put("group.initial.rebalance.delay.ms", "0");
    // topics come from the catalogue (create-topics); an auto-created 1-partition topic would
    // silently break co-partitioning of the inputs
    config.put("auto.create.topics.enable", "false");
    // after a kill -9 the restarted node may only re-register once the old registration's session
    // has expired (9 s by default): a short session makes crash-restarts take seconds, not 10+
    config.put("broker.heartbeat.interval.ms", "500");
    config.put("broker.session.timeout.ms", "3000");

    // a small footprint: the cleaner's dedupe buffer is preallocated (128 MB by default)
    config.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
    config.put("num.network.threads", "2");
    config.put("num.io.threads", "4");

    config.putAll(overrides);
    return config;
  }

  static String bootstrapServers(int brokerPort) {
    return HOST + ":" + brokerPort;
  }

  static Properties toProperties(Map<String, String> config) {
    Properties properties = new Properties();
    properties.putAll(config);
    return properties;
  }

  /**
   * Writes {@code server.properties}: what the child reads, and a record of what ran for humans, so
   * sorted by key ({@link Properties#store} alone writes hash order). Each entry still goes through
   * {@code store} for its escaping.
   */
  static void write(Map<String, String> config, Path file) {
    StringBuilder content =
        new StringBuilder("# single-node KRaft broker written by local-kafka\n");
    try {
      for (Map.Entry<String, String> entry : new TreeMap<>(config).entrySet()) {
        Properties single = new Properties();
        single.setProperty(entry.getKey(), entry.getValue());
        StringWriter line = new StringWriter();
        single.store(line, null);
        line.toString()
            .lines()
            .filter(text -> !text.startsWith("#"))
            .forEach(text -> content.append(text).append('\n'));
      }
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LocalKafkaException("Could not write broker config " + file, e);
    }
  }

  static Map<String, String> read(Path file) {
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new LocalKafkaException("Could not read broker config " + file, e);
    }
    Map<String, String> config = new TreeMap<>();
    properties
        .stringPropertyNames()
        .forEach(name -> config.put(name, properties.getProperty(name)));
    return config;
  }
}
