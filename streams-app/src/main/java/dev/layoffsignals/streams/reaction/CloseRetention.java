package dev.layoffsignals.streams.reaction;

import dev.layoffsignals.eventstudy.CloseHistory;
import dev.layoffsignals.eventstudy.EventStudyParameters;
import dev.layoffsignals.eventstudy.SessionCalendar;
import java.time.Instant;
import java.util.Arrays;

/**
 * How far back close histories must reach. An announcement needs the sessions from the one before
 * its estimation window (day -131 with the defaults) onwards. The announcements still to be
 * evaluated are those open now, and those still to come, which are not older than the clock. So a
 * history keeps every close from {@link #sessionsBefore} sessions before the earlier of the clock
 * and the oldest open announcement: bounded by event time, not by how many closes went through,
 * and wide enough whatever the order in which the closes and the announcements arrive.
 */
public final class CloseRetention {

  /** Upper bound of a history; reached only if the clock stops for years while closes keep coming. */
  public static final int CAPACITY = 10_000;

  private final int sessionsBefore;

  public CloseRetention(EventStudyParameters parameters) {
    // from session estimationFirstDay - 1 (the close before the first estimation return), plus one
    this.sessionsBefore = 1 - parameters.estimationFirstDay() + 1;
  }

  public int sessionsBefore() {
    return sessionsBefore;
  }

  /**
   * The history without the closes no announcement at or after {@code keepFrom} can need; the
   * history itself when it needs them all or when the benchmark does not reach back far enough
   * to tell.
   */
  public CloseHistory prune(CloseHistory history, CloseHistory benchmark, Instant keepFrom) {
    if (keepFrom == null || history.isEmpty()) {
      return history;
    }
    int[] sessions = benchmark.epochDays();
    int firstCloseDay = Math.toIntExact(SessionCalendar.firstCloseDateAtOrAfter(keepFrom).toEpochDay());
    int index = Arrays.binarySearch(sessions, firstCloseDay);
    int dayZeroCandidate = index >= 0 ? index : -index - 1;
    int oldestNeeded = dayZeroCandidate - sessionsBefore;
    if (oldestNeeded < 0) {
      return history;
    }
    int cutoff = sessions[oldestNeeded];
    int[] days = history.epochDays();
    int from = Arrays.binarySearch(days, cutoff);
    from = from >= 0 ? from : -from - 1;
    if (from == 0) {
      return history;
    }
    return CloseHistory.of(history.capacity(), Arrays.copyOfRange(days, from, days.length),
        Arrays.copyOfRange(history.closes(), from, days.length));
  }

  /** The earliest of the clock and an announcement time, either possibly absent. */
  public static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
