package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.benchmarks.pipeline.BenchReport.Phase;
import java.io.PrintWriter;
import java.util.Locale;

/** The human-readable summary of a {@link BenchReport}, printed at the end of a run. */
final class BenchSummary {

  private BenchSummary() {}

  static void print(BenchReport r, PrintWriter out) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%nPipeline benchmark, %s; %d CPUs (%s), %s, Kafka %s; load %.2f at start, %.2f at end%n",
        r.startedAt(), r.machine().cpus(), r.machine().cpuModel(), r.machine().jdk(), r.machine().kafka(),
        r.machine().loadAverageAtStart(), r.machine().loadAverageAtEnd()));
    s.append(String.format(Locale.ROOT, "Input: %,d ticks (%d stocks + QQQ, %d sessions), %,d articles (%,d report layoffs),"
            + " seed %d, %d partitions; %s, commit.interval.ms=%d, -Xmx%s per application JVM%n",
        r.input().ticks(), r.input().stocks(), r.input().days(), r.input().articles(), r.input().layoffArticles(),
        r.input().seed(), r.settings().partitions(), r.settings().processingGuarantee(), r.settings().commitIntervalMs(),
        r.settings().appHeap()));
    if (r.throughput() != null) {
      boolean rounds = r.throughput().rounds() != null && r.throughput().rounds().size() > 1;
      s.append(String.format(Locale.ROOT, "%nThroughput on the same input%s ticks/s     seconds   CPU s   JIT s  JIT CPU s  stream thread  broker CPU s  load%n",
          rounds ? " (median runs)" : "              "));
      row(s, "1 floor: consumer + Avro decode", r.throughput().floor());
      row(s, "2 pass-through, exactly-once", r.throughput().passThrough());
      row(s, "3 full topology, exactly-once", r.throughput().full());
      if (rounds) {
        for (BenchReport.Round round : r.throughput().rounds()) {
          s.append(String.format(Locale.ROOT, "  round %d: %s%n", round.round(), String.join(", ",
              java.util.stream.Stream.of(round.floor(), round.passThrough(), round.full()).filter(java.util.Objects::nonNull)
                  .map(p -> String.format(Locale.ROOT, "%s %,.0f/s (load %.1f)", p.name(), p.ticksPerSecond(), p.loadBefore()))
                  .toList())
              + (round.fullOverPassThrough() == null ? "" : String.format(Locale.ROOT, "; 3/2 = %.2f", round.fullOverPassThrough()))));
        }
      }
      if (r.throughput().fullOverPassThrough() != null) {
        s.append(String.format(Locale.ROOT, "  3/2 = %.2f%s (target >= %.1f)", r.throughput().fullOverPassThrough(),
            rounds ? ", median of the rounds'" : "", PipelineBenchmark.MIN_FULL_OVER_PASS_THROUGH));
      }
      if (r.throughput().fullOverFloor() != null) {
        s.append(String.format(Locale.ROOT, "   3/1 = %.3f", r.throughput().fullOverFloor()));
      }
      s.append(String.format("%n"));
    }
    if (r.outputs() != null) {
      s.append(String.format(Locale.ROOT, "Outputs: %,d announcements, %,d reactions (%,d settled), %,d windows (%,d FINAL),"
              + " %d late records, %d dead letters; sha256 %s, settled only %s%n", r.outputs().announcements(),
          r.outputs().reactions(), r.outputs().settledReactions(), r.outputs().windows(), r.outputs().finalWindows(),
          r.outputs().lateRecords(), r.outputs().deadLetters(), r.outputs().sha256(), r.outputs().settledSha256()));
    }
    if (r.latency() != null) {
      BenchReport.Latency l = r.latency();
      s.append(String.format(Locale.ROOT, "%nLatency, layoff article sent -> first reaction read (read_committed), %,.0f ticks/s"
              + " + %.0f articles/s (%,.0f ticks/s achieved), %d announcements after %.0f s of warm-up (%s; JIT %s):%n",
          l.tickRate(), l.articleRate(), l.achievedTickRate(), l.announcements(), l.warmupSeconds(),
          l.keptUpAfterWarmup() ? "keeping up" : "NOT keeping up", l.jitSettledAfterWarmup() ? "settled" : "NOT settled"));
      if (l.millis() == null) {
        s.append("  no reaction arrived\n");
      } else {
        s.append(String.format(Locale.ROOT, "  p50 %.0f ms   p90 %.0f ms   p99 %.0f ms   max %.0f ms   (%d measured, %d missing;"
                + " target p99 <= %.0f ms)%n", l.millis().p50Ms(), l.millis().p90Ms(), l.millis().p99Ms(),
            l.millis().maxMs(), l.measured(), l.missing(), PipelineBenchmark.MAX_P99_MS));
      }
      if (l.duringWarmup() != null) {
        s.append(String.format(Locale.ROOT, "  during the warm-up, not counted (%d articles): p50 %.0f ms   p99 %.0f ms   max %.0f ms%n",
            l.duringWarmup().samples(), l.duringWarmup().p50Ms(), l.duringWarmup().p99Ms(), l.duringWarmup().maxMs()));
      }
    }
    if (r.memory() != null) {
      s.append(String.format(Locale.ROOT, "%nHeap (%s per application JVM): peak used %s (%s); largest after a full GC %s%n",
          r.memory().limit(), mib(r.memory().peakHeapUsedBytes()), r.memory().peakIn(),
          mib(r.memory().largestHeapAfterGcBytes())));
    }
    if (r.state() != null) {
      BenchReport.State st = r.state();
      s.append(String.format(Locale.ROOT, "State at the end, %,d ticks vs %,d ticks (same articles): in-memory stores %s vs %s;"
              + " state directory %s vs %s%n", st.ticks1x(), st.ticks2x(), kib(st.storeBytes1x()), kib(st.storeBytes2x()),
          kib(st.stateDirBytes1x()), kib(st.stateDirBytes2x())));
    }
    BenchReport.Targets t = r.targets();
    s.append(String.format(Locale.ROOT, "%nTargets (2 cores): full >= 0.5 x pass-through: %s; p99 <= 300 ms: %s;"
            + " heap <= 512 MiB: %s; state flat: %s%n", verdict(t.fullAtLeastHalfOfPassThrough()),
        verdict(t.latencyP99AtMost300Ms()), verdict(t.heapAtMost512MiB()), verdict(t.stateFlat())));
    out.print(s);
    out.flush();
  }

  private static void row(StringBuilder s, String label, Phase p) {
    if (p == null) {
      return;
    }
    s.append(String.format(Locale.ROOT, "  %-32s %,10.0f %10.2f %7.1f %7s %10s %14s %13s %6.2f%n", label,
        p.ticksPerSecond(), p.seconds(), p.cpuSeconds(), seconds(p.jitSeconds()), seconds(p.jitCpuSeconds()),
        seconds(p.streamThreadCpuSeconds()), seconds(p.brokerCpuSeconds()), p.loadBefore()));
  }

  /** One decimal, or "-" for a figure that was not measured (negative). */
  private static String seconds(double value) {
    return value < 0 ? "-" : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String verdict(Boolean held) {
    return held == null ? "not measured" : held ? "yes" : "NO";
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / 1024.0 / 1024.0);
  }

  static String kib(long bytes) {
    return String.format(Locale.ROOT, "%,.0f KiB", bytes / 1024.0);
  }
}
