package dev.layoffsignals.streams.time;

import java.time.Instant;

/**
 * Which event times are possible at all. A time outside this range is a defect of the record (an
 * epoch-zero default, seconds read as milliseconds), not a very early or very late event: such a
 * record is INVALID, and it must not move stream time, or every record after it would look late.
 */
public final class EventTimes {

  /** No layoff report or quote of interest is older than this. */
  public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
  /** Exclusive upper bound. */
  public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  private EventTimes() {
  }

  public static boolean isPlausible(long epochMillis) {
    return epochMillis >= EARLIEST.toEpochMilli() && epochMillis < LATEST.toEpochMilli();
  }

  public static boolean isPlausible(Instant time) {
    return time != null && isPlausible(time.toEpochMilli());
  }

  /** Why a time is not plausible, for the error reason. */
  public static String outOfRange(String field, Instant time) {
    return field + " " + time + " is outside " + EARLIEST + " .. " + LATEST;
  }
}
