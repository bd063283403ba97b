package dev.layoffsignals.streams.app;

import dev.layoffsignals.streams.time.CommittedOffsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * The committed offsets, read with an admin client made from the application's own settings
 * (security included) when first asked, and shared by every stream thread of the instance. It asks
 * for stable offsets only: while a transaction that commits offsets of a partition is open, the
 * broker answers that partition with an error (the admin client then leaves it out of its answer),
 * and the lookup asks again until the transaction has ended, so the offsets read are those the
 * task's restored state goes with.
 */
final class AdminCommittedOffsets implements CommittedOffsets, AutoCloseable {

  private final Map<String, Object> adminConfig;
  /** Between two lookups while an offset is unstable. */
  static final long RETRY_BACKOFF_MS = 50;

  private final long timeoutMs;
  private Admin admin;
  private boolean closed;

  /**
   * @param adminConfig the admin client's settings ({@code StreamsConfig#getAdminConfigs})
   * @param timeoutMs how long one lookup may take before the task fails
   */
  AdminCommittedOffsets(Map<String, Object> adminConfig, long timeoutMs) {
    this.adminConfig = Map.copyOf(adminConfig);
    this.timeoutMs = timeoutMs;
  }

  @Override
  public boolean known() {
    return true;
  }

  @Override
  public Map<TopicPartition, Long> of(String groupId, Set<TopicPartition> partitions) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    Map<TopicPartition, OffsetAndMetadata> committed;
    Set<TopicPartition> unstable = Set.of(); // left out of the last answer
    try {
      while (true) {
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        committed = admin().listConsumerGroupOffsets(
                Map.of(groupId, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)),
                new ListConsumerGroupOffsetsOptions().requireStable(true))
            .partitionsToOffsetAndMetadata(groupId)
            .get(left, TimeUnit.MILLISECONDS);
        if (committed.keySet().containsAll(partitions)) {
          break; // a partition without a committed offset is there, with null
        }
        unstable = new HashSet<>(partitions);
        unstable.removeAll(committed.keySet());
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_BACKOFF_MS) >= deadline) {
          throw notStable(groupId, unstable);
        }
        Thread.sleep(RETRY_BACKOFF_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamsException("interrupted while reading the committed offsets of group " + groupId, e);
    } catch (TimeoutException e) {
      // the time ran out during a lookup: after answers without some partitions, they were not stable
      throw unstable.isEmpty() ? unreadable(groupId, partitions, e) : notStable(groupId, unstable);
    } catch (ExecutionException e) {
      throw unreadable(groupId, partitions, e.getCause() != null ? e.getCause() : e);
    }
    Map<TopicPartition, Long> offsets = new HashMap<>();
    committed.forEach((partition, offset) -> {
      if (offset != null) {
        offsets.put(partition, offset.offset());
      }
    });
    return offsets;
  }

  private StreamsException notStable(String groupId, Set<TopicPartition> unstable) {
    return new StreamsException("the offsets group " + groupId + " committed for " + unstable + " were still not"
        + " stable after " + timeoutMs + " ms (a transaction committing them is open); an input task resumes its"
        + " clock from them");
  }

  private StreamsException unreadable(String groupId, Set<TopicPartition> partitions, Throwable cause) {
    return new StreamsException("could not read the offsets group " + groupId + " committed for " + partitions
        + " within " + timeoutMs + " ms, which an input task resumes its clock from", cause);
  }

  private synchronized Admin admin() {
    if (closed) {
      throw new StreamsException("the instance is closing: its committed offsets are no longer read");
    }
    if (admin == null) {
      admin = Admin.create(adminConfig);
    }
    return admin;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (admin != null) {
      admin.close();
      admin = null;
    }
  }
}
