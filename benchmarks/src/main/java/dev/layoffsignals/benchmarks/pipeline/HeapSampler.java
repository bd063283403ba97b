package dev.layoffsignals.benchmarks.pipeline;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap of this JVM while it works: the largest used heap seen by a sampler every
 * {@value #INTERVAL_MS} ms, and the JVM's own per-pool peaks (their sum bounds the true peak from
 * above: the pools do not peak at the same instant). The heap limit itself is the JVM's
 * {@code -Xmx}, which a worker is started with.
 */
final class HeapSampler implements AutoCloseable {

  static final long INTERVAL_MS = 10;

  /** The heap figures of a run. */
  record Heap(long peakUsedBytes, long poolPeaksBytes, long maxBytes, long afterGcBytes, long gcCount, double gcSeconds) {}

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  private HeapSampler() {
    thread = new Thread(this::sample, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  static HeapSampler start() {
    return new HeapSampler();
  }

  private void sample() {
    while (running) {
      peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(INTERVAL_MS); // the sampling period
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * The figures so far, and the used heap right after a full collection now: what the run keeps
   * alive (state, caches, buffers) once its garbage is gone.
   */
  Heap heap() {
    long poolPeaks = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        poolPeaks += pool.getPeakUsage().getUsed();
      }
    }
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    long peakUsed = Math.max(peak.get(), memory.getHeapMemoryUsage().getUsed());
    System.gc(); // measuring the live set is what the call is for
    long afterGc = memory.getHeapMemoryUsage().getUsed();
    return new Heap(peakUsed, poolPeaks, Runtime.getRuntime().maxMemory(), afterGc, gcCount, gcMillis / 1000.0);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
