package dev.layoffsignals.streams.windows;

import dev.layoffsignals.eventstudy.SessionCalendar;
import dev.layoffsignals.schemas.WindowDimension;
import dev.layoffsignals.schemas.WindowPeriod;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * A calendar week (Monday-aligned) or month in New York time. Kafka Streams' own time windows are
 * fixed-size spans of epoch milliseconds: they cannot follow months, nor New York midnight across
 * daylight-saving changes, so the topology keys its aggregates by these instead.
 */
public record CalendarWindow(WindowPeriod period, LocalDate start) {

  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** The window of this period that contains the given trading date. */
  public static CalendarWindow containing(WindowPeriod period, LocalDate day) {
    return switch (period) {
      case WEEK -> new CalendarWindow(period, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
      case MONTH -> new CalendarWindow(period, day.withDayOfMonth(1));
    };
  }

  /** First day of the next window. */
  public LocalDate endDate() {
    return period == WindowPeriod.WEEK ? start.plusWeeks(1) : start.plusMonths(1);
  }

  /** 00:00 New York of the first day. */
  public Instant startInstant() {
    return SessionCalendar.startOfDay(start);
  }

  /** 00:00 New York of the next window's first day (exclusive end). */
  public Instant endInstant() {
    return SessionCalendar.startOfDay(endDate());
  }

  /** The record key on reaction-windows: {@code dimension|value|period|start date}. */
  public String key(WindowDimension dimension, String value) {
    return dimension + "|" + value + "|" + period + "|" + start;
  }
}
