package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.localkafka.LocalKafkaBuilder;
import dev.layoffsignals.registry.LocalSchemaRegistry;
import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.TopicCreator;
import dev.layoffsignals.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A real broker with the local schema registry and every topic a run needs: the catalogue's, and
 * the pass-through's output. Each stage of the benchmark starts on empty topics
 * ({@link #recreateTopics}), so no stage reads what another left behind.
 */
final class BenchCluster implements AutoCloseable {

  /** Where the trivial pass-through writes. */
  static final String PASS_THROUGH_OUTPUT = "bench-pass-through-ticks";

  private static final long ADMIN_TIMEOUT_MS = 60_000;

  /**
   * The broker's time-based retention and rolling go by record timestamps, and the benchmark's
   * are event times compressed a thousandfold (a year of sessions in a minute, starting in 1995 or
   * 2024): with the defaults, segments would roll at nearly every append and be deleted as soon as
   * they roll, the input included, between the phases that read it. So no time-based retention or
   * rolling, on topics that do not set their own: the inputs, the outputs, the changelogs. Kafka
   * Streams' repartition topics keep theirs (segment.ms 10 minutes), which the compressed event
   * time still makes roll often; production, at real time, does not see that.
   */
  static final Map<String, String> REPLAY_FRIENDLY = Map.of(
      "log.retention.ms", "-1",
      "log.roll.ms", Long.toString(java.time.Duration.ofDays(365L * 100).toMillis()));

  private final LocalKafka kafka;
  private final LocalSchemaRegistry registry;
  private final Admin admin;
  private final int partitions;

  private BenchCluster(LocalKafka kafka, LocalSchemaRegistry registry, Admin admin, int partitions) {
    this.kafka = kafka;
    this.registry = registry;
    this.admin = admin;
    this.partitions = partitions;
  }

  /**
   * Starts the broker (a child JVM, or in this JVM with {@code inProcess}) in a wiped {@code dir},
   * with {@code brokerOverrides} over local-kafka's defaults, the registry, and creates the topics
   * with {@code partitions} partitions each.
   */
  static BenchCluster start(Path dir, boolean inProcess, int partitions, Map<String, String> brokerOverrides)
      throws Exception {
    Map<String, String> overrides = new java.util.LinkedHashMap<>(REPLAY_FRIENDLY);
    overrides.putAll(brokerOverrides);
    LocalKafkaBuilder builder = LocalKafka.builder().workDir(dir).overrides(overrides);
    LocalKafka kafka = inProcess ? builder.startInProcess() : builder.startChildProcess();
    LocalSchemaRegistry registry = null;
    Admin admin = null;
    try {
      registry = LocalSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0);
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
      BenchCluster cluster = new BenchCluster(kafka, registry, admin, partitions);
      cluster.createTopics();
      return cluster;
    } catch (Exception | Error e) {
      if (admin != null) {
        admin.close();
      }
      if (registry != null) {
        registry.close();
      }
      kafka.close();
      throw e;
    }
  }

  /** Creates whichever of the catalogue's topics and the pass-through's are missing. */
  private void createTopics() throws Exception {
    new TopicCreator(admin, ADMIN_TIMEOUT_MS).ensure(Topics.ALL, Optional.of(partitions), (short) 1);
    if (!admin.listTopics().names().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).contains(PASS_THROUGH_OUTPUT)) {
      admin.createTopics(List.of(new NewTopic(PASS_THROUGH_OUTPUT, partitions, (short) 1)))
          .all().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }
    awaitLeaders(admin);
  }

  /**
   * Deletes the catalogue's topics and the pass-through's, and creates them again, empty: the next
   * stage reads nothing the previous one left. (The applications' internal topics are named after
   * their application ids, which differ per stage; the registry keeps its schemas.)
   */
  void recreateTopics() throws Exception {
    recreate(names());
  }

  /**
   * Deletes the topics the full topology writes (its outputs and error topics) and creates them
   * again, empty; the inputs stay. Its views read their output topics from the beginning, so
   * without this each run would also read back every earlier run's outputs: one more run's
   * worth with every round.
   */
  void recreateFullOutputs() throws Exception {
    Set<String> inputs = Topics.INPUTS.stream().map(Topic::name).collect(Collectors.toSet());
    recreate(Topics.ALL.stream().map(Topic::name).filter(n -> !inputs.contains(n)).collect(Collectors.toSet()));
  }

  /** Deletes and creates again, empty, the pass-through's output. */
  void recreatePassThroughOutput() throws Exception {
    recreate(Set.of(PASS_THROUGH_OUTPUT));
  }

  private void recreate(Set<String> names) throws Exception {
    admin.deleteTopics(names).all().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (admin.listTopics().names().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).stream().anyMatch(names::contains)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The topics are still there 60 s after their deletion");
      }
      TimeUnit.MILLISECONDS.sleep(100); // polling interval of a bounded wait
    }
    long createDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        createTopics();
        return;
      } catch (Exception e) {
        // a deleted topic can linger in the metadata for a moment: "already exists", or "marked for deletion"
        if (System.nanoTime() > createDeadline) {
          throw e;
        }
        TimeUnit.MILLISECONDS.sleep(200); // retry interval of a bounded wait
      }
    }
  }

  private static Set<String> names() {
    return Stream.concat(Topics.ALL.stream().map(Topic::name), Stream.of(PASS_THROUGH_OUTPUT)).collect(Collectors.toSet());
  }

  /** Until every partition has a leader: producing earlier only earns retries. */
  private static void awaitLeaders(Admin admin) throws Exception {
    Set<String> names = names();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!haveLeaders(admin, names)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The topics' partitions have no leader after 60 s");
      }
      TimeUnit.MILLISECONDS.sleep(100); // polling interval of a bounded wait
    }
  }

  private static boolean haveLeaders(Admin admin, Set<String> names) throws Exception {
    try {
      return admin.describeTopics(names).allTopicNames().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).values().stream()
          .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false; // created, not yet in the metadata this broker serves
      }
      throw e;
    }
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  String registryUrl() {
    return registry.url();
  }

  /** What the catalogue's serdes need: this registry. */
  Map<String, Object> serdeConfig() {
    return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
  }

  Admin admin() {
    return admin;
  }

  int partitions() {
    return partitions;
  }

  /**
   * CPU time the broker's process has used so far, in seconds; -1 when the broker runs in this
   * JVM (its time cannot be told from ours) or the system does not say.
   */
  double brokerCpuSeconds() {
    if (kafka.pid() == ProcessHandle.current().pid()) {
      return -1;
    }
    return ProcessHandle.of(kafka.pid()).flatMap(p -> p.info().totalCpuDuration())
        .map(d -> d.toNanos() / 1e9).orElse(-1.0);
  }

  @Override
  public void close() {
    try {
      admin.close(Duration.ofSeconds(10));
    } finally {
      try {
        registry.close();
      } finally {
        kafka.close();
      }
    }
  }
}
