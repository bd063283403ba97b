package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.benchmarks.pipeline.PipelineBenchmark.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: the pipeline benchmark (see {@link PipelineBenchmark} and docs/benchmarks.md). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Benchmark the pipeline on a real local broker with synthetic input (deterministic by seed): the "
            + "throughput of (1) a bare consumer that reads and Avro-decodes the ticks, (2) a trivial exactly-once "
            + "Kafka Streams pass-through and (3) the full topology, on the same input; then, live, the latency from "
            + "a layoff article to its first reaction at a fixed input rate; the applications' peak heap; and the "
            + "state after the input and after twice the ticks with the same articles.",
        "Every application runs in its own JVM with -Xmx of --app-heap. Results: a summary on standard output and "
            + "a JSON file (--output). --smoke runs the same on a tiny input in well under a minute."
    })
public final class BenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--ticks", description = "Ticks of the input; whole sessions, so at most this many (default: 2000000; smoke: 10000).")
  Long ticks;

  @Option(names = "--days", description = "Trading days the ticks span (default: 250; smoke: 15).")
  Integer days;

  @Option(names = "--companies", description = "Listed companies: stocks of the feed besides QQQ, named by the articles (default: 60; smoke: 8).")
  Integer companies;

  @Option(names = "--articles", description = "Articles in all (default: 20000; smoke: 100).")
  Integer articles;

  @Option(names = "--layoff-articles", description = "Articles that report a layoff, each a new announcement (default: 2000; smoke: 10).")
  Integer layoffArticles;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of prices and articles (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--live-tick-rate", description = "Ticks per second in live mode (default: 20000; smoke: 300).")
  Double liveTickRate;

  @Option(names = "--live-article-rate", description = "Layoff articles per second in live mode (default: 10).")
  Double liveArticleRate;

  @Option(names = "--live-announcements", description = "Announcements whose latency is measured (default: 200; smoke: 10).")
  Integer liveAnnouncements;

  @Option(names = "--live-warmup", description = "Seconds the live feed runs at least before articles count, and then until "
      + "the application keeps up and its JIT has settled (see --live-jit-share, --live-max-warmup) (default: 10; smoke: 1).")
  Integer liveWarmupSeconds;

  @Option(names = "--live-max-warmup", description = "Seconds after which the live measurement starts even if the "
      + "application does not keep up or its JIT has not settled, and says so (default: 240; smoke: 2).")
  Integer liveMaxWarmupSeconds;

  @Option(names = "--live-jit-share", description = "The JIT has settled when the application JVM compiled for at most "
      + "this share of the last 10 s (compilation time over wall time; 1 = one compiler thread busy throughout) "
      + "(default: 0.1; smoke: 0.1).")
  Double liveJitShare;

  @Option(names = "--app-heap", defaultValue = "512m", description = "-Xmx of every application JVM (default: ${DEFAULT-VALUE}).")
  String appHeap;

  @Option(names = "--app-jvm-option", description = "More options for the application JVMs, e.g. "
      + "-XX:StartFlightRecording=filename=/tmp/bench-{name}.jfr,settings=profile ({name}: the phase; repeatable).")
  List<String> appJvmOptions = new ArrayList<>();

  @Option(names = {"-p", "--streams-property"}, description = "KEY=VALUE: a Kafka Streams or topology setting over the "
      + "shipped defaults for every application run, e.g. commit.interval.ms=200 (repeatable).")
  Map<String, String> streamsOverrides = new LinkedHashMap<>();

  @Option(names = "--broker-property", description = "KEY=VALUE: a broker setting over local-kafka's defaults (repeatable).")
  Map<String, String> brokerOverrides = new LinkedHashMap<>();

  @Option(names = "--phases", split = ",", description = "Only these, comma-separated: ${COMPLETION-CANDIDATES} (default: all).")
  List<Step> steps = new ArrayList<>();

  @Option(names = "--repeat", defaultValue = "1", description = "Rounds of the throughput phases (floor, pass-through, "
      + "full, back to back on the same input); the report takes medians (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--broker-warm-up", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Before the measured rounds, one run of each application measured (pass-through, full) that is not"
          + " measured itself, so that every measured run, round 1's included, meets a broker whose JIT has compiled"
          + " the paths it serves (default: on; --no-broker-warm-up skips it).")
  boolean brokerWarmUp;

  @Option(names = "--broker", defaultValue = "child", description = "Where the broker runs: child (its own JVM) or "
      + "in-process (default: ${DEFAULT-VALUE}).")
  String broker;

  @Option(names = "--work-dir", defaultValue = "target/bench", description = "Brokers' data, state directories "
      + "and worker logs, wiped at start (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--output", description = "The JSON file of results (default: WORK-DIR/bench-result.json).")
  Path output;

  @Option(names = "--smoke", description = "A tiny input, a short live phase: proves it runs, measures nothing worth quoting.")
  boolean smoke;

  @Override
  public Integer call() throws Exception {
    if (!broker.equals("child") && !broker.equals("in-process")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--broker is child or in-process, not " + broker);
    }
    if (repeat < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repeat is at least 1, not " + repeat);
    }
    PipelineInput.Sizes sizes;
    try {
      sizes = new PipelineInput.Sizes(
          or(ticks, 2_000_000L, 10_000L), or(days, 250, 15), or(companies, 60, 8), or(articles, 20_000, 100),
          or(layoffArticles, 2_000, 10), seed);
      PipelineInput.requireBefore(sizes.days(), steps.isEmpty() || steps.contains(Step.STATE), LocalDate.now(ZoneOffset.UTC));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PipelineBenchmark.Options options = new PipelineBenchmark.Options(sizes, partitions, broker.equals("in-process"),
        appHeap, List.copyOf(appJvmOptions), Map.copyOf(streamsOverrides), Map.copyOf(brokerOverrides),
        or(liveTickRate, 20_000.0, 300.0),
        or(liveArticleRate, 10.0, 10.0), or(liveAnnouncements, 200, 10),
        Duration.ofSeconds(or(liveWarmupSeconds, 10, 1)), Duration.ofSeconds(or(liveMaxWarmupSeconds, 240, 2)),
        or(liveJitShare, PipelineBenchmark.SETTLED_JIT_SHARE, PipelineBenchmark.SETTLED_JIT_SHARE), steps.isEmpty() ? EnumSet.allOf(Step.class) : EnumSet.copyOf(steps),
        repeat, brokerWarmUp, workDir, output != null ? output : workDir.resolve("bench-result.json"), smoke,
        String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    new PipelineBenchmark(options, spec.commandLine().getOut()).run();
    return 0;
  }

  private <T> T or(T given, T normal, T small) {
    return given != null ? given : smoke ? small : normal;
  }
}
