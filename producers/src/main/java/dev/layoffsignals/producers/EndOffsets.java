package dev.layoffsignals.producers;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offsets of topic partitions, as a heartbeat vouches for them (see {@link Heartbeats}): for
 * each partition, its high watermark, the offset after the last record the broker has
 * acknowledged ({@code OffsetSpec.latest()} with {@code read_uncommitted} isolation).
 *
 * <p>Closing releases what the lookup owns (an {@link Admin} it created); by default nothing.
 */
@FunctionalInterface
public interface EndOffsets extends AutoCloseable {

  /**
   * The end offset of each of {@code partitions} that exists. A partition that does not exist (its
   * topic is missing, or has fewer partitions) is left out of the answer: nothing is on it.
   *
   * @throws LookupFailed when an end offset cannot be had (broker unreachable, not authorized, no
   *     answer in time), naming the topic
   */
  Map<TopicPartition, Long> latest(Collection<TopicPartition> partitions);

  @Override
  default void close() {
  }

  /**
   * End offsets through {@code admin}, each look-up answered within {@code timeout} or failed;
   * closing the lookup leaves the admin open (it is the caller's).
   */
  static EndOffsets of(Admin admin, Duration timeout) {
    return new AdminEndOffsets(admin, timeout, false);
  }

  /** An end offset could not be looked up: says of which topic, and why. */
  final class LookupFailed extends RuntimeException {

    private final String topic;

    public LookupFailed(String topic, Throwable cause) {
      super(topic + ": " + cause, cause);
      this.topic = topic;
    }

    /** The topic whose end offsets could not be had. */
    public String topic() {
      return topic;
    }
  }
}
