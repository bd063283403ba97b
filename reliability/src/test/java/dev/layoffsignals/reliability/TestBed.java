package dev.layoffsignals.reliability;

import dev.layoffsignals.localkafka.ChildProcessKafka;
import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.registry.LocalSchemaRegistry;
import dev.layoffsignals.serde.AvroSchemas;
import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.serde.HttpSchemaRegistryClient;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.TopicCreator;
import dev.layoffsignals.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;

/**
 * What one test class runs against: one real broker (in this JVM, or in a child JVM that can be
 * killed and restarted on the same ports and log directory), our schema registry in this JVM on a
 * port it keeps across restarts, every topic of the catalogue, and the catalogue's value schemas
 * registered in catalogue order.
 *
 * <p>Registering first makes schema ids a function of the catalogue, not of which producer or
 * instance happened to register first: two test beds hand out the same ids, so outputs of two runs
 * compare byte for byte, the schema id included.
 */
final class TestBed implements AutoCloseable {

  /** Partitions of the data topics: several tasks per sub-topology, few enough for 2 cores. */
  static final int PARTITIONS = 3;
  /** A child broker's start, log recovery after a SIGKILL included, on a machine shared with other builds. */
  static final Duration BROKER_START = Duration.ofMinutes(3);

  private final Path dir;
  private LocalKafka kafka;
  private LocalSchemaRegistry registry;
  private final int registryPort;
  private final Admin admin;
  private final Map<String, Integer> schemaIds;

  private TestBed(Path dir, LocalKafka kafka) {
    this.dir = dir;
    this.kafka = kafka;
    this.registry = LocalSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0);
    this.registryPort = registry.port();
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000));
    new TopicCreator(admin, 60_000).ensure(Topics.ALL, Optional.of(PARTITIONS), (short) 1);
    this.schemaIds = registerCatalogue(registry.url());
  }

  /** A broker in this JVM: for tests that do not stop it. */
  static TestBed inProcess(Path dir) throws Exception {
    TestBed bed = new TestBed(dir, LocalKafka.startInProcess(dir.resolve("kafka")));
    bed.awaitLeaders();
    return bed;
  }

  /** A broker in a child JVM, to kill and restart ({@link #killBroker()}, {@link #restartBroker()}). */
  static TestBed childBroker(Path dir) throws Exception {
    TestBed bed = new TestBed(dir, LocalKafka.builder().workDir(dir.resolve("kafka")).startTimeout(BROKER_START).startChildProcess());
    bed.awaitLeaders();
    return bed;
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The registry's URL; the same across {@link #stopRegistry()} and {@link #startRegistry()}. */
  String registryUrl() {
    return "http://127.0.0.1:" + registryPort;
  }

  Map<String, Object> serdeConfig() {
    return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl());
  }

  Admin admin() {
    return admin;
  }

  LocalKafka kafka() {
    return kafka;
  }

  Path dir() {
    return dir;
  }

  /** Subject to id of the catalogue's value schemas, as registered at start. */
  Map<String, Integer> schemaIds() {
    return schemaIds;
  }

  /** SIGKILL to the broker's JVM (a child broker only). */
  void killBroker() {
    ((ChildProcessKafka) kafka).kill();
  }

  /** The same broker again: same ports, same log directory, the data as the kill left it. */
  void restartBroker() throws Exception {
    kafka = kafka.builderForRestart().startTimeout(BROKER_START).startChildProcess();
    awaitLeaders();
  }

  /** Stops the registry: its port refuses connections until {@link #startRegistry()}. */
  void stopRegistry() {
    registry.close();
    registry = null;
  }

  /** Starts the registry again on its port, reading the schemas back from {@code _schemas}. */
  void startRegistry() {
    registry = LocalSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", registryPort);
  }

  boolean registryRunning() {
    return registry != null;
  }

  @Override
  public void close() {
    try {
      admin.close(Duration.ofSeconds(10));
    } finally {
      try {
        if (registry != null) {
          registry.close();
        }
      } finally {
        kafka.close();
      }
    }
  }

  /** Registers the value schema of every Avro topic, in catalogue order, as the serializers would. */
  private static Map<String, Integer> registerCatalogue(String url) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    try (HttpSchemaRegistryClient client = HttpSchemaRegistryClient.forUrl(url)) {
      for (Topic<?, ?> topic : Topics.ALL) {
        if (org.apache.avro.specific.SpecificRecord.class.isAssignableFrom(topic.valueType())) {
          String subject = topic.name() + "-value";
          ids.put(subject, client.register(subject, AvroSchemas.withoutJavaProperties(SpecificData.get().getSchema(topic.valueType()))));
        }
      }
    }
    return ids;
  }

  /** Until every partition of the catalogue's topics has a leader: after creation and after a broker restart. */
  private void awaitLeaders() throws Exception {
    Set<String> names = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());
    Await.until("a leader for every partition of the catalogue's topics", Duration.ofSeconds(60), () -> {
      KafkaFuture<Map<String, org.apache.kafka.clients.admin.TopicDescription>> described = admin.describeTopics(names).allTopicNames();
      return described.get(30, TimeUnit.SECONDS).values().stream()
          .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    });
  }
}
