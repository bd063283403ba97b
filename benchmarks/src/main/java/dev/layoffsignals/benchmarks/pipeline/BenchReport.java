package dev.layoffsignals.benchmarks.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.layoffsignals.benchmarks.pipeline.HeapSampler.Heap;
import dev.layoffsignals.benchmarks.pipeline.StoreSizes.StoreSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything one run of the pipeline benchmark measured, as written to the JSON file. A part is
 * null when its phase did not run.
 */
record BenchReport(
    String command,
    String startedAt,
    boolean smoke,
    Machine machine,
    Settings settings,
    InputFigures input,
    Throughput throughput,
    OutputDigest outputs,
    Latency latency,
    Memory memory,
    State state,
    Targets targets) {

  /** Where it ran. */
  record Machine(int cpus, String cpuModel, long memoryBytes, String os, String jdk, String kafka,
      double loadAverageAtStart, double loadAverageAtEnd) {}

  /** How the applications ran; {@code brokerWarmUp}: a run of each application, not measured, went before the rounds. */
  record Settings(String processingGuarantee, long commitIntervalMs, String appHeap, List<String> appJvmOptions,
      int partitions, String broker, boolean brokerWarmUp, Map<String, String> streamsOverrides,
      Map<String, String> brokerOverrides) {}

  /** The input of the throughput phases (the 2x state run doubles ticks and days). */
  record InputFigures(long seed, long ticks, int days, int stocks, int ticksPerSymbolSession, int articles,
      int layoffArticles, double publishSeconds) {}

  /**
   * One measured run of a worker: the ticks, the time to process them, the load around it.
   *
   * @param cpuSeconds CPU time of the application's JVM while it processed
   * @param jitSeconds elapsed time its JIT compilers compiled, summed over them
   * @param jitCpuSeconds CPU time of its JIT compiler threads (-1 without Linux {@code /proc})
   * @param streamThreadCpuSeconds CPU time of its Kafka Streams stream threads (-1 for the floor)
   * @param brokerCpuSeconds CPU time of the broker's JVM over the whole run of the worker (start-up
   *     included); -1 when the broker ran in-process
   */
  record Phase(String name, long ticks, double seconds, double ticksPerSecond, double startupSeconds,
      double cpuSeconds, double jitSeconds, double jitCpuSeconds, double streamThreadCpuSeconds, double brokerCpuSeconds,
      double loadBefore,
      double loadAfter, Heap heap, long stateDirBytes) {

    static Phase of(String name, WorkerResult r, double brokerCpuSeconds, double loadBefore, double loadAfter) {
      return new Phase(name, r.ticks(), r.processingSeconds(), r.ticksPerSecond(), r.startupSeconds(), r.cpuSeconds(),
          r.jitSeconds(), r.jitCpuSeconds(), r.streamThreadCpuSeconds(), brokerCpuSeconds, loadBefore, loadAfter, r.heap(),
          r.stateDirBytes());
    }
  }

  /** One round of the throughput phases, run back to back on the same input, and its ratios. */
  record Round(int round, Phase floor, Phase passThrough, Phase full, Double fullOverPassThrough, Double fullOverFloor) {}

  /**
   * The throughput phases on the same input: each phase's median run, the median of the rounds'
   * ratios (each round's runs saw about the same load), and every round.
   */
  record Throughput(Phase floor, Phase passThrough, Phase full, Double fullOverPassThrough, Double fullOverFloor,
      List<Round> rounds) {

    static Throughput of(List<Round> rounds) {
      return new Throughput(median(rounds, Round::floor), median(rounds, Round::passThrough), median(rounds, Round::full),
          medianOf(rounds, Round::fullOverPassThrough), medianOf(rounds, Round::fullOverFloor), List.copyOf(rounds));
    }

    private static Phase median(List<Round> rounds, Function<Round, Phase> phase) {
      List<Phase> runs = rounds.stream().map(phase).filter(Objects::nonNull)
          .sorted(Comparator.comparingDouble(Phase::ticksPerSecond)).toList();
      return runs.isEmpty() ? null : runs.get((runs.size() - 1) / 2); // the lower median: a run that happened
    }

    private static Double medianOf(List<Round> rounds, Function<Round, Double> value) {
      List<Double> values = rounds.stream().map(value).filter(Objects::nonNull).sorted().toList();
      if (values.isEmpty()) {
        return null;
      }
      int n = values.size();
      return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }
  }

  /**
   * The live phase.
   *
   * @param warmupSeconds how long the feed ran before the articles counted: at least the warm-up
   *     asked for, and until the application kept up and its JIT settled (at most the maximum asked for)
   * @param keptUpAfterWarmup whether it did keep up when the measured articles started
   * @param jitSettledAfterWarmup whether its JIT had settled then
   * @param jitShareAfterWarmup the application JVM's compilation time over the last 10 s of the
   *     warm-up, as a share of that time (NaN if unknown)
   * @param millis article sent to its first reaction read from {@code market-reactions}
   * @param toAnnouncement article sent to its announcement read from {@code layoff-announcements}
   *     (the same transaction writes both, unless the reaction waits for a close)
   * @param duringWarmup the same as {@code millis} for the articles sent during the warm-up, which
   *     do not count: what a JVM that has just started gives while its JIT compiles
   */
  record Latency(double tickRate, double articleRate, int ticksPerSymbolSession, double warmupSeconds,
      boolean keptUpAfterWarmup, boolean jitSettledAfterWarmup, double jitShareAfterWarmup, int announcements,
      int measured, int missing, LatencyStats millis, LatencyStats toAnnouncement, LatencyStats duringWarmup,
      long ticksSent, double seconds, double achievedTickRate, double loadBefore, double loadAfter, Heap heap) {}

  /** The largest heap any application JVM used, under its limit. */
  record Memory(String limit, long peakHeapUsedBytes, String peakIn, long largestHeapAfterGcBytes) {}

  /** State at the end of the full topology on the input, and on twice the ticks with the same articles. */
  record State(long ticks1x, long ticks2x, long storeBytes1x, long storeBytes2x, long stateDirBytes1x,
      long stateDirBytes2x, Map<String, StoreSize> stores1x, Map<String, StoreSize> stores2x, Phase full2x,
      OutputDigest outputs2x) {}

  /** The targets on 2 cores; null when the phases deciding one did not run. */
  record Targets(Boolean fullAtLeastHalfOfPassThrough, Boolean latencyP99AtMost300Ms, Boolean heapAtMost512MiB,
      Boolean stateFlat) {}

  void write(Path file) throws IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    mapper().writeValue(file.toFile(), this);
  }

  static BenchReport read(Path file) throws IOException {
    return mapper().readValue(file.toFile(), BenchReport.class);
  }

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .setSerializationInclusion(JsonInclude.Include.ALWAYS);
  }
}
