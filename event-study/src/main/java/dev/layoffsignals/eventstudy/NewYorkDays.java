package dev.layoffsignals.eventstudy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * New York dates as epoch days, for the paths that run for every close and every announcement:
 * the same answers as {@code java.time} with {@link SessionCalendar#NEW_YORK}, without building a
 * {@code ZonedDateTime} each time (the zone rules' lookups were 3-4 % of the full topology's
 * stream thread, docs/benchmarks.md).
 *
 * <p>The start of day (00:00) and the session close (16:00) of a date are computed with
 * {@code java.time} the first time and kept in a small table indexed by epoch day; the same few
 * hundred dates are asked for again and again. An instant's date is found from those starts, so
 * it is exact on either side of a daylight-saving change. Thread-safe: a table entry is an
 * immutable object, replaced whole.
 */
public final class NewYorkDays {

  private static final long MILLIS_PER_DAY = 86_400_000L;
  /** Instants this far from 1970 (about ±3,000 years) are left to java.time: no overflow to think of. */
  private static final long FAST_RANGE_SECONDS = 100_000_000_000L;
  private static final int SLOTS = 1 << 12;
  private static final Day[] TABLE = new Day[SLOTS];

  private record Day(long epochDay, long startMillis, long closeMillis) {
  }

  private NewYorkDays() {
  }

  /** The New York date of {@code instant}, as an epoch day. */
  public static long epochDay(Instant instant) {
    if (Math.abs(instant.getEpochSecond()) > FAST_RANGE_SECONDS) {
      return LocalDate.ofInstant(instant, SessionCalendar.NEW_YORK).toEpochDay();
    }
    return epochDay(instant.toEpochMilli());
  }

  /** The New York date of an instant given in epoch milliseconds, as an epoch day. */
  public static long epochDay(long epochMilli) {
    if (Math.abs(epochMilli / 1000) > FAST_RANGE_SECONDS) {
      return LocalDate.ofInstant(Instant.ofEpochMilli(epochMilli), SessionCalendar.NEW_YORK).toEpochDay();
    }
    // New York is 4 or 5 hours behind UTC: start from the UTC date and move to the day whose
    // start is the last at or before the instant
    long day = Math.floorDiv(epochMilli, MILLIS_PER_DAY);
    while (epochMilli < startOfDayMillis(day)) {
      day--;
    }
    while (epochMilli >= startOfDayMillis(day + 1)) {
      day++;
    }
    return day;
  }

  /** Whether {@link #startOfDayMillis} and {@link #closeMillis} take this date (about 3,000 years either side of 1970). */
  public static boolean covers(LocalDate date) {
    return Math.abs(date.toEpochDay()) <= FAST_RANGE_SECONDS / 86_400;
  }

  /** 00:00 New York on the date {@code epochDay}, in epoch milliseconds; see {@link #covers}. */
  public static long startOfDayMillis(long epochDay) {
    return day(epochDay).startMillis();
  }

  /** The session close, 16:00 New York, on the date {@code epochDay}, in epoch milliseconds; see {@link #covers}. */
  public static long closeMillis(long epochDay) {
    return day(epochDay).closeMillis();
  }

  private static Day day(long epochDay) {
    int slot = (int) (epochDay & (SLOTS - 1));
    Day day = TABLE[slot];
    if (day == null || day.epochDay() != epochDay) {
      LocalDate date = LocalDate.ofEpochDay(epochDay);
      day = new Day(epochDay,
          date.atStartOfDay(SessionCalendar.NEW_YORK).toInstant().toEpochMilli(),
          ZonedDateTime.of(date, SessionCalendar.SESSION_CLOSE, SessionCalendar.NEW_YORK).toInstant().toEpochMilli());
      TABLE[slot] = day;
    }
    return day;
  }
}
