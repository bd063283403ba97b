package dev.layoffsignals.producers;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Times of the US equity market, which lives in America/New_York: a session opens at 09:30 and
 * closes at 16:00 local time, 14:30/21:00 UTC in winter (EST) and 13:30/20:00 UTC in summer (EDT).
 */
public final class NewYork {

  public static final ZoneId ZONE = ZoneId.of("America/New_York");
  public static final LocalTime OPEN = LocalTime.of(9, 30);
  public static final LocalTime CLOSE = LocalTime.of(16, 0);

  private NewYork() {
  }

  /**
   * Epoch milliseconds of a New York wall-clock time. A time that does not exist (the skipped hour
   * of the spring change) moves forward by the gap; an ambiguous one (the repeated hour in the fall)
   * takes the earlier offset, i.e. daylight time, as {@link java.time.ZonedDateTime#of} does.
   */
  public static long epochMillis(LocalDate date, LocalTime time) {
    return epochMillis(LocalDateTime.of(date, time));
  }

  public static long epochMillis(LocalDateTime dateTime) {
    return dateTime.atZone(ZONE).toInstant().toEpochMilli();
  }

  /** 00:00 New York time of the date: how date-only events (layoffs.fyi rows) are stamped. */
  public static long startOfDay(LocalDate date) {
    return date.atStartOfDay(ZONE).toInstant().toEpochMilli();
  }
}
