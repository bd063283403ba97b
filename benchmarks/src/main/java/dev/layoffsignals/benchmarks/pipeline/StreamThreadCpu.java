package dev.layoffsignals.benchmarks.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of this JVM's Kafka Streams stream threads (named {@code <client id>-StreamThread-<n>}),
 * from {@link ThreadMXBean}: the thread that runs the topology, apart from the compiler, the
 * producer's I/O thread, the collector and the rest of the JVM. Threads that ended between two
 * readings are not counted (stream threads live until the application closes).
 */
final class StreamThreadCpu {

  /** A stream thread's name; its producer's I/O thread has the same in the middle of its own. */
  private static final Pattern NAME = Pattern.compile(".+-StreamThread-\\d+");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private StreamThreadCpu() {
  }

  /** Nanoseconds each live stream thread has used so far, by thread id; empty if the JVM does not measure it. */
  static Map<Long, Long> snapshot() {
    Map<Long, Long> out = new HashMap<>();
    if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) {
      return out;
    }
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && NAME.matcher(info.getThreadName()).matches()) {
        long nanos = THREADS.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          out.put(info.getThreadId(), nanos);
        }
      }
    }
    return out;
  }

  /**
   * Seconds the stream threads used since {@code from} (a {@link #snapshot}); a thread started
   * since counts from zero. -1 if the JVM does not measure thread CPU time.
   */
  static double secondsSince(Map<Long, Long> from) {
    if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) {
      return -1;
    }
    long sum = 0;
    for (Map.Entry<Long, Long> now : snapshot().entrySet()) {
      sum += now.getValue() - from.getOrDefault(now.getKey(), 0L);
    }
    return sum / 1e9;
  }
}
