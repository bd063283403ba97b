package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.benchmarks.pipeline.BenchCompanies.BenchCompany;
import dev.layoffsignals.benchmarks.pipeline.BenchReport.InputFigures;
import dev.layoffsignals.benchmarks.pipeline.BenchReport.Latency;
import dev.layoffsignals.benchmarks.pipeline.BenchReport.Machine;
import dev.layoffsignals.benchmarks.pipeline.BenchReport.Memory;
import dev.layoffsignals.benchmarks.pipeline.BenchReport.Phase;
import dev.layoffsignals.benchmarks.pipeline.BenchReport.Round;
import dev.layoffsignals.benchmarks.pipeline.BenchReport.Settings;
import dev.layoffsignals.benchmarks.pipeline.BenchReport.State;
import dev.layoffsignals.benchmarks.pipeline.BenchReport.Targets;
import dev.layoffsignals.benchmarks.pipeline.BenchReport.Throughput;
import dev.layoffsignals.extractor.LayoffExtractor;
import dev.layoffsignals.streams.StreamsConfigs;
import dev.layoffsignals.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The pipeline benchmark: on a real local broker, with the synthetic input, in this order
 * <ol>
 *   <li>the throughput of a bare consumer that reads and Avro-decodes the ticks (the floor), of a
 *       trivial Kafka Streams pass-through and of the full topology, both exactly-once, on the
 *       same published input, and what the full topology produced;</li>
 *   <li>in live mode, on a fresh broker, the latency from sending a layoff article to the first
 *       reaction on {@code market-reactions}, at a fixed tick and article rate;</li>
 *   <li>on a fresh broker, the full topology on twice the ticks with the same articles, and its
 *       state against the first run's.</li>
 * </ol>
 * Each application runs in its own JVM ({@link WorkerProcess}) with the heap limit under test.
 */
final class PipelineBenchmark {

  /** What can be run; all by default. */
  enum Step { FLOOR, PASS_THROUGH, FULL, LATENCY, STATE }

  /** The 2 cores' targets of the issue. */
  static final double MIN_FULL_OVER_PASS_THROUGH = 0.5;
  static final double MAX_P99_MS = 300;
  static final long MAX_HEAP_BYTES = 512L * 1024 * 1024;
  /** State is flat when twice the ticks leave at most this much more in the stores (and 4 KiB). */
  static final double STATE_GROWTH_TOLERANCE = 1.10;

  /**
   * The run's options.
   *
   * @param sizes the input of the throughput phases
   * @param liveTickRate ticks per second in live mode
   * @param liveArticleRate layoff articles per second in live mode
   * @param liveAnnouncements announcements whose latency is measured
   * @param liveWarmup how long the live feed runs at least before the articles sent count (and then
   *     until the application keeps up and its JIT has settled)
   * @param liveMaxWarmup how long at most: then the articles count anyway, and the report says so
   * @param liveJitShare the JIT has settled when the application JVM compiled for at most this share
   *     of the last {@link #JIT_WINDOW} (see {@link JitActivity})
   * @param streamsOverrides Kafka Streams (or topology) settings over the shipped defaults, for every application run
   * @param brokerOverrides broker settings over local-kafka's defaults
   * @param repeat rounds of the throughput phases (floor, pass-through, full, back to back)
   * @param brokerWarmUp whether a run of each application measured, not measured itself, goes before the rounds
   */
  record Options(PipelineInput.Sizes sizes, int partitions, boolean inProcessBroker, String appHeap,
      List<String> appJvmOptions, Map<String, String> streamsOverrides, Map<String, String> brokerOverrides,
      double liveTickRate, double liveArticleRate,
      int liveAnnouncements, Duration liveWarmup, Duration liveMaxWarmup, double liveJitShare, Set<Step> steps, int repeat, boolean brokerWarmUp, Path workDir,
      Path output, boolean smoke, String command) {}

  private static final Duration WORKER_START = Duration.ofMinutes(3);
  private static final Duration WORKER_RUN = Duration.ofMinutes(40);
  /** How long the live feed goes on after the last measured article, waiting for its reaction. */
  private static final Duration LIVE_TAIL = Duration.ofSeconds(30);
  /** The JIT has settled when it compiled for at most this share of the last {@link #JIT_WINDOW} (default). */
  static final double SETTLED_JIT_SHARE = 0.1;
  /** How far back the JIT's activity is looked at. */
  static final Duration JIT_WINDOW = Duration.ofSeconds(10);
  /** Keeping up: no more than this much of the feed's input waiting to be consumed. */
  private static final double KEEP_UP_SECONDS = 0.5;

  private final Options options;
  private final PrintWriter out;
  private final Path runDir;
  /** What each worker run reported, by phase name. */
  private final Map<String, WorkerResult> results = new LinkedHashMap<>();
  private final long startedNanos = System.nanoTime();

  PipelineBenchmark(Options options, PrintWriter out) {
    this.options = options;
    this.out = out;
    this.runDir = options.workDir().resolve("run");
  }

  BenchReport run() throws Exception {
    Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    double loadAtStart = load();
    deleteRecursively(runDir);
    Files.createDirectories(runDir);
    LayoffExtractor extractor = LayoffExtractor.withDefaultGazetteer();
    List<BenchCompany> companies = BenchCompanies.pick(extractor, options.sizes().companies());
    Set<Step> steps = options.steps().isEmpty() ? EnumSet.allOf(Step.class) : EnumSet.copyOf(options.steps());

    PipelineInput input = PipelineInput.generate(options.sizes(), companies, extractor);
    say("Input: %,d ticks (%d stocks + QQQ, %d sessions, %d ticks per stock and session), %,d articles "
            + "(%,d report layoffs), seed %d; %d partitions; applications %s, commit.interval.ms=%d, -Xmx%s",
        input.tickCount(), options.sizes().companies(), options.sizes().days(),
        input.tickSpec().ticksPerSession() + 2, input.articles().size(), options.sizes().layoffArticles(),
        options.sizes().seed(), options.partitions(), settings().processingGuarantee(), commitIntervalMs(),
        options.appHeap());

    List<Round> rounds = new ArrayList<>();
    OutputDigest outputs = null;
    double publishSeconds = 0;
    Latency latency = null;
    State state = null;
    try (BenchCluster cluster = BenchCluster.start(runDir.resolve("kafka"), options.inProcessBroker(),
        options.partitions(), options.brokerOverrides())) {
      say("Broker %s (%s), schema registry %s", cluster.bootstrapServers(),
          options.inProcessBroker() ? "in this JVM" : "child JVM", cluster.registryUrl());
      boolean used = false;
      if (steps.contains(Step.FLOOR) || steps.contains(Step.PASS_THROUGH) || steps.contains(Step.FULL)) {
        used = true;
        InputPublisher.Published published = InputPublisher.publish(cluster, input);
        publishSeconds = published.seconds();
        say("Published %,d ticks and %,d articles in event-time order, %,d heartbeats, in %.1f s", published.ticks(),
            published.articles(), published.heartbeats(), published.seconds());
        if (options.brokerWarmUp()) {
          outputs = warmUpBroker(cluster, steps);
        }
        // rounds of floor, pass-through, full back to back: a ratio compares runs under the same load
        for (int round = 1; round <= options.repeat(); round++) {
          String suffix = round == 1 ? "" : "-" + round;
          Phase f = steps.contains(Step.FLOOR)
              ? measure(cluster, "floor" + suffix, PipelineWorker.FLOOR, "bench-floor" + suffix) : null;
          Phase p = steps.contains(Step.PASS_THROUGH)
              ? measure(cluster, "pass-through" + suffix, PipelineWorker.PASS_THROUGH, "bench-pass-through" + suffix) : null;
          Phase x = null;
          if (steps.contains(Step.FULL)) {
            x = measure(cluster, "full" + suffix, PipelineWorker.FULL, "bench-full" + suffix);
            if (outputs == null) { // the first run's; later runs write the same outputs again
              outputs = readOutputs(cluster);
            }
          }
          rounds.add(new Round(round, f, p, x, ratio(x, p), ratio(x, f)));
        }
      }
      if (steps.contains(Step.LATENCY)) {
        if (used) {
          cluster.recreateTopics();
        }
        used = true;
        latency = latency(cluster, companies);
      }
      if (steps.contains(Step.STATE)) {
        if (used) {
          cluster.recreateTopics();
        }
        state = state(cluster, rounds.isEmpty() ? null : rounds.get(0).full(), companies, extractor);
      }
    }
    Throughput throughput = rounds.isEmpty() ? null : Throughput.of(rounds);
    Phase full = rounds.isEmpty() ? null : rounds.get(0).full();
    if (throughput != null && throughput.fullOverPassThrough() != null) {
      say("  full / pass-through = %.2f (median of %d rounds; target >= %.1f); full / floor = %.3f",
          throughput.fullOverPassThrough(), rounds.size(), MIN_FULL_OVER_PASS_THROUGH,
          throughput.fullOverFloor() == null ? Double.NaN : throughput.fullOverFloor());
    }

    Memory memory = memory(rounds, latency, state);
    Targets targets = new Targets(
        throughput == null || throughput.fullOverPassThrough() == null ? null
            : throughput.fullOverPassThrough() >= MIN_FULL_OVER_PASS_THROUGH,
        latency == null || latency.millis() == null ? null : latency.missing() == 0 && latency.millis().p99Ms() <= MAX_P99_MS,
        memory == null ? null : memory.peakHeapUsedBytes() <= MAX_HEAP_BYTES,
        state == null ? null : stateFlat(state));
    BenchReport report = new BenchReport(options.command(), startedAt.toString(), options.smoke(),
        machine(loadAtStart), settings(),
        new InputFigures(options.sizes().seed(), input.tickCount(), options.sizes().days(), options.sizes().companies(),
            input.tickSpec().ticksPerSession() + 2, input.articles().size(), options.sizes().layoffArticles(),
            publishSeconds),
        throughput, outputs, latency, memory, state, targets);
    report.write(options.output());
    BenchSummary.print(report, out);
    say("Written: %s", options.output());
    return report;
  }

  /**
   * One run of each application measured, not measured itself. A fresh broker serving an
   * application's first run pays its own JIT compiling the paths that run takes (produce, fetch,
   * transactions over many partitions, internal topics): 7–15 CPU s of the broker against 2–8 in
   * later runs on 2 cores. Without this, round 1's runs were the slowest and its ratio the odd one
   * out. The measured applications stay cold, each in a fresh JVM.
   *
   * @return the outputs of the full topology's run (the digest), or null when it did not run
   */
  private OutputDigest warmUpBroker(BenchCluster cluster, Set<Step> steps) throws Exception {
    OutputDigest outputs = null;
    for (Step step : List.of(Step.PASS_THROUGH, Step.FULL)) {
      if (!steps.contains(step)) {
        continue;
      }
      double brokerCpu = cluster.brokerCpuSeconds();
      String mode = step == Step.FULL ? PipelineWorker.FULL : PipelineWorker.PASS_THROUGH;
      String name = "warm-up-" + mode;
      emptyOutputs(cluster, mode);
      try (WorkerProcess worker = worker(cluster, name, mode, "bench-" + name, "done")) {
        WorkerResult result = worker.awaitResult(WORKER_RUN);
        say("  broker warm-up, not measured: %s in %.2f s%s", mode, result.processingSeconds(),
            brokerCpu < 0 ? "" : String.format(Locale.ROOT, ", broker CPU s %.1f", cluster.brokerCpuSeconds() - brokerCpu));
      }
      if (step == Step.FULL) {
        outputs = readOutputs(cluster);
      }
    }
    return outputs;
  }

  /** The full topology's outputs, read once, after its first run: later runs write the same again. */
  private OutputDigest readOutputs(BenchCluster cluster) throws Exception {
    OutputDigest outputs = OutputDigest.read(cluster);
    say("  outputs: %,d announcements, %,d reactions (%,d settled), %,d windows (%,d FINAL), %d late, %d dead letters;"
            + " sha256 %s, settled only %s", outputs.announcements(), outputs.reactions(), outputs.settledReactions(),
        outputs.windows(), outputs.finalWindows(), outputs.lateRecords(), outputs.deadLetters(), outputs.sha256(),
        outputs.settledSha256());
    return outputs;
  }

  /** One worker run until everything is processed, on empty outputs. */
  private Phase measure(BenchCluster cluster, String name, String mode, String applicationId) throws Exception {
    emptyOutputs(cluster, mode);
    double before = load();
    double brokerCpu = cluster.brokerCpuSeconds();
    try (WorkerProcess worker = worker(cluster, name, mode, applicationId, "done")) {
      WorkerResult result = worker.awaitResult(WORKER_RUN);
      results.put(name, result);
      Phase phase = Phase.of(name, result, brokerCpu < 0 ? -1 : cluster.brokerCpuSeconds() - brokerCpu, before, load());
      say("  %-13s %,10.0f ticks/s  %,d ticks in %.2f s (startup %.1f s), CPU s %.1f (JIT %.1f s, of it on a CPU %.1f s;"
              + " stream thread %.1f s) + broker %.1f, peak heap %s, load %.1f -> %.1f", name, phase.ticksPerSecond(),
          phase.ticks(), phase.seconds(), phase.startupSeconds(), phase.cpuSeconds(), phase.jitSeconds(),
          phase.jitCpuSeconds(), phase.streamThreadCpuSeconds(), phase.brokerCpuSeconds(),
          BenchSummary.mib(phase.heap().peakUsedBytes()), phase.loadBefore(), phase.loadAfter());
      return phase;
    }
  }

  /**
   * Every run of an application starts on empty output topics, as the first did: the full
   * topology's views read theirs from the beginning, and would otherwise read back every earlier
   * run's outputs too (with the warm-up, four runs' worth by round 3).
   */
  private static void emptyOutputs(BenchCluster cluster, String mode) throws Exception {
    switch (mode) {
      case PipelineWorker.FULL -> cluster.recreateFullOutputs();
      case PipelineWorker.PASS_THROUGH -> cluster.recreatePassThroughOutput();
      default -> { } // the floor writes nothing
    }
  }

  private WorkerProcess worker(BenchCluster cluster, String name, String mode, String applicationId, String until)
      throws IOException {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("mode", mode);
    args.put("until", until);
    args.put("bootstrap", cluster.bootstrapServers());
    args.put("registry", cluster.registryUrl());
    args.put("app-id", applicationId);
    args.put("state-dir", runDir.resolve("state-" + name).toAbsolutePath().toString());
    options.streamsOverrides().forEach((k, v) -> args.put("set." + k, v));
    return WorkerProcess.start(runDir.resolve("workers"), name, options.appHeap(), options.appJvmOptions(), args);
  }

  private Latency latency(BenchCluster cluster, List<BenchCompany> companies) throws Exception {
    double before = load();
    try (WorkerProcess worker = worker(cluster, "live", PipelineWorker.FULL, "bench-live", "stopped")) {
      worker.awaitRunning(WORKER_START);
      LiveFeed feed = new LiveFeed(cluster, companies.subList(0, options.sizes().companies()), options.liveTickRate(),
          options.liveArticleRate(), options.sizes().seed());
      List<LiveFeed.Sent> measured;
      List<LiveFeed.Sent> warmUp;
      Map<String, Long> reactions;
      Map<String, Long> announcements;
      long started = System.nanoTime();
      long[] warmedAt = {0};
      boolean[] keptUp = {false};
      boolean[] jitSettled = {false};
      double[] jitShare = {Double.NaN};
      try (OutputWatcher reactionWatcher = new OutputWatcher(cluster, Topics.MARKET_REACTIONS.name());
          OutputWatcher announcementWatcher = new OutputWatcher(cluster, Topics.LAYOFF_ANNOUNCEMENTS.name());
          LagProbe lag = new LagProbe(cluster, "bench-live", (long) (options.liveTickRate() * KEEP_UP_SECONDS))) {
        long minWarmup = options.liveWarmup().toNanos();
        long maxWarmup = Math.max(minWarmup, options.liveMaxWarmup().toNanos());
        BooleanSupplier warmedUp = () -> {
          if (warmedAt[0] == 0) {
            long now = System.nanoTime();
            long elapsed = now - started;
            // a JVM that has just started compiles for a minute or more on two cores: measured
            // then, the latency would be the compiler's as much as the pipeline's
            OptionalDouble jit = worker.jit().share(JIT_WINDOW, now);
            boolean settled = jit.isPresent() && jit.getAsDouble() <= options.liveJitShare();
            if (elapsed >= minWarmup && ((lag.keepsUp() && settled) || elapsed >= maxWarmup)) {
              warmedAt[0] = now;
              keptUp[0] = lag.keepsUp();
              jitSettled[0] = settled;
              jitShare[0] = jit.orElse(Double.NaN);
              say("  live: warmed up after %.1f s (%s; %,d ticks behind; JIT %s: compiling %.0f %% of the last %d s)",
                  (warmedAt[0] - started) / 1e9, keptUp[0] ? "keeping up" : "NOT keeping up, measuring anyway",
                  lag.lastLag(), settled ? "settled" : "NOT settled, measuring anyway", 100 * jitShare[0],
                  JIT_WINDOW.toSeconds());
            }
          }
          return warmedAt[0] != 0;
        };
        long[] tail = {0, 0}; // when the tail began, when it was last checked
        feed.run(warmedUp, options.liveAnnouncements(), () -> {
          // every measured article is out: go on with the ticks until each has its reaction and its
          // announcement read back, or the tail ends
          long now = System.nanoTime();
          if (tail[0] == 0) {
            tail[0] = now;
          }
          if (now - tail[1] < 50_000_000L) {
            return true; // checked every 50 ms, not at every pacing step
          }
          tail[1] = now;
          // both watchers: the announcement's, polling on its own thread, may read a transaction
          // after the reaction's watcher has read it
          boolean allSeen = feed.measured().stream()
              .allMatch(s -> reactionWatcher.firstSeenNanos().containsKey(s.articleId())
                  && announcementWatcher.firstSeenNanos().containsKey(s.articleId()));
          return !allSeen && now - tail[0] < LIVE_TAIL.toNanos();
        });
        measured = feed.measured();
        warmUp = feed.warmUp();
        reactions = Map.copyOf(reactionWatcher.firstSeenNanos());
        announcements = Map.copyOf(announcementWatcher.firstSeenNanos());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      WorkerResult result = worker.stop(WORKER_START);
      double[] toReaction = latencies(measured, reactions);
      LatencyStats stats = LatencyStats.of(toReaction);
      Latency latency = new Latency(options.liveTickRate(), options.liveArticleRate(), feed.ticksPerSymbolSession(),
          (warmedAt[0] - started) / 1e9, keptUp[0], jitSettled[0], jitShare[0], options.liveAnnouncements(),
          toReaction.length, measured.size() - toReaction.length, stats, LatencyStats.of(latencies(measured, announcements)),
          LatencyStats.of(latencies(warmUp, reactions)), feed.ticksSent(), seconds, feed.ticksSent() / seconds, before, load(), result.heap());
      if (stats == null) {
        say("  live: no reaction arrived for the %d articles measured", measured.size());
      } else {
        say("  live: %d of %d announcements, article -> first reaction p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms"
                + " (-> announcement p50 %.0f ms, p99 %.0f ms); %,.0f ticks/s achieved, peak heap %s, load %.1f -> %.1f",
            toReaction.length, measured.size(), stats.p50Ms(), stats.p90Ms(), stats.p99Ms(), stats.maxMs(),
            latency.toAnnouncement() == null ? Double.NaN : latency.toAnnouncement().p50Ms(),
            latency.toAnnouncement() == null ? Double.NaN : latency.toAnnouncement().p99Ms(),
            latency.achievedTickRate(), BenchSummary.mib(result.heap().peakUsedBytes()), latency.loadBefore(),
            latency.loadAfter());
      }
      if (latency.duringWarmup() != null) {
        LatencyStats w = latency.duringWarmup();
        say("  live: during the warm-up (not counted), %d articles: p50 %.0f ms, p99 %.0f ms, max %.0f ms", w.samples(),
            w.p50Ms(), w.p99Ms(), w.maxMs());
      }
      return latency;
    }
  }

  /** Milliseconds from sending each article to the first record of its announcement, for those that have one. */
  private static double[] latencies(List<LiveFeed.Sent> sent, Map<String, Long> firstSeenNanos) {
    List<Double> out = new ArrayList<>();
    for (LiveFeed.Sent s : sent) {
      Long at = firstSeenNanos.get(s.articleId());
      if (at != null) {
        out.add((at - s.sentNanos()) / 1e6);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private State state(BenchCluster cluster, Phase full, List<BenchCompany> companies, LayoffExtractor extractor)
      throws Exception {
    PipelineInput twice = PipelineInput.generate(options.sizes().twiceTheTicks(), companies, extractor);
    InputPublisher.Published published = InputPublisher.publish(cluster, twice);
    say("Published %,d ticks (%d sessions) and %,d articles, %,d heartbeats, in %.1f s", published.ticks(),
        options.sizes().days() * 2, published.articles(), published.heartbeats(), published.seconds());
    double before = load();
    double brokerCpu = cluster.brokerCpuSeconds();
    WorkerResult result;
    try (WorkerProcess worker = worker(cluster, "full-2x", PipelineWorker.FULL, "bench-full-2x", "done")) {
      result = worker.awaitResult(WORKER_RUN);
    }
    Phase full2x = Phase.of("full-2x", result, brokerCpu < 0 ? -1 : cluster.brokerCpuSeconds() - brokerCpu, before,
        load());
    OutputDigest outputs2x = OutputDigest.read(cluster);
    WorkerResult oneX = full == null ? null : results.get(full.name());
    long storeBytes2x = StoreSizes.inMemoryBytes(result.stores());
    State state = new State(oneX == null ? 0 : oneX.ticks(), result.ticks(),
        oneX == null ? 0 : StoreSizes.inMemoryBytes(oneX.stores()), storeBytes2x,
        oneX == null ? 0 : oneX.stateDirBytes(), result.stateDirBytes(),
        oneX == null ? Map.of() : oneX.stores(), result.stores(), full2x, outputs2x);
    say("  full-2x       %,10.0f ticks/s  %,d ticks in %.2f s; in-memory stores %s (1x: %s), state directory %s (1x: %s)",
        full2x.ticksPerSecond(), full2x.ticks(), full2x.seconds(), BenchSummary.kib(state.storeBytes2x()),
        BenchSummary.kib(state.storeBytes1x()), BenchSummary.kib(state.stateDirBytes2x()),
        BenchSummary.kib(state.stateDirBytes1x()));
    return state;
  }

  private static boolean stateFlat(State s) {
    return s.ticks1x() > 0 && s.storeBytes2x() <= s.storeBytes1x() * STATE_GROWTH_TOLERANCE + 4096;
  }

  private Memory memory(List<Round> rounds, Latency latency, State state) {
    Map<String, HeapSampler.Heap> heaps = new LinkedHashMap<>();
    Stream.concat(rounds.stream().flatMap(r -> Stream.of(r.floor(), r.passThrough(), r.full())),
            Stream.of(state == null ? null : state.full2x()))
        .filter(p -> p != null && p.heap() != null).forEach(p -> heaps.put(p.name(), p.heap()));
    if (latency != null && latency.heap() != null) {
      heaps.put("live", latency.heap());
    }
    return heaps.entrySet().stream().max(Comparator.comparingLong(e -> e.getValue().peakUsedBytes()))
        .map(e -> new Memory("-Xmx" + options.appHeap(), e.getValue().peakUsedBytes(), e.getKey(),
            heaps.values().stream().mapToLong(HeapSampler.Heap::afterGcBytes).max().orElse(0)))
        .orElse(null);
  }

  static Double ratio(Phase a, Phase b) {
    return a == null || b == null || b.ticksPerSecond() == 0 ? null : a.ticksPerSecond() / b.ticksPerSecond();
  }

  private long commitIntervalMs() {
    Object value = StreamsConfigs.with(options.streamsOverrides()).get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    return Long.parseLong(value.toString().trim());
  }

  private Settings settings() {
    Map<String, Object> effective = StreamsConfigs.with(options.streamsOverrides());
    return new Settings(String.valueOf(effective.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)), commitIntervalMs(),
        options.appHeap(), options.appJvmOptions(), options.partitions(),
        options.inProcessBroker() ? "in-process" : "child JVM", options.brokerWarmUp(), options.streamsOverrides(),
        options.brokerOverrides());
  }

  private static Machine machine(double loadAtStart) {
    long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getTotalMemorySize() : -1;
    return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), memory,
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        AppInfoParser.getVersion(), loadAtStart, load());
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The system's load average over the last minute (what {@code uptime} shows first). */
  static double load() {
    return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
  }

  /** A progress line, with the time since the start. */
  private void say(String format, Object... args) {
    out.println(String.format(Locale.ROOT, "[%5.1f s] ", (System.nanoTime() - startedNanos) / 1e9)
        + String.format(Locale.ROOT, format, args));
    out.flush();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
