package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.benchmarks.pipeline.HeapSampler.Heap;
import dev.layoffsignals.benchmarks.pipeline.StoreSizes.StoreSize;
import java.util.Map;

/**
 * What a {@link PipelineWorker} reports when it ends, as one JSON line.
 *
 * @param mode what it ran
 * @param ticks ticks consumed: read by the floor consumer, or committed as consumed by the
 *     application's group
 * @param startupSeconds from start to reading (Kafka Streams: to RUNNING)
 * @param processingSeconds from then until everything was processed (backlog empty), or until it
 *     was told to stop
 * @param cpuSeconds CPU time of the worker's JVM over {@code processingSeconds}
 * @param jitSeconds how long its just-in-time compilers compiled over {@code processingSeconds}
 *     (elapsed time summed over the compiler threads; -1 if the JVM does not say): on two cores,
 *     a JVM that has just started spends much of its CPU compiling
 * @param jitCpuSeconds CPU time of its compiler threads over {@code processingSeconds} (Linux
 *     {@code /proc}; -1 elsewhere): under load less than {@code jitSeconds}, which also counts
 *     the time the compiler threads wait for a CPU
 * @param streamThreadCpuSeconds CPU time of its Kafka Streams stream threads over
 *     {@code processingSeconds} ({@link StreamThreadCpu}; -1 for the floor, which has none)
 * @param heap heap figures over the whole run
 * @param stateDirBytes the state directory once Kafka Streams is closed (0 for the floor)
 * @param stores the topology's stores (full topology only)
 */
record WorkerResult(
    String mode,
    long ticks,
    double startupSeconds,
    double processingSeconds,
    double cpuSeconds,
    double jitSeconds,
    double jitCpuSeconds,
    double streamThreadCpuSeconds,
    Heap heap,
    long stateDirBytes,
    Map<String, StoreSize> stores) {

  double ticksPerSecond() {
    return processingSeconds > 0 ? ticks / processingSeconds : 0;
  }
}
