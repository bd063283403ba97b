package dev.layoffsignals.producers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * {@link EndOffsets} through {@link Admin#listOffsets} ({@code OffsetSpec.latest()},
 * {@code read_uncommitted}: the high watermark). The topics are described first: Admin's
 * {@code listOffsets} retries a topic it does not know until its timeout, while a missing topic is
 * an answer here (nothing is on it), so which partitions exist is asked of
 * {@code describeTopics}, which says at once. Every look-up is answered within the timeout, or
 * fails with {@link EndOffsets.LookupFailed}.
 */
final class AdminEndOffsets implements EndOffsets {

  /** Admin's own default of {@code default.api.timeout.ms}. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

  private final Admin admin;
  private final Duration timeout;
  private final boolean owned;

  AdminEndOffsets(Admin admin, Duration timeout, boolean owned) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the end-offsets timeout must be positive, not " + timeout);
    }
    this.admin = admin;
    this.timeout = timeout;
    this.owned = owned;
  }

  /**
   * A lookup through an admin of its own, created from {@code adminConfig} (see
   * {@link ProducerSettings#adminConfig}) and closed with the lookup; each look-up has the config's
   * {@code default.api.timeout.ms} (1 minute by default).
   */
  static EndOffsets create(Map<String, Object> adminConfig) {
    Object configured = adminConfig.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    Duration timeout = configured == null ? DEFAULT_TIMEOUT : Duration.ofMillis(Long.parseLong(configured.toString().trim()));
    return new AdminEndOffsets(Admin.create(adminConfig), timeout, true);
  }

  @Override
  public Map<TopicPartition, Long> latest(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<String> topics = new TreeSet<>();
    partitions.forEach(tp -> topics.add(tp.topic()));
    Map<String, KafkaFuture<TopicDescription>> described =
        admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs(remainingMillis(deadline))).topicNameValues();
    List<TopicPartition> existing = new ArrayList<>();
    for (String topic : topics) {
      TopicDescription description;
      try {
        description = await(described.get(topic), deadline, topic);
      } catch (LookupFailed e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          continue;   // no such topic: nothing on it to vouch for
        }
        throw e;
      }
      Set<Integer> numbers = new HashSet<>();
      for (TopicPartitionInfo p : description.partitions()) {
        numbers.add(p.partition());
      }
      partitions.stream().filter(tp -> tp.topic().equals(topic) && numbers.contains(tp.partition())).forEach(existing::add);
    }
    if (existing.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
    existing.forEach(tp -> specs.put(tp, OffsetSpec.latest()));
    ListOffsetsResult listed = admin.listOffsets(specs,
        new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED).timeoutMs(remainingMillis(deadline)));
    Map<TopicPartition, Long> ends = new LinkedHashMap<>();
    for (TopicPartition tp : existing) {
      ends.put(tp, await(listed.partitionResult(tp), deadline, tp.topic()).offset());
    }
    return ends;
  }

  @Override
  public void close() {
    if (owned) {
      admin.close(timeout);
    }
  }

  private <T> T await(KafkaFuture<T> future, long deadline, String topic) {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new LookupFailed(topic, e.getCause() == null ? e : e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new LookupFailed(topic, new TimeoutException("no answer within " + timeout.toMillis() + " ms"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException(e);
    }
  }

  private static int remainingMillis(long deadline) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
  }
}
