package dev.layoffsignals.streams.ingest;

import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.streams.events.TickerEvent;
import dev.layoffsignals.streams.time.EventTimes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;

/**
 * Producers' heartbeats. A heartbeat carries no event: it raises the time of its task's input
 * partitions (once the task has read the records it vouches for, see {@code time.InputClock}), and
 * with it the watermark the task sends downstream. That is all it is for: a partition that gets
 * no data still lets results settle. A negative offset is impossible.
 */
public final class HeartbeatRules implements IngestRules<Heartbeat> {

  @Override
  public Optional<String> invalid(Heartbeat heartbeat) {
    if (heartbeat.getSource() == null || heartbeat.getSource().isBlank()) {
      return Optional.of("source is blank");
    }
    if (!EventTimes.isPlausible(heartbeat.getWatermark())) {
      return Optional.of(EventTimes.outOfRange("watermark", heartbeat.getWatermark()));
    }
    if (heartbeat.getOffsets() != null) {
      for (Map.Entry<String, Long> e : heartbeat.getOffsets().entrySet()) {
        if (e.getValue() == null || e.getValue() < 0) {
          return Optional.of("offset of " + e.getKey() + " is " + e.getValue() + ", not an offset");
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Instant eventTime(Heartbeat heartbeat) {
    return heartbeat.getWatermark();
  }

  @Override
  public List<KeyValue<String, TickerEvent>> events(Heartbeat heartbeat) {
    return List.of();
  }

  @Override
  public Map<String, Long> vouched(Heartbeat heartbeat) {
    return heartbeat.getOffsets() == null ? Map.of() : heartbeat.getOffsets();
  }
}
