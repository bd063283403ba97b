package dev.layoffsignals.benchmarks.pipeline;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * How busy a worker JVM's just-in-time compiler has been lately, from the samples the worker
 * reports about once a second: its total compilation time ({@code CompilationMXBean}) at a moment.
 *
 * <p>On two cores a JVM that has just started spends a large part of a core compiling: the
 * application's C2 thread ran for about 70 s at 20,000 ticks/s, half a core on average, before it
 * went quiet. A latency measured meanwhile is the compiler's as much as the pipeline's, so the
 * live phase waits until {@link #share(Duration, long)} over the last seconds is small.
 */
final class JitActivity {

  /** Samples kept: a few minutes at one a second. */
  static final int CAPACITY = 600;

  private final Deque<long[]> samples = new ArrayDeque<>(); // {nanoTime, total compilation millis}

  /** The JVM had compiled for {@code totalMillis} in all at {@code nanoTime}; samples come in time order. */
  synchronized void sample(long nanoTime, long totalMillis) {
    if (totalMillis < 0) {
      return; // the JVM does not measure it
    }
    if (!samples.isEmpty() && nanoTime <= samples.peekLast()[0]) {
      throw new IllegalArgumentException("samples must come in time order: " + nanoTime + " after " + samples.peekLast()[0]);
    }
    samples.addLast(new long[] {nanoTime, totalMillis});
    if (samples.size() > CAPACITY) {
      samples.removeFirst();
    }
  }

  /**
   * The compilation time over the last {@code window} before {@code now}, as a share of that
   * window's wall time (1.0: one compiler thread busy throughout; more with several); empty while
   * the samples do not cover the window yet.
   */
  synchronized OptionalDouble share(Duration window, long now) {
    long windowNanos = window.toNanos();
    if (windowNanos <= 0) {
      throw new IllegalArgumentException("not a window: " + window);
    }
    long[] latest = samples.peekLast();
    if (latest == null) {
      return OptionalDouble.empty();
    }
    long[] from = null; // the latest sample at least a window before the latest one
    for (long[] s : samples) {
      if (latest[0] - s[0] >= windowNanos) {
        from = s;
      } else {
        break;
      }
    }
    if (from == null || now - latest[0] > windowNanos) {
      return OptionalDouble.empty(); // too few samples yet, or none lately
    }
    return OptionalDouble.of((latest[1] - from[1]) * 1e6 / (latest[0] - from[0]));
  }

  /** The total compilation time of the last sample, or -1 without one. */
  synchronized long totalMillis() {
    return samples.isEmpty() ? -1 : samples.peekLast()[1];
  }
}
