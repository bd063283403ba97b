package dev.layoffsignals.cli;

import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.producers.ReplayCommand;
import dev.layoffsignals.registry.LocalSchemaRegistry;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.TopicCreator;
import dev.layoffsignals.topics.Topics;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.streams.LayoffSignalsTopology;
import dev.layoffsignals.streams.app.Backlog;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole system on one machine — a real Kafka broker in a child JVM, the local
 * schema registry, the catalogue's topics, and a replay of the bundled real history.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Start a real single-node Kafka broker (child JVM, KRaft, 127.0.0.1), the local schema registry, "
            + "create the topics, start the topology with its HTTP server (dashboard, query API, /metrics), "
            + "and replay the bundled real data (layoffs.fyi records and daily prices) at full speed; once it is "
            + "processed, print the largest market reactions and the monthly market-wide aggregates, and serve "
            + "http://127.0.0.1:8080 until Ctrl-C.",
        "Everything runs in the work directory, wiped at start unless --keep; Ctrl-C stops every process."
    })
public final class DemoCommand implements Callable<Integer> {

  static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(10);

  @Spec
  CommandSpec spec;

  @Option(names = "--work-dir", defaultValue = ".layoff-signals", description = "Work directory (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--keep", description = "Keep the broker's data of the previous run instead of wiping it.")
  boolean keep;

  @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the data topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--data-dir", description = "The data to replay (default: data/historical of the installation).")
  Path dataDir;

  @Option(names = "--kafka-port", defaultValue = "0", description = "Broker port on 127.0.0.1 (default: any free port).")
  int kafkaPort;

  @Option(names = "--registry-port", defaultValue = "0", description = "Schema registry port on 127.0.0.1 (default: any free port).")
  int registryPort;

  @Option(names = "--http-port", defaultValue = "8080", description = "Port of the dashboard and API (default: ${DEFAULT-VALUE}; 0: any free port).")
  int httpPort;

  @Option(names = "--http-host", defaultValue = "127.0.0.1", paramLabel = "HOST",
      description = "Address the dashboard and API bind to (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0: every interface).")
  String httpHost;

  @Option(names = "--exit-when-done", description = "Exit after the summary instead of running until Ctrl-C (for scripts and tests).")
  boolean exitWhenDone;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (ShutdownSignal stop = ShutdownSignal.install("demo-shutdown");
        LocalKafka kafka = LocalKafka.builder()
            .workDir(workDir.resolve("kafka"))
            .brokerPort(kafkaPort)
            .keepData(keep)
            .startChildProcess();
        LocalSchemaRegistry registry = LocalSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", registryPort);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      out.printf("Kafka broker:     %s (child JVM, pid %d, work dir %s)%n", kafka.bootstrapServers(), kafka.pid(), kafka.workDir());
      out.printf("Schema registry:  %s%n", registry.url());
      out.flush();

      List<TopicCreator.Result> topics = new TopicCreator(admin, 60_000).ensure(Topics.ALL, Optional.of(partitions), (short) 1);
      out.printf("Topics:           %s%n", topics.stream().map(TopicCreator.Result::topic).collect(Collectors.joining(", ")));
      out.flush();

      // The history is published before the topology starts, which then catches up on it. A
      // full-speed producer writing while the topology reads can get records late (see "Known
      // limits" in docs/topology.md); catching up on data already there cannot.
      if (keep && hasInput(admin)) {
        out.printf("Kept data:        the topics already hold a replay (--keep); nothing replayed%n");
      } else {
        int replayed = replay(kafka.bootstrapServers(), registry.url());
        if (replayed != 0) {
          spec.commandLine().getErr().println("The replay failed (exit code " + replayed + "); see above.");
          return replayed;
        }
      }
      try (RunningInstance instance = RunningInstance.start(streamsSettings(kafka.bootstrapServers(), registry.url()))) {
        String url = instance.server().url();
        out.printf("Topology:         running, %d input partitions; dashboard and API at %s%n", instance.app().inputPartitions(), url);
        out.flush();
        long started = System.nanoTime();
        if (!awaitProcessed(instance, admin, stop)) {
          return 130; // interrupted by Ctrl-C while processing
        }
        out.printf("Processed:        everything, in %.1f s%n", (System.nanoTime() - started) / 1e9);
        printTopicCounts(admin, out);
        DemoSummary.print(out,
            ViewContents.all(instance.app().streams(), LayoffSignalsTopology.Names.REACTIONS_VIEW, MarketReaction.class),
            ViewContents.all(instance.app().streams(), LayoffSignalsTopology.Names.WINDOWS_VIEW, ReactionWindow.class));

        if (exitWhenDone) {
          return 0;
        }
        out.printf("%nDashboard: %s   API: %s/api/reactions?ticker=META   Metrics: %s/metrics%n"
            + "Kafka: %s   Schema registry: %s%n"
            + "Try, in another terminal:%n"
            + "  ./layoff-signals produce-articles --bootstrap-servers %s --schema-registry-url %s FILE.jsonl%n"
            + "Press Ctrl-C to stop every process.%n", url, url, url, kafka.bootstrapServers(), registry.url(),
            kafka.bootstrapServers(), registry.url());
        out.flush();
        stop.await();
        out.println("Stopping...");
        out.flush();
        return 0;
      }
    }
  }

  /** The topology's settings in the demo: this broker and registry, state in the work directory, the dashboard's port. */
  Map<String, String> streamsSettings(String bootstrapServers, String registryUrl) throws IOException {
    Map<String, String> settings = new TreeMap<>();
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "layoff-signals-demo");
    settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    settings.put(StreamsConfig.STATE_DIR_CONFIG, workDir.resolve("state").toAbsolutePath().toString());
    settings.put(RunningInstance.HTTP_HOST, httpHost);
    // the demo is a replay, bound by throughput: one transaction a second over its ~36 tasks halves
    // the time to the summary (46 s -> 23 s on 2 cores) for updates a second apart instead of 100 ms
    settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
    settings.put(RunningInstance.HTTP_PORT, Integer.toString(httpPort == 0 ? freePort() : httpPort));
    return settings;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean hasInput(Admin admin) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(List.of(Topics.STOCK_TICKS.name())).allTopicNames().get().values()
        .forEach(d -> d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    return admin.listOffsets(request).all().get().values().stream().anyMatch(i -> i.offset() > 0);
  }

  /**
   * Until the topology has processed everything (see {@link dev.layoffsignals.streams.app.Backlog}),
   * with a progress line; false when Ctrl-C came first.
   */
  private boolean awaitProcessed(RunningInstance instance, Admin admin, ShutdownSignal stop) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    long deadline = System.nanoTime() + PROCESSING_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (instance.app().stopped().isDone()) {
        throw new IllegalStateException("Kafka Streams stopped (" + instance.app().stopped().join() + "); see the log above");
      }
      if (instance.app().streams().state() == KafkaStreams.State.RUNNING) {
        Backlog backlog = instance.app().backlog(admin);
        if (backlog.isEmpty()) {
          err.print("\r\033[K");
          err.flush();
          return true;
        }
        err.printf("\r\033[KProcessing:       %,d records left", backlog.remaining());
        err.flush();
      }
      if (stop.await(Duration.ofMillis(250))) { // the polling interval, or Ctrl-C
        return false;
      }
    }
    throw new IllegalStateException("The topology has not processed the replay within " + PROCESSING_TIMEOUT);
  }

  private int replay(String bootstrapServers, String registryUrl) {
    CommandLine replay = new CommandLine(new ReplayCommand());
    replay.setOut(spec.commandLine().getOut());
    replay.setErr(spec.commandLine().getErr());
    return replay.execute(
        "--bootstrap-servers", bootstrapServers,
        "--schema-registry-url", registryUrl,
        "--data-dir", dataDir().toString());
  }

  private Path dataDir() {
    if (dataDir != null) {
      return dataDir;
    }
    String home = System.getenv("LAYOFF_SIGNALS_HOME");
    return home == null ? Path.of("data", "historical") : Path.of(home, "data", "historical");
  }

  private static void printTopicCounts(Admin admin, PrintWriter out) throws Exception {
    List<String> names = Topics.ALL.stream().map(Topic::name).toList();
    Map<String, org.apache.kafka.clients.admin.TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
    Map<TopicPartition, OffsetSpec> request = described.values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    var ends = admin.listOffsets(request).all().get();
    out.printf("%nRecords per topic:%n");
    List<String> lines = new ArrayList<>();
    for (String name : names) {
      long count = ends.entrySet().stream().filter(e -> e.getKey().topic().equals(name)).mapToLong(e -> e.getValue().offset()).sum();
      lines.add(String.format("  %-22s %,10d", name, count));
    }
    lines.forEach(out::println);
    out.flush();
  }
}
