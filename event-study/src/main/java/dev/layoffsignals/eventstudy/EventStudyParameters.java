package dev.layoffsignals.eventstudy;

import java.util.Objects;

/**
 * The knobs of the event study. Days are session offsets relative to day 0 (day 0 = 0, the
 * session before it = -1).
 *
 * @param benchmarkSymbol the symbol whose closes define the trading sessions and the market
 *     return (default QQQ)
 * @param estimationFirstDay first session of the estimation window (default -130)
 * @param estimationLastDay last session of the estimation window (default -11)
 * @param minimumEstimationReturns returns needed in the estimation window to fit the market
 *     model by OLS; with fewer, the market-adjusted model is used (default 60)
 * @param eventFirstDay first session of the event window (default -1; must be at most -1)
 * @param eventLastDay last session of the event window, after whose close the reaction is FINAL
 *     (default +5; must be at least +5 because CAR[0,+5] is reported)
 * @param incompleteAfterSessions benchmark sessions past {@code eventLastDay} after which a
 *     reaction still missing symbol data becomes INCOMPLETE (default 5)
 */
public record EventStudyParameters(
    String benchmarkSymbol,
    int estimationFirstDay,
    int estimationLastDay,
    int minimumEstimationReturns,
    int eventFirstDay,
    int eventLastDay,
    int incompleteAfterSessions) {

  /** QQQ; estimation -130..-11 with at least 60 returns; event window -1..+5; INCOMPLETE after 5 more sessions. */
  public static final EventStudyParameters DEFAULTS =
      new EventStudyParameters("QQQ", -130, -11, 60, -1, 5, 5);

  public EventStudyParameters {
    Objects.requireNonNull(benchmarkSymbol, "benchmarkSymbol");
    if (benchmarkSymbol.isBlank()) {
      throw new IllegalArgumentException("benchmarkSymbol is blank");
    }
    if (estimationFirstDay > estimationLastDay) {
      throw new IllegalArgumentException("estimation window " + estimationFirstDay + ".." + estimationLastDay + " is empty");
    }
    if (estimationLastDay >= eventFirstDay) {
      throw new IllegalArgumentException("estimation window must end before the event window starts");
    }
    if (eventFirstDay > -1 || eventLastDay < 5) {
      throw new IllegalArgumentException("event window " + eventFirstDay + ".." + eventLastDay
          + " must contain -1..+5 (CAR[-1,+1] and CAR[0,+5] are reported)");
    }
    if (minimumEstimationReturns < 3) {
      throw new IllegalArgumentException("minimumEstimationReturns must be at least 3, was " + minimumEstimationReturns);
    }
    if (incompleteAfterSessions < 0) {
      throw new IllegalArgumentException("incompleteAfterSessions must not be negative");
    }
  }

  public EventStudyParameters withBenchmarkSymbol(String symbol) {
    return new EventStudyParameters(symbol, estimationFirstDay, estimationLastDay, minimumEstimationReturns,
        eventFirstDay, eventLastDay, incompleteAfterSessions);
  }

  /**
   * The number of most recent sessions a {@link CloseHistory} (of the symbol and of the benchmark)
   * must retain so that evaluating an announcement gives the same numbers as on unbounded history,
   * up to the moment the reaction becomes INCOMPLETE: the close before the first estimation
   * return (session {@code estimationFirstDay - 1}) through session
   * {@code eventLastDay + incompleteAfterSessions}. With the defaults: sessions -131..+10 = 142.
   *
   * <p>The caller adds to this its own slack: how many sessions one stream may run ahead of the
   * other, and how many sessions late an announcement may arrive after its day 0.
   */
  public int historySessionsNeeded() {
    return (eventLastDay + incompleteAfterSessions) - (estimationFirstDay - 1) + 1;
  }
}
