package dev.layoffsignals.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.streams.LayoffSignalsTopology.Names;
import java.io.PrintWriter;
import org.assertj.core.data.Percentage;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench --smoke} end to end on a real broker, so the benchmark cannot rot: every phase runs
 * on a tiny input and the JSON holds every figure, consistent with the input. Nothing about speed
 * is asserted: that is what the benchmark itself is for (docs/benchmarks.md).
 */
class PipelineBenchSmokeIntegrationTest {

  @TempDir
  Path tmp;

  @Test
  @DisplayName("bench --smoke runs every phase and writes every figure, consistent with its input")
  void smokeRun() throws Exception {
    Path json = tmp.resolve("bench.json");
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out));

    // C1 only: the applications' JVMs are short-lived here, and C2 compiling would take most of their CPU
    int exit = cli.execute("--smoke", "--broker", "in-process", "--app-jvm-option=-XX:TieredStopAtLevel=1",
        "--work-dir", tmp.resolve("work").toString(), "--output", json.toString());

    System.out.println(out); // the summary, in the test's output file
    assertThat(exit).as("exit code; output:%n%s", out).isZero();
    BenchReport r = BenchReport.read(json);
    assertThat(r.smoke()).isTrue();
    assertThat(r.machine().cpus()).isPositive();
    assertThat(r.machine().kafka()).isEqualTo("4.3.1");
    assertThat(r.settings().processingGuarantee()).isEqualTo("exactly_once_v2");
    assertThat(r.settings().appHeap()).isEqualTo("512m");
    // a run of each application, not measured, warmed the broker up before round 1
    assertThat(r.settings().brokerWarmUp()).isTrue();
    assertThat(out.toString())
        .containsPattern("broker warm-up, not measured: pass-through in \\d+\\.\\d\\d s")
        .containsPattern("broker warm-up, not measured: full in \\d+\\.\\d\\d s");

    // the input: whole sessions of 8 stocks and QQQ over 15 days, 100 articles of which 10 layoffs
    long ticks = r.input().ticks();
    assertThat(ticks).isEqualTo(15L * 9 * r.input().ticksPerSymbolSession()).isBetween(9_000L, 10_000L);
    assertThat(r.input().articles()).isEqualTo(100);
    assertThat(r.input().layoffArticles()).isEqualTo(10);

    // 1-3: every phase read every tick; the ratios are those of the rates
    for (BenchReport.Phase p : new BenchReport.Phase[] {r.throughput().floor(), r.throughput().passThrough(),
        r.throughput().full()}) {
      assertThat(p.ticks()).as(p.name()).isEqualTo(ticks);
      assertThat(p.seconds()).as(p.name()).isPositive();
      assertThat(p.ticksPerSecond()).as(p.name()).isCloseTo(ticks / p.seconds(), Percentage.withPercentage(0.1));
      assertThat(p.heap().peakUsedBytes()).as(p.name()).isPositive().isLessThanOrEqualTo(p.heap().maxBytes());
      assertThat(p.heap().maxBytes()).as(p.name() + ": -Xmx512m").isLessThanOrEqualTo(512L * 1024 * 1024);
    }
    assertThat(r.throughput().rounds()).as("one round by default").hasSize(1);
    // the JVMs compile while they run: the time is reported (HotSpot measures it)
    assertThat(r.throughput().passThrough().jitSeconds()).isPositive();
    assertThat(r.throughput().full().jitSeconds()).isPositive();
    // on Linux, the compiler threads' own CPU time too: positive, and never more than the JVM's
    if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))) {
      for (BenchReport.Phase p : new BenchReport.Phase[] {r.throughput().passThrough(), r.throughput().full()}) {
        assertThat(p.jitCpuSeconds()).as(p.name()).isPositive().isLessThanOrEqualTo(p.cpuSeconds());
      }
    }
    // the stream threads' own CPU: positive for both applications, never more than their JVM's; the floor has none
    for (BenchReport.Phase p : new BenchReport.Phase[] {r.throughput().passThrough(), r.throughput().full()}) {
      assertThat(p.streamThreadCpuSeconds()).as(p.name()).isPositive().isLessThanOrEqualTo(p.cpuSeconds());
    }
    assertThat(r.throughput().floor().streamThreadCpuSeconds()).isEqualTo(-1);
    assertThat(out.toString()).containsPattern("full +[\\d,]+ ticks/s .*; stream thread \\d+\\.\\d s\\)");
    assertThat(r.throughput().fullOverPassThrough())
        .isEqualTo(r.throughput().full().ticksPerSecond() / r.throughput().passThrough().ticksPerSecond());
    assertThat(r.throughput().fullOverFloor())
        .isEqualTo(r.throughput().full().ticksPerSecond() / r.throughput().floor().ticksPerSecond());

    // what the full topology produced: one announcement per layoff article, nothing rejected
    assertThat(r.outputs().announcements()).isEqualTo(10);
    assertThat(r.outputs().reactions()).isPositive().isLessThanOrEqualTo(10);
    assertThat(r.outputs().settledReactions()).isLessThanOrEqualTo(r.outputs().reactions());
    assertThat(r.outputs().windows()).isPositive();
    assertThat(r.outputs().lateRecords()).isZero();
    assertThat(r.outputs().deadLetters()).isZero();
    assertThat(r.outputs().sha256()).hasSize(64);
    assertThat(r.outputs().settledSha256()).hasSize(64);

    // live: every announcement measured has its first reaction
    assertThat(r.latency().announcements()).isEqualTo(10);
    assertThat(r.latency().measured()).isEqualTo(10);
    assertThat(r.latency().missing()).isZero();
    LatencyStats ms = r.latency().millis();
    assertThat(ms.samples()).isEqualTo(10);
    assertThat(ms.minMs()).isPositive();
    assertThat(ms.p50Ms()).isLessThanOrEqualTo(ms.p90Ms());
    assertThat(ms.p90Ms()).isLessThanOrEqualTo(ms.p99Ms());
    assertThat(ms.p99Ms()).isLessThanOrEqualTo(ms.maxMs());
    assertThat(r.latency().toAnnouncement().samples()).isEqualTo(10);
    assertThat(r.latency().ticksSent()).isPositive();
    assertThat(r.latency().warmupSeconds()).isGreaterThanOrEqualTo(1);
    // the smoke's warm-up (2 s at most) is shorter than the window the JIT is judged over (10 s): it
    // measures without waiting for the JIT, and says so
    assertThat(r.latency().jitSettledAfterWarmup()).isFalse();
    assertThat(r.latency().jitShareAfterWarmup()).isNaN();
    assertThat(out.toString()).contains("JIT NOT settled, measuring anyway");

    // memory: the largest of the application JVMs
    assertThat(r.memory().limit()).isEqualTo("-Xmx512m");
    assertThat(r.memory().peakHeapUsedBytes()).isPositive().isLessThanOrEqualTo(512L * 1024 * 1024);

    // state: twice the ticks, the same articles; every store measured
    assertThat(r.state().ticks1x()).isEqualTo(ticks);
    assertThat(r.state().ticks2x()).isEqualTo(2 * ticks);
    assertThat(r.state().stores1x()).containsKeys(Names.TICKER_WATERMARKS_STORE, Names.REPORTS_STORE, Names.CLOSES_STORE,
        Names.OPEN_ANNOUNCEMENTS_STORE, Names.WINDOW_WATERMARKS_STORE, Names.WINDOWS_STORE, Names.ANNOUNCEMENTS_VIEW,
        Names.REACTIONS_VIEW, Names.WINDOWS_VIEW);
    assertThat(r.state().stores2x()).containsOnlyKeys(r.state().stores1x().keySet());
    // a close history per stock, and one of the benchmark in each of the 6 tasks (its closes go to every partition)
    assertThat(r.state().stores1x().get(Names.CLOSES_STORE).entries()).isEqualTo(8 + 6);
    assertThat(r.state().stores2x().get(Names.CLOSES_STORE).entries()).isEqualTo(8 + 6);
    assertThat(r.state().storeBytes1x()).isPositive();
    assertThat(r.state().storeBytes2x()).isPositive();
    assertThat(r.state().stateDirBytes1x()).isPositive();
    assertThat(r.state().stateDirBytes2x()).isPositive();
    assertThat(r.state().outputs2x().announcements()).isEqualTo(10);
    assertThat(r.state().outputs2x().lateRecords()).isZero();
    assertThat(r.state().full2x().ticks()).isEqualTo(2 * ticks);

    // every target has a verdict
    assertThat(r.targets().fullAtLeastHalfOfPassThrough()).isNotNull();
    assertThat(r.targets().latencyP99AtMost300Ms()).isNotNull();
    assertThat(r.targets().heapAtMost512MiB()).isTrue();
    assertThat(r.targets().stateFlat()).isNotNull();
    assertThat(out.toString()).contains("Targets (2 cores)", "Written: " + json);
  }
}
