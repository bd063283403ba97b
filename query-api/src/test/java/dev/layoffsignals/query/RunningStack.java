package dev.layoffsignals.query;

import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.producers.ReplayCommand;
import dev.layoffsignals.registry.LocalSchemaRegistry;
import dev.layoffsignals.streams.LayoffSignalsTopology;
import dev.layoffsignals.streams.StreamsConfigs;
import dev.layoffsignals.streams.TopologySettings;
import dev.layoffsignals.streams.errors.ErrorCounter;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.TopicCreator;
import dev.layoffsignals.topics.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine;

/**
 * The whole application on one machine, for integration and browser tests: a real broker
 * (in-process), the local schema registry, every topic of the catalogue, and N instances of the app
 * (one Kafka Streams of the real topology and its {@link QueryServer} each, same
 * {@code application.id}, own state directory, {@code application.server} = its server) that are
 * {@code RUNNING} when {@link #start} returns; {@link #startAndReplay} publishes the bundled history
 * with the real {@code replay} command first and waits until the application has consumed it.
 *
 * <pre>{@code
 * try (RunningStack stack = RunningStack.startAndReplay(tmp, RunningStack.Options.instances(2))) {
 *   Http.get(stack.instance(0).url() + "/api/announcements?ticker=META");
 * }
 * }</pre>
 */
public final class RunningStack implements AutoCloseable {

  /** The bundled history, from the module directory (the tests' working directory). */
  public static final Path DATA = Path.of("..", "data", "historical");
  /** Bound of every wait of the stack. */
  public static final Duration WAIT = Duration.ofMinutes(3);

  /**
   * How the stack is laid out.
   *
   * @param instances how many app instances
   * @param partitions partitions of every data topic (and {@code input.partitions})
   * @param standbyReplicas {@code num.standby.replicas} of each instance
   */
  public record Options(int instances, int partitions, int standbyReplicas) {

    public static Options instances(int n) {
      return new Options(n, Topics.DEFAULT_PARTITIONS, 0);
    }

    public Options withStandbyReplicas(int n) {
      return new Options(instances, partitions, n);
    }
  }

  /** One instance of the app: its Kafka Streams, its query server, its registry. */
  public static final class Instance implements AutoCloseable {
    private final KafkaStreams streams;
    private final QueryServer server;
    private final PrometheusMeterRegistry metrics;
    private final HostInfo host;
    private boolean serverClosed;

    Instance(KafkaStreams streams, QueryServer server, PrometheusMeterRegistry metrics, HostInfo host) {
      this.streams = streams;
      this.server = server;
      this.metrics = metrics;
      this.host = host;
    }

    public KafkaStreams streams() {
      return streams;
    }

    public QueryServer server() {
      return server;
    }

    public PrometheusMeterRegistry metrics() {
      return metrics;
    }

    /** {@code host:port}, its {@code application.server}. */
    public String name() {
      return Placement.name(host);
    }

    /** {@code http://host:port}. */
    public String url() {
      return "http://" + name();
    }

    /** Stops the query server only: Kafka Streams keeps its partitions, the others cannot reach it. */
    public synchronized void closeServer() {
      if (!serverClosed) {
        serverClosed = true;
        server.close();
      }
    }

    @Override
    public void close() {
      try {
        closeServer();
      } finally {
        streams.close(Duration.ofSeconds(30));
        metrics.close();
      }
    }
  }

  private final Path workDir;
  private final Options options;
  private final LocalKafka kafka;
  private final LocalSchemaRegistry registry;
  private final Admin admin;
  private final String applicationId;
  private final List<Instance> instances = new ArrayList<>();
  private Topology topology;

  private RunningStack(Path workDir, Options options, LocalKafka kafka, LocalSchemaRegistry registry, Admin admin) {
    this.workDir = workDir;
    this.options = options;
    this.kafka = kafka;
    this.registry = registry;
    this.admin = admin;
    this.applicationId = "query-api-" + options.instances() + "x" + options.partitions();
  }

  /** Broker, registry, topics and the instances, every one {@code RUNNING}; nothing published yet. */
  public static RunningStack start(Path workDir, Options options) {
    return start(workDir, options, false);
  }

  /**
   * Broker, registry, topics, the bundled history published with the {@code replay} command, then
   * the instances, which catch up on it: the stack with the whole history processed.
   *
   * <p>The history is on the broker before the instances start, as in the demo: a full-speed
   * producer writing while the topology reads can get records late (see "Known limits" in
   * docs/topology.md), catching up on data already there cannot.
   */
  public static RunningStack startAndReplay(Path workDir, Options options) {
    RunningStack stack = start(workDir, options, true);
    try {
      stack.awaitProcessed();
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  private static RunningStack start(Path workDir, Options options, boolean replayFirst) {
    LocalKafka kafka = LocalKafka.startInProcess(workDir.resolve("kafka"));
    LocalSchemaRegistry registry = null;
    Admin admin = null;
    RunningStack stack = null;
    try {
      registry = LocalSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0);
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
      new TopicCreator(admin, 30_000).ensure(Topics.ALL, Optional.of(options.partitions()), (short) 1);
      stack = new RunningStack(workDir, options, kafka, registry, admin);
      stack.awaitLeaders();
      if (replayFirst) {
        stack.replay();
      }
      int[] ports = FreePorts.take(options.instances());
      for (int i = 0; i < options.instances(); i++) {
        stack.instances.add(stack.startInstance(i, ports[i]));
      }
      stack.awaitRunning();
      return stack;
    } catch (RuntimeException | Error e) {
      if (stack != null) {
        stack.close();
      } else {
        if (admin != null) {
          admin.close();
        }
        if (registry != null) {
          registry.close();
        }
        kafka.close();
      }
      throw e;
    }
  }

  public List<Instance> instances() {
    return List.copyOf(instances);
  }

  public Instance instance(int i) {
    return instances.get(i);
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String registryUrl() {
    return registry.url();
  }

  public String applicationId() {
    return applicationId;
  }

  /**
   * The configuration of an instance of this stack's application (or of another application id),
   * as the instances are configured: defaults, this broker and registry, one stream thread.
   */
  public Map<String, Object> streamsConfig(String appId, Path stateDir, HostInfo applicationServer) {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    overrides.put(StreamsConfig.APPLICATION_SERVER_CONFIG, Placement.name(applicationServer));
    overrides.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    overrides.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, options.standbyReplicas());
    overrides.put("schema.registry.url", registry.url());
    overrides.put(TopologySettings.INPUT_PARTITIONS, Integer.toString(options.partitions()));
    return StreamsConfigs.with(overrides);
  }

  /** A Kafka Streams of the real topology with that configuration, not started. */
  public static KafkaStreams streams(Map<String, Object> config) {
    return new KafkaStreams(LayoffSignalsTopology.build(TopologySettings.fromConfig(config, ErrorCounter.NONE)),
        StreamsConfigs.properties(config));
  }

  private Instance startInstance(int index, int port) {
    HostInfo host = new HostInfo("127.0.0.1", port);
    Map<String, Object> config = streamsConfig(applicationId, workDir.resolve("state-" + index), host);
    topology = LayoffSignalsTopology.build(TopologySettings.fromConfig(config, ErrorCounter.NONE));
    KafkaStreams streams = new KafkaStreams(topology, StreamsConfigs.properties(config));
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    QueryServer server;
    try {
      server = QueryServer.start(new QueryServer.Config("127.0.0.1", port, host), streams, metrics);
    } catch (RuntimeException e) {
      streams.close();
      throw e;
    }
    streams.start();
    return new Instance(streams, server, metrics, host);
  }

  /** Publishes the bundled history with the {@code replay} command (as fast as it can). */
  public void replay() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new ReplayCommand());
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int exit = command.execute("--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry.url(),
        "--no-progress", "--data-dir", DATA.toString());
    if (exit != 0) {
      throw new AssertionError("replay exited with " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
    }
  }

  /** Until every instance is {@code RUNNING} and sees all of them in the application's metadata. */
  public void awaitRunning() {
    await("every instance RUNNING and in the metadata", () -> instances.stream().allMatch(i ->
        i.streams().state() == KafkaStreams.State.RUNNING
            && i.streams().metadataForAllStreamsClients().size() == instances.size()));
  }

  /**
   * Until the application has consumed everything: its committed offsets are at the end (read
   * committed) of every topic it reads (inputs, repartition topics, the outputs its views read),
   * at two checks in a row with the same ends. Under exactly-once, the views then hold every
   * result, and nothing more is coming. The history being clean, late-records and dead-letters
   * must then be empty.
   */
  public void awaitProcessed() {
    Set<String> topics = sourceTopics();
    AtomicReference<Map<TopicPartition, Long>> previous = new AtomicReference<>();
    await("application " + applicationId + " caught up on " + topics, () -> {
      Map<TopicPartition, Long> ends = caughtUpEnds(topics);
      return ends != null && ends.equals(previous.getAndSet(ends));
    });
    Map<TopicPartition, Long> errors = endOffsets(Set.of(Topics.LATE_RECORDS.name(), Topics.DEAD_LETTERS.name()));
    if (errors.values().stream().mapToLong(Long::longValue).sum() != 0) {
      throw new AssertionError("The bundled history is clean and in time order, yet records went to the error topics: "
          + errors + " (application " + applicationId + ", caught up at " + previous.get() + ")");
    }
  }

  /** End offsets (read committed) of every partition of {@code topics}. */
  public Map<TopicPartition, Long> endOffsets(Set<String> topics) {
    try {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) ->
          d.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, Long> ends = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
      admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS)
          .forEach((tp, info) -> ends.put(tp, info.offset()));
      return ends;
    } catch (Exception e) {
      throw new AssertionError("Cannot read the end offsets of " + topics, e);
    }
  }

  /** The end offsets when every committed offset has reached them, else null. */
  private Map<TopicPartition, Long> caughtUpEnds(Set<String> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      if (!existing.containsAll(topics)) {
        return null;
      }
      Map<TopicPartition, Long> ends = endOffsets(topics);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        if ((c == null ? 0 : c.offset()) < e.getValue()) {
          return null;
        }
      }
      return ends;
    } catch (Exception e) {
      throw new AssertionError("Cannot read the offsets of " + applicationId, e);
    }
  }

  /** Every topic the topology reads; internal ones by their full name. */
  private Set<String> sourceTopics() {
    Set<String> catalogue = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());
    Set<String> out = new HashSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source) {
          for (String t : source.topicSet()) {
            out.add(catalogue.contains(t) ? t : applicationId + "-" + t);
          }
        }
      }
    }
    return out;
  }

  private void awaitLeaders() {
    Set<String> names = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());
    await("a leader for every partition", () -> {
      try {
        return admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
            .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
      } catch (Exception e) {
        return false;
      }
    });
  }

  /** Polls {@code condition} every 100 ms until it holds; fails after {@link #WAIT}. */
  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + WAIT + ": " + what);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(100); // polling interval of a bounded wait on a condition
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what, e);
      }
    }
  }

  /** Stops the instances (servers first), then the registry and the broker. */
  @Override
  public void close() {
    List<Exception> failures = new ArrayList<>();
    for (Instance i : instances) {
      try {
        i.closeServer();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    for (Instance i : instances) {
      try {
        i.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    admin.close();
    registry.close();
    kafka.close();
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError("Could not stop every instance");
      failures.forEach(error::addSuppressed);
      throw error;
    }
  }
}
