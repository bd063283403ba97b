package dev.layoffsignals.streams.dedup;

import dev.layoffsignals.eventstudy.NewYorkDays;
import dev.layoffsignals.eventstudy.SessionCalendar;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import java.time.Instant;
import java.time.LocalDate;

/**
 * When two reports are the same layoff: the same company within {@value #MAX_DAYS_APART} calendar
 * days (New York dates) and headcounts that agree within {@value #HEADCOUNT_TOLERANCE_PCT} % of
 * the larger one, or at least one of them without a headcount.
 */
public final class SameLayoffRule {

  public static final int MAX_DAYS_APART = 3;
  public static final int HEADCOUNT_TOLERANCE_PCT = 10;

  private SameLayoffRule() {
  }

  /** Calendar days between the two times' New York dates, ignoring order. */
  public static long daysApart(Instant a, Instant b) {
    return Math.abs(NewYorkDays.epochDay(a) - NewYorkDays.epochDay(b));
  }

  public static boolean headcountsAgree(Integer a, Integer b) {
    if (a == null || b == null) {
      return true;
    }
    long larger = Math.max(a, b);
    // integer arithmetic: |a - b| <= 10 % of the larger, exactly
    return Math.abs((long) a - b) * 100 <= larger * HEADCOUNT_TOLERANCE_PCT;
  }

  /**
   * From this instant on, no report can join a layoff first reported at {@code anchorTime}: 00:00
   * New York of the day after the last day within {@value #MAX_DAYS_APART} days. (Reports never
   * come from before the first one, which by definition is the earliest.)
   */
  public static Instant closedFrom(Instant anchorTime) {
    return SessionCalendar.startOfDay(LocalDate.ofEpochDay(NewYorkDays.epochDay(anchorTime) + MAX_DAYS_APART + 1L));
  }

  /** Whether a report matches a layoff first reported at {@code anchorTime} with {@code headcount}. */
  public static boolean matches(LayoffAnnouncement report, Instant anchorTime, Integer headcount) {
    return daysApart(report.getAnnouncedAt(), anchorTime) <= MAX_DAYS_APART
        && headcountsAgree(report.getHeadcount(), headcount);
  }
}
