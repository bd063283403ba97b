package dev.layoffsignals.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.benchmarks.pipeline.BenchReport.Phase;
import dev.layoffsignals.benchmarks.pipeline.BenchReport.Round;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ThroughputTest {

  private static Phase phase(String name, double ticksPerSecond) {
    return new Phase(name, 1000, 1000 / ticksPerSecond, ticksPerSecond, 1, 1, 1, 1, 1, 1, 1, 1, null, 0);
  }

  private static Round round(int n, double passThrough, double full) {
    Phase p = phase("pass-through-" + n, passThrough);
    Phase f = phase("full-" + n, full);
    return new Round(n, null, p, f, PipelineBenchmark.ratio(f, p), null);
  }

  @Test
  @DisplayName("three rounds: each phase's median run, and the median of the rounds' own ratios")
  void mediansOfRounds() {
    BenchReport.Throughput t = BenchReport.Throughput.of(List.of(
        round(1, 100, 60),   // 0.60
        round(2, 200, 80),   // 0.40, a loaded pass-through
        round(3, 150, 75))); // 0.50
    assertThat(t.passThrough().name()).isEqualTo("pass-through-3");
    assertThat(t.full().name()).isEqualTo("full-3");
    assertThat(t.fullOverPassThrough()).isEqualTo(0.5);
    assertThat(t.floor()).isNull();
    assertThat(t.fullOverFloor()).isNull();
    assertThat(t.rounds()).hasSize(3);
  }

  @Test
  @DisplayName("two rounds: the lower median run, the mean of the two ratios")
  void twoRounds() {
    BenchReport.Throughput t = BenchReport.Throughput.of(List.of(round(1, 100, 60), round(2, 200, 80)));
    assertThat(t.passThrough().name()).isEqualTo("pass-through-1");
    assertThat(t.fullOverPassThrough()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
  }
}
