package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far behind the live feed the application is: the ticks published but not yet committed as
 * consumed by its group, sampled every {@value #INTERVAL_MS} ms. The latency is measured once the
 * application keeps up (a fresh JVM on a busy machine needs a while before its code is compiled,
 * and the backlog it builds meanwhile is not the latency of the pipeline).
 */
final class LagProbe implements AutoCloseable {

  static final long INTERVAL_MS = 500;
  /** Consecutive samples under the threshold that count as keeping up. */
  static final int SAMPLES_TO_KEEP_UP = 3;

  private final Admin admin;
  private final String groupId;
  private final long threshold;
  private final Thread thread;
  private volatile long lastLag = Long.MAX_VALUE;
  private volatile int samplesUnder;
  private volatile boolean running = true;

  /**
   * @param threshold lag in ticks (published, not yet consumed) under which the application keeps up
   */
  LagProbe(BenchCluster cluster, String groupId, long threshold) {
    this.admin = cluster.admin();
    this.groupId = groupId;
    this.threshold = threshold;
    this.thread = new Thread(this::sample, "lag-probe");
    thread.setDaemon(true);
    thread.start();
  }

  private void sample() {
    while (running) {
      try {
        long lag = lag();
        lastLag = lag;
        samplesUnder = lag <= threshold ? samplesUnder + 1 : 0;
        TimeUnit.MILLISECONDS.sleep(INTERVAL_MS); // the sampling period
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // the group may not have committed yet: not keeping up, try again
        samplesUnder = 0;
      }
    }
  }

  private long lag() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(java.util.List.of(Topics.STOCK_TICKS.name())).allTopicNames().get(10, TimeUnit.SECONDS)
        .values().forEach(d -> d.partitions().forEach(p ->
            request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
        .get(10, TimeUnit.SECONDS);
    long lag = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      lag += end.getValue().offset() - (done == null ? 0 : done.offset());
    }
    return lag;
  }

  /** Whether the application has kept up for the last few samples. */
  boolean keepsUp() {
    return samplesUnder >= SAMPLES_TO_KEEP_UP;
  }

  /** The last lag measured, in ticks. */
  long lastLag() {
    return lastLag;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
