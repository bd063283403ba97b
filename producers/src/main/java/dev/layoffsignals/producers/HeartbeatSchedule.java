package dev.layoffsignals.producers;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * When a run sends heartbeats, decided from the event times it publishes, so the heartbeats depend
 * on the records alone, never on the wall clock or the speed of the run.
 *
 * <ul>
 *   <li>The final heartbeat's watermark is the largest event time published ({@link #watermark()}).
 *   <li>With an interval (a paced, live-like run), a periodic heartbeat is due each time the
 *       largest event time published has advanced by at least the interval since the last
 *       heartbeat (the first: since the first record); its watermark is that event time. A gap in
 *       the data yields one heartbeat after it, not one per interval of the gap: the watermark
 *       would not have advanced.
 * </ul>
 *
 * <p>Pure: no Kafka, no clock.
 */
public final class HeartbeatSchedule {

  private final long intervalMillis;
  private boolean published;
  private long maxEventTime;
  private long lastHeartbeat;
  private long periodic;

  private HeartbeatSchedule(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  /** Only the final heartbeat: {@link #published} never says a heartbeat is due. */
  public static HeartbeatSchedule finalOnly() {
    return new HeartbeatSchedule(0);
  }

  /** The final heartbeat and one each time event time has advanced by {@code interval}. */
  public static HeartbeatSchedule every(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the heartbeat interval must be positive, not " + interval);
    }
    return new HeartbeatSchedule(Math.max(1, interval.toMillis()));
  }

  /**
   * Records that a record of this event time was published.
   *
   * @return the watermark of a periodic heartbeat to send now, or empty
   */
  public OptionalLong published(long eventTimeMillis) {
    if (!published) {
      published = true;
      maxEventTime = eventTimeMillis;
      lastHeartbeat = eventTimeMillis;
      return OptionalLong.empty();
    }
    maxEventTime = Math.max(maxEventTime, eventTimeMillis);
    if (intervalMillis > 0 && maxEventTime - lastHeartbeat >= intervalMillis) {
      lastHeartbeat = maxEventTime;
      periodic++;
      return OptionalLong.of(maxEventTime);
    }
    return OptionalLong.empty();
  }

  /** The largest event time published, the final heartbeat's watermark; empty when nothing was published. */
  public OptionalLong watermark() {
    return published ? OptionalLong.of(maxEventTime) : OptionalLong.empty();
  }

  /** How many periodic heartbeats {@link #published} has called for. */
  public long periodic() {
    return periodic;
  }
}
