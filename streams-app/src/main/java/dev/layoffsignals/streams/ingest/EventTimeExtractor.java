package dev.layoffsignals.streams.ingest;

import dev.layoffsignals.streams.time.EventTimes;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time from the payload ({@code traded_at}, {@code announced_at}, {@code published_at}).
 *
 * <p>A record without a usable time (a tombstone, a time outside {@link EventTimes}) gets the
 * partition's current time, or its own timestamp at the very start: it must neither be dropped
 * here (Kafka Streams skips negative timestamps, which would lose it silently) nor move stream
 * time. The ingest processor then sends it to dead-letters as INVALID.
 */
public final class EventTimeExtractor<V> implements TimestampExtractor {

  private final Class<V> type;
  private final Function<V, Instant> eventTime;

  public EventTimeExtractor(Class<V> type, Function<V, Instant> eventTime) {
    this.type = Objects.requireNonNull(type, "type");
    this.eventTime = Objects.requireNonNull(eventTime, "eventTime");
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof Envelope<?> envelope && type.isInstance(envelope.value())) {
      Instant time = eventTime.apply(type.cast(envelope.value()));
      if (EventTimes.isPlausible(time)) {
        return time.toEpochMilli();
      }
    }
    if (partitionTime >= 0) {
      return partitionTime;
    }
    return Math.max(0, record.timestamp());
  }
}
