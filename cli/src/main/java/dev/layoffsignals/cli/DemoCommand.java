package dev.layoffsignals.cli;

import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.producers.ReplayCommand;
import dev.layoffsignals.registry.LocalSchemaRegistry;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.TopicCreator;
import dev.layoffsignals.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
            + "create the topics and replay the bundled real data (layoffs.fyi records and daily prices) "
            + "at full speed; then print what was published and keep everything running until Ctrl-C.",
        "Everything runs in the work directory, wiped at start unless --keep; Ctrl-C stops every process."
    })
public final class DemoCommand implements Callable<Integer> {

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

  @Option(names = "--exit-when-done", description = "Exit after the summary instead of running until Ctrl-C (for scripts and tests).")
  boolean exitWhenDone;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        stopped.await(); // the JVM halts when hooks return: wait until every process is closed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (LocalKafka kafka = LocalKafka.builder()
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

      int replayed = replay(kafka.bootstrapServers(), registry.url());
      if (replayed != 0) {
        spec.commandLine().getErr().println("The replay failed (exit code " + replayed + "); see above.");
        return replayed;
      }
      printTopicCounts(admin, out);

      if (exitWhenDone) {
        return 0;
      }
      out.printf("%nRunning. Try, in another terminal:%n"
          + "  ./layoff-signals produce-articles --bootstrap-servers %s --schema-registry-url %s FILE.jsonl%n"
          + "Press Ctrl-C to stop every process.%n", kafka.bootstrapServers(), registry.url());
      out.flush();
      stop.await();
      out.println("Stopping...");
      out.flush();
      return 0;
    } finally {
      stopped.countDown();
      if (stop.getCount() > 0) { // not stopped by Ctrl-C: the hook has not run and is not needed
        removeHook(hook);
      }
    }
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

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already shutting down: the hook runs and finds everything closed
    }
  }
}
