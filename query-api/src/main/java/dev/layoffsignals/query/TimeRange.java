package dev.layoffsignals.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code from}/{@code to} filter of a list: {@code [from, toExclusive)}. A date bound is a New
 * York date: {@code from=2022-11-09} starts at 00:00 New York that day, {@code to=2022-11-09} takes
 * the whole day (up to 00:00 New York the next day, excluded). An instant bound is taken as it is,
 * both ends included.
 *
 * @param from first instant in the range; {@link Instant#MIN} when unbounded
 * @param toExclusive first instant after the range; {@link Instant#MAX} when unbounded
 */
record TimeRange(Instant from, Instant toExclusive) {

  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Every instant. */
  public static final TimeRange ALL = new TimeRange(Instant.MIN, Instant.MAX);

  /**
   * The range of the parameters {@code from} and {@code to}, either absent.
   *
   * @throws ApiException 400 when a bound is neither an ISO date nor an ISO instant, or when the
   *     range is empty (from after to)
   */
  public static TimeRange parse(Optional<String> from, Optional<String> to) {
    Instant start = from.map(f -> bound("from", f, false)).orElse(Instant.MIN);
    Instant end = to.map(t -> bound("to", t, true)).orElse(Instant.MAX);
    if (!start.isBefore(end)) {
      throw ApiException.badRequest("from (" + from.orElseThrow() + ") is after to (" + to.orElseThrow()
          + "): expected from on or before to");
    }
    return new TimeRange(start, end);
  }

  /** Whether {@code t} is in the range. */
  public boolean contains(Instant t) {
    return !t.isBefore(from) && t.isBefore(toExclusive);
  }

  /** Whether the New York date {@code day}, taken as its 00:00 New York, is in the range. */
  public boolean contains(LocalDate day) {
    return contains(day.atStartOfDay(NEW_YORK).toInstant());
  }

  private static Instant bound(String name, String value, boolean upper) {
    if (value.length() == 10) {
      try {
        LocalDate day = LocalDate.parse(value);
        return (upper ? day.plusDays(1) : day).atStartOfDay(NEW_YORK).toInstant();
      } catch (DateTimeParseException e) {
        throw malformed(name, value);
      }
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed(name, value);
    }
    return upper ? instant.plusNanos(1) : instant;
  }

  private static ApiException malformed(String name, String value) {
    return ApiException.badRequest(name + " must be an ISO date (2022-11-09, a New York date) or an ISO instant"
        + " (2022-11-09T14:30:00Z), not '" + value + "'");
  }
}
