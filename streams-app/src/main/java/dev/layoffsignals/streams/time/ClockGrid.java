package dev.layoffsignals.streams.time;

import dev.layoffsignals.eventstudy.NewYorkDays;
import dev.layoffsignals.eventstudy.SessionCalendar;

/**
 * The only instants at which the topology's clock can change a decision: 00:00 New York of every
 * day, and one millisecond after 16:00 New York (a session's close has passed). Every comparison
 * downstream is against one of them:
 * <ul>
 *   <li>{@code clock >= midnight}: a layoff closed for new reports
 *       ({@link dev.layoffsignals.streams.dedup.SameLayoffRule#closedFrom}), a window's end, the
 *       window tasks' clock (whole New York days);</li>
 *   <li>{@code clock > close}: a reaction settled once the clock is past its as-of or past day 0's
 *       close (every as-of is a session's close), i.e. {@code clock >= close + 1 ms}; and which
 *       closes a history must keep ({@link SessionCalendar#firstCloseDateAtOrAfter} changes
 *       there);</li>
 *   <li>{@code clock > announcement}: only together with {@code clock >= closedFrom}, which
 *       implies it.</li>
 * </ul>
 * So the clock rounded down to this grid decides exactly what the clock itself decides; the input
 * tasks send their watermarks rounded down to it, which is at most two a day instead of one per
 * distinct input timestamp, and the downstream tasks do their clock work as rarely.
 *
 * <p>{@link #floor} remembers the interval of its last answer, so a stream of nearby times costs
 * two comparisons each; an instance is for one thread.
 */
public final class ClockGrid {

  /** The last answer holds for times in [from, until). */
  private long from = Long.MAX_VALUE;
  private long until = Long.MIN_VALUE;

  /** The latest grid instant at or before {@code epochMillis}. */
  public long floor(long epochMillis) {
    if (epochMillis >= from && epochMillis < until) {
      return from;
    }
    long day = NewYorkDays.epochDay(epochMillis);
    long afterClose = NewYorkDays.closeMillis(day) + 1;
    if (epochMillis >= afterClose) {
      from = afterClose;
      until = NewYorkDays.startOfDayMillis(day + 1);
    } else {
      from = NewYorkDays.startOfDayMillis(day);
      until = afterClose;
    }
    return from;
  }
}
