package dev.layoffsignals.streams.ingest;

import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.streams.events.TickerEvent;
import dev.layoffsignals.streams.time.EventTimes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;

/**
 * Producers' heartbeats. A heartbeat carries no event: it is read like any input record, so it
 * moves its task's stream time, and with it the watermark the task sends downstream. That is all
 * it is for: a partition that gets no data still lets results settle.
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
}
