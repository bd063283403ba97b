package dev.layoffsignals.streams.ingest;

import dev.layoffsignals.streams.events.TickerEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;

/** What one input topic's values must satisfy, when they happened, and which events they give. */
public interface IngestRules<V> {

  /** Why the value is impossible, or empty when it is valid. */
  Optional<String> invalid(V value);

  /** The event time of a valid value. */
  Instant eventTime(V value);

  /** The events of a valid value, each with its routing key; possibly none. */
  List<KeyValue<String, TickerEvent>> events(V value);

  /** What a valid value vouches for, per input topic, below an offset: a heartbeat's offsets; nothing by default. */
  default Map<String, Long> vouched(V value) {
    return Map.of();
  }
}
