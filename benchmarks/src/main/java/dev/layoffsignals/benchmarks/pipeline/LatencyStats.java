package dev.layoffsignals.benchmarks.pipeline;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies, by the nearest-rank method: p99 of 200 samples is the 198th
 * smallest, so one outlier in a hundred shows.
 *
 * @param samples how many latencies
 */
record LatencyStats(int samples, double p50Ms, double p90Ms, double p99Ms, double maxMs, double meanMs, double minMs) {

  /** The figures of {@code millis}; null when there are none. */
  static LatencyStats of(double[] millis) {
    if (millis.length == 0) {
      return null;
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new LatencyStats(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
        sorted[sorted.length - 1], Arrays.stream(sorted).average().orElseThrow(), sorted[0]);
  }

  /** The nearest-rank percentile: the smallest value with at least p % of the samples at or below it. */
  static double rank(double[] sorted, double percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }
}
