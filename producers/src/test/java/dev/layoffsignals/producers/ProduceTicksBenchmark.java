package dev.layoffsignals.producers;

import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.registry.LocalSchemaRegistry;
import dev.layoffsignals.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;

/**
 * Publishes synthetic ticks to a local broker and reports ticks per second (see docs/producers.md).
 * Not a test: run it by hand with the module's test classpath.
 *
 * <pre>
 * java -cp producers/target/classes:producers/target/test-classes:$(cat cp.txt) \
 *   dev.layoffsignals.producers.ProduceTicksBenchmark [ticks=5000000] [broker=child|in-process] [extra produce-ticks args...]
 * </pre>
 */
public final class ProduceTicksBenchmark {

  private ProduceTicksBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    long ticks = 5_000_000;
    boolean child = true;
    List<String> extra = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("ticks=")) {
        ticks = Long.parseLong(a.substring(6));
      } else if (a.startsWith("broker=")) {
        child = a.substring(7).equals("child");
      } else {
        extra.add(a);
      }
    }
    Path work = Files.createTempDirectory("produce-ticks-benchmark");
    try {
      run(work, ticks, child, extra);
    } finally {
      // the broker's log of millions of ticks: not worth keeping
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(Path work, long ticks, boolean child, List<String> extra) throws Exception {
    try (LocalKafka kafka = child ? LocalKafka.startChildProcess(work.resolve("kafka")) : LocalKafka.startInProcess(work.resolve("kafka"));
         LocalSchemaRegistry registry = LocalSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0)) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        admin.createTopics(List.of(Topics.STOCK_TICKS.newTopic(Optional.empty(), (short) 1))).all().get();
      }
      List<String> cmd = new ArrayList<>(List.of(
          "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry.url(), "--no-progress",
          // 500 symbols x 25 sessions x 392 ticks = 4.9 M; the limit caps a longer run at exactly `ticks`
          "--synthetic", "symbols=500,days=" + (ticks / (501 * 392) + 1) + ",ticks-per-session=390,seed=42,limit=" + ticks));
      cmd.addAll(extra);
      CommandLine cl = new CommandLine(new ProduceTicksCommand());
      cl.setOut(new PrintWriter(System.out, true));
      cl.setErr(new PrintWriter(System.err, true));
      long start = System.nanoTime();
      int exit = cl.execute(cmd.toArray(String[]::new));
      double seconds = (System.nanoTime() - start) / 1e9;
      long onBroker;
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(Topics.STOCK_TICKS.name())).allTopicNames().get().get(Topics.STOCK_TICKS.name())
            .partitions().forEach(p -> latest.put(new TopicPartition(Topics.STOCK_TICKS.name(), p.partition()), OffsetSpec.latest()));
        onBroker = admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
      }
      System.out.printf("BENCHMARK exit=%d ticks=%d on-broker=%d seconds=%.2f ticks/s=%,.0f broker=%s cores=%d%n",
          exit, ticks, onBroker, seconds, ticks / seconds, child ? "child-jvm" : "in-process",
          Runtime.getRuntime().availableProcessors());
    }
  }
}
