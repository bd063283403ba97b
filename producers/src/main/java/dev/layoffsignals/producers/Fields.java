package dev.layoffsignals.producers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parsing of single field values, with the reasons a rejection gives. */
public final class Fields {

  /**
   * Event times the pipeline takes, from 1990-01-01T00:00:00Z (included) to 2100-01-01T00:00:00Z
   * (excluded): the topology's {@code EventTimes} range, outside which a time is a defect of the
   * record (an epoch-zero default, a year 0), never news. Refused here, such a record is rejected with
   * its line instead of reaching the dead-letter topic (or, before 1970, failing the send).
   */
  public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
  /** Exclusive upper bound of event times, see {@link #EARLIEST}. */
  public static final Instant END = Instant.parse("2100-01-01T00:00:00Z");
  private static final LocalDate FIRST_DAY = LocalDate.of(1990, 1, 1);
  private static final LocalDate LAST_DAY = LocalDate.of(2099, 12, 31);

  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
  private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss][.SSS]");

  private Fields() {
  }

  /** True for null, empty, and the placeholders exports use for a missing value. */
  public static boolean isMissing(String value) {
    return value == null || value.isBlank() || value.equalsIgnoreCase("null") || value.equalsIgnoreCase("n/a");
  }

  /** A finite, positive price. */
  public static double price(String value, String column) throws BadRecord {
    if (isMissing(value)) {
      throw new BadRecord("missing " + column);
    }
    String v = value.trim();
    if (v.equalsIgnoreCase("nan")) {
      throw new BadRecord("NaN price in " + column);
    }
    if (!DECIMAL.matcher(v).matches()) {
      throw new BadRecord("not a number '" + v + "' in " + column);
    }
    double d = Double.parseDouble(v);
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new BadRecord("not a finite price '" + v + "' in " + column);
    }
    if (d < 0) {
      throw new BadRecord("negative price " + v + " in " + column);
    }
    if (d == 0) {
      throw new BadRecord("zero price in " + column);
    }
    return d;
  }

  /** A whole, non-negative count written as an integer or as a float with no fraction ("16000.0"). */
  public static long count(String value, String column) throws BadRecord {
    if (isMissing(value)) {
      throw new BadRecord("missing " + column);
    }
    String v = value.trim();
    if (!DECIMAL.matcher(v).matches()) {
      throw new BadRecord("not a number '" + v + "' in " + column);
    }
    double d = Double.parseDouble(v);
    if (d < 0) {
      throw new BadRecord("negative " + column + " " + v);
    }
    if (d != Math.rint(d) || d > 9.0e15) {
      throw new BadRecord("not a whole number '" + v + "' in " + column);
    }
    return (long) d;
  }

  /** A plain decimal, may be negative. */
  public static double decimal(String value, String column) throws BadRecord {
    String v = value.trim();
    if (!DECIMAL.matcher(v).matches()) {
      throw new BadRecord("not a number '" + v + "' in " + column);
    }
    return Double.parseDouble(v);
  }

  /**
   * A calendar date: ISO {@code 2024-03-08} (optionally followed by a time, which is ignored, as
   * yfinance writes {@code 2024-03-08 00:00:00-05:00}) or US {@code 3/8/2024}.
   */
  public static LocalDate date(String value, String column) throws BadRecord {
    if (isMissing(value)) {
      throw new BadRecord("missing " + column);
    }
    String v = value.trim();
    try {
      var us = US_DATE.matcher(v);
      if (us.matches()) {
        return inRange(LocalDate.of(Integer.parseInt(us.group(3)), Integer.parseInt(us.group(1)), Integer.parseInt(us.group(2))),
            column);
      }
      if (v.length() > 10 && (v.charAt(10) == ' ' || v.charAt(10) == 'T')) {
        v = v.substring(0, 10);
      }
      return inRange(LocalDate.parse(v), column);
    } catch (java.time.DateTimeException | NumberFormatException e) {
      throw new BadRecord("bad date '" + value.trim() + "' in " + column + " (expected YYYY-MM-DD or M/D/YYYY)");
    }
  }

  private static LocalDate inRange(LocalDate day, String column) throws BadRecord {
    if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
      throw new BadRecord("date " + day + " in " + column + " is outside " + FIRST_DAY + " .. " + LAST_DAY);
    }
    return day;
  }

  /**
   * An event time, once checked against {@link #EARLIEST} .. {@link #END}.
   *
   * @param what the field, for the reason: {@code published_at 1970-01-01T00:00:00Z is outside ...}
   */
  public static long eventTime(long epochMillis, String what) throws BadRecord {
    if (epochMillis < EARLIEST.toEpochMilli() || epochMillis >= END.toEpochMilli()) {
      throw new BadRecord(what + " " + Instant.ofEpochMilli(epochMillis) + " is outside " + EARLIEST + " .. " + END);
    }
    return epochMillis;
  }

  /**
   * An instant: ISO with a zone or offset ({@code 2024-03-11T13:30:00Z}, {@code ...-04:00}), epoch
   * milliseconds, or a local date-time ({@code 2024-03-11 09:30:00}) read as New York time.
   */
  public static long instant(String value, String column) throws BadRecord {
    if (isMissing(value)) {
      throw new BadRecord("missing " + column);
    }
    String v = value.trim();
    try {
      if (v.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(v);
      }
      if (v.endsWith("Z") || v.endsWith("z")) {
        return Instant.parse(v.replace(' ', 'T').toUpperCase(Locale.ROOT)).toEpochMilli();
      }
      if (hasOffset(v)) {
        return OffsetDateTime.parse(v.replace(' ', 'T')).toInstant().toEpochMilli();
      }
      return NewYork.epochMillis(LocalDateTime.parse(v, LOCAL_DATE_TIME));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new BadRecord("bad timestamp '" + v + "' in " + column
          + " (expected ISO 8601 with offset, epoch milliseconds, or YYYY-MM-DD HH:MM[:SS] New York time)");
    }
  }

  private static boolean hasOffset(String v) {
    int t = Math.max(v.indexOf('T'), v.indexOf(' '));
    if (t < 0) {
      return false;
    }
    String time = v.substring(t + 1);
    return time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
  }
}
