package dev.layoffsignals.eventstudy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A made-up market whose symbol follows R = 0.001 + 1.5 * Rm exactly, plus known shocks in the
 * event window, so the OLS fit and every abnormal return are known in advance. Sessions are the
 * weekdays from Monday 2024-01-01 (no holidays in this world); day 0 is the 141st session.
 */
final class SyntheticMarket {

  static final double ALPHA = 0.001;
  static final double BETA = 1.5;
  /** Sessions before day 0 in the data: -140..-1. */
  static final int SESSIONS_BEFORE_DAY0 = 140;
  static final int SESSIONS_AFTER_DAY0 = 20;

  private final List<LocalDate> dates = new ArrayList<>();
  private final double[] benchmarkCloses;
  private final double[] symbolCloses;

  SyntheticMarket() {
    LocalDate date = LocalDate.of(2024, 1, 1);
    while (dates.size() < SESSIONS_BEFORE_DAY0 + 1 + SESSIONS_AFTER_DAY0) {
      if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
        dates.add(date);
      }
      date = date.plusDays(1);
    }
    benchmarkCloses = new double[dates.size()];
    symbolCloses = new double[dates.size()];
    benchmarkCloses[0] = 400;
    symbolCloses[0] = 50;
    for (int i = 1; i < dates.size(); i++) {
      int offset = i - SESSIONS_BEFORE_DAY0;
      benchmarkCloses[i] = benchmarkCloses[i - 1] * (1 + benchmarkReturn(offset));
      symbolCloses[i] = symbolCloses[i - 1] * (1 + symbolReturn(offset));
    }
  }

  /** Rm(t): varies between -0.5 % and +0.5 %. */
  static double benchmarkReturn(int offset) {
    return (Math.floorMod(offset * 37, 11) - 5) / 1000.0;
  }

  /** The abnormal return built into the symbol: AR(t). */
  static double shock(int offset) {
    return switch (offset) {
      case -1 -> 0.002;
      case 0 -> -0.05;   // the announcement
      case 1 -> 0.01;
      default -> 0.0;
    };
  }

  static double symbolReturn(int offset) {
    return ALPHA + BETA * benchmarkReturn(offset) + shock(offset);
  }

  LocalDate date(int offset) {
    return dates.get(SESSIONS_BEFORE_DAY0 + offset);
  }

  double symbolClose(int offset) {
    return symbolCloses[SESSIONS_BEFORE_DAY0 + offset];
  }

  /** An instant on the date of {@code offset}, New York time. */
  Instant at(int offset, String newYorkTime) {
    return ZonedDateTime.of(date(offset), LocalTime.parse(newYorkTime), SessionCalendar.NEW_YORK).toInstant();
  }

  /** The announcement used by most tests: 09:00 on day 0, before the open. */
  Instant announcement() {
    return at(0, "09:00");
  }

  /** Benchmark closes of every session from the first through {@code lastOffset}. */
  CloseHistory benchmarkThrough(int lastOffset) {
    return history(benchmarkCloses, -SESSIONS_BEFORE_DAY0, lastOffset, new int[0]);
  }

  /** Symbol closes of the sessions {@code firstOffset..lastOffset} except {@code missing}. */
  CloseHistory symbol(int firstOffset, int lastOffset, int... missing) {
    return history(symbolCloses, firstOffset, lastOffset, missing);
  }

  CloseHistory symbolThrough(int lastOffset) {
    return symbol(-SESSIONS_BEFORE_DAY0, lastOffset);
  }

  private CloseHistory history(double[] closes, int firstOffset, int lastOffset, int[] missing) {
    List<DailyClose> list = new ArrayList<>();
    for (int offset = firstOffset; offset <= lastOffset; offset++) {
      int o = offset;
      if (Arrays.stream(missing).noneMatch(m -> m == o)) {
        list.add(new DailyClose(date(offset), closes[SESSIONS_BEFORE_DAY0 + offset]));
      }
    }
    return CloseHistory.of(1000, list);
  }
}
