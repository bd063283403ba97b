package dev.layoffsignals.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JitActivityTest {

  private static final long SECOND = 1_000_000_000L;
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  @Test
  void shareIsTheCompilationTimeOverTheWallTimeOfTheWindow() {
    JitActivity jit = new JitActivity();
    // compiling half the time for 10 s, then 100 ms a second for 10 s
    for (int s = 0; s <= 10; s++) {
      jit.sample(s * SECOND, s * 500L);
    }
    assertThat(jit.share(TEN_SECONDS, 10 * SECOND)).hasValueCloseTo(0.5, within(1e-9));
    for (int s = 11; s <= 20; s++) {
      jit.sample(s * SECOND, 5_000L + (s - 10) * 100L);
    }
    assertThat(jit.share(TEN_SECONDS, 20 * SECOND)).hasValueCloseTo(0.1, within(1e-9));
    // 12 s back from the last sample: 2 s at 500 ms a second, then 10 s at 100 ms
    assertThat(jit.share(Duration.ofSeconds(12), 20 * SECOND)).hasValueCloseTo(2_000.0 / 12_000, within(1e-9));
    assertThat(jit.totalMillis()).isEqualTo(6_000L);
  }

  @Test
  void emptyUntilTheSamplesCoverTheWindow() {
    JitActivity jit = new JitActivity();
    assertThat(jit.share(TEN_SECONDS, 0)).isEmpty();
    assertThat(jit.totalMillis()).isEqualTo(-1);
    jit.sample(0, 0);
    jit.sample(9 * SECOND, 100);
    assertThat(jit.share(TEN_SECONDS, 9 * SECOND)).as("9 s of samples").isEmpty();
    jit.sample(10 * SECOND, 200);
    assertThat(jit.share(TEN_SECONDS, 10 * SECOND)).hasValueCloseTo(0.02, within(1e-9));
  }

  @Test
  void emptyWhenTheLastSampleIsOlderThanTheWindow() {
    JitActivity jit = new JitActivity();
    for (int s = 0; s <= 10; s++) {
      jit.sample(s * SECOND, 0);
    }
    assertThat(jit.share(TEN_SECONDS, 15 * SECOND)).hasValue(0.0);
    assertThat(jit.share(TEN_SECONDS, 21 * SECOND)).as("no sample for 11 s: the worker stopped reporting").isEmpty();
  }

  @Test
  void ignoresJvmsThatDoNotMeasureCompilationAndRefusesSamplesOutOfOrder() {
    JitActivity jit = new JitActivity();
    jit.sample(0, -1);
    assertThat(jit.totalMillis()).isEqualTo(-1);
    jit.sample(SECOND, 10);
    assertThatThrownBy(() -> jit.sample(SECOND, 20)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time order");
    assertThatThrownBy(() -> jit.share(Duration.ZERO, SECOND)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsABoundedNumberOfSamples() {
    JitActivity jit = new JitActivity();
    for (int s = 0; s < JitActivity.CAPACITY + 100; s++) {
      jit.sample(s * SECOND, s * 10L);
    }
    long last = (JitActivity.CAPACITY + 99) * SECOND;
    assertThat(jit.share(Duration.ofSeconds(JitActivity.CAPACITY - 1), last)).hasValueCloseTo(0.01, within(1e-9));
    assertThat(jit.share(Duration.ofSeconds(JitActivity.CAPACITY), last)).as("older samples are gone").isEmpty();
  }
}
