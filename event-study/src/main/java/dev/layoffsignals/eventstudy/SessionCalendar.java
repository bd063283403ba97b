package dev.layoffsignals.eventstudy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Trading sessions as the benchmark's closes reveal them: a date is a session once the
 * benchmark's close for it is known. There is no holiday table; a weekday without a benchmark
 * close is simply not a session.
 *
 * <p>Immutable; a view over one {@link CloseHistory} of the benchmark.
 */
public final class SessionCalendar {

  /** Time zone of the exchange. */
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  /** Every session closes at 16:00 New York time (early closes are not modelled). */
  public static final LocalTime SESSION_CLOSE = LocalTime.of(16, 0);

  private final CloseHistory benchmark;

  private SessionCalendar(CloseHistory benchmark) {
    this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
  }

  /** The sessions are the dates of the benchmark's known closes. */
  public static SessionCalendar of(CloseHistory benchmark) {
    return new SessionCalendar(benchmark);
  }

  /** The close of the session on {@code date}: 16:00 New York time. */
  public static Instant closeOf(LocalDate date) {
    return NewYorkDays.covers(date)
        ? Instant.ofEpochMilli(NewYorkDays.closeMillis(date.toEpochDay()))
        : ZonedDateTime.of(date, SESSION_CLOSE, NEW_YORK).toInstant();
  }

  /** A date-only announcement counts as made at 00:00 New York time of that date. */
  public static Instant startOfDay(LocalDate date) {
    return NewYorkDays.covers(date)
        ? Instant.ofEpochMilli(NewYorkDays.startOfDayMillis(date.toEpochDay()))
        : date.atStartOfDay(NEW_YORK).toInstant();
  }

  /**
   * The first calendar date whose 16:00 New York close is at or after {@code instant}, whether or
   * not it is a trading day: the date itself up to and including 16:00:00.000, the next date after.
   */
  public static LocalDate firstCloseDateAtOrAfter(Instant instant) {
    long day = NewYorkDays.epochDay(instant);
    return LocalDate.ofEpochDay(instant.isAfter(Instant.ofEpochMilli(NewYorkDays.closeMillis(day))) ? day + 1 : day);
  }

  /**
   * Index (into the benchmark history) of day 0 for an announcement: the first known session
   * whose close is at or after {@code announcedAt}. Empty while that session's benchmark close is
   * not known, and also when no known session closes before the announcement (the history
   * starts too late to tell day 0 from a later session, and there would be no day -1).
   */
  Optional<Integer> dayZeroIndex(Instant announcedAt) {
    int index = benchmark.ceilingIndex(firstCloseDateAtOrAfter(announcedAt));
    if (index <= 0 || index >= benchmark.size()) {
      return Optional.empty();
    }
    return Optional.of(index);
  }

  /** Day 0 of an announcement; see {@link #dayZeroIndex}. */
  public Optional<LocalDate> dayZero(Instant announcedAt) {
    return dayZeroIndex(announcedAt).map(benchmark::dateAt);
  }

  /**
   * The session {@code offset} sessions from {@code session} (which must be a known session), if
   * it is known.
   */
  public Optional<LocalDate> sessionAt(LocalDate session, int offset) {
    int index = benchmark.indexOf(session);
    if (index < 0) {
      throw new IllegalArgumentException(session + " is not a known session");
    }
    int target = index + offset;
    return target >= 0 && target < benchmark.size() ? Optional.of(benchmark.dateAt(target)) : Optional.empty();
  }
}
