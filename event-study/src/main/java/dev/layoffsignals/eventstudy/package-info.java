/**
 * The event study: how one stock reacted to one layoff announcement, measured against a
 * benchmark (QQQ by default). Pure Java, no I/O except {@link dev.layoffsignals.eventstudy.DailyClosesCsv};
 * the streaming topology calls {@link dev.layoffsignals.eventstudy.EventStudy#evaluate} after each
 * close, the batch reference run ({@link dev.layoffsignals.eventstudy.BatchEventStudy}) calls it once
 * over all closes, and both get the same numbers.
 *
 * <h2>Sessions and day 0</h2>
 * <ul>
 *   <li>The sessions are the dates on which the benchmark has a close; a date becomes a session
 *       when the benchmark's close for it is known. Every session closes at 16:00
 *       America/New_York. A symbol close on a date that is not (yet) a session is not used.</li>
 *   <li>Day 0 is the first session whose close is at or after the announcement time: an
 *       announcement at 16:00:00.000 belongs to that day's session; after 16:00, on a weekend or a
 *       holiday it belongs to the next session. A date-only announcement counts as 00:00 New York
 *       time of that date ({@link dev.layoffsignals.eventstudy.SessionCalendar#startOfDay}), so on
 *       a trading day its day 0 is that day.</li>
 *   <li>Day 0 is known once the benchmark's close of that session is known, and only if a known
 *       session closes before the announcement (otherwise the history starts too late to tell).</li>
 *   <li>Offsets count sessions: day -1 is the session before day 0, day +1 the one after.</li>
 * </ul>
 *
 * <h2>Returns and the model</h2>
 * <pre>
 *   R(t)   = C(t) / C(t-1) - 1        the symbol, t-1 the previous session
 *   Rm(t)  = B(t) / B(t-1) - 1        the benchmark
 *   AR(t)  = R(t) - (alpha + beta * Rm(t))
 *   CAR[a,b] = AR(a) + AR(a+1) + ... + AR(b)       (added in that order)
 *   raw return [0,+5] = C(+5) / C(-1) - 1
 * </pre>
 * A return is missing when either close is missing; a missing value is never taken as zero, and
 * a CAR is missing when any of its ARs is. alpha and beta come from an ordinary least-squares
 * regression of R(t) on Rm(t) over the sessions t = -130..-11 that have both returns, when there
 * are at least 60 of them ({@code beta = Sxy / Sxx}, {@code alpha = mean(R) - beta * mean(Rm)},
 * centred sums in session order); otherwise, or if the benchmark returns do not vary, the
 * market-adjusted model alpha = 0, beta = 1. The number of estimation returns is reported with
 * either model.
 *
 * <h2>Status</h2>
 * <ul>
 *   <li>No reaction while day 0 is not known, nor when the symbol has no close on day -1 (there
 *       is no reference close C(-1)).</li>
 *   <li>FINAL: day +5 is a known session and every AR(t), t = -1..+5, is known.</li>
 *   <li>INCOMPLETE: not FINAL, and the benchmark has a known session 5 sessions past day +5 (day
 *       +10). It carries what is known.</li>
 *   <li>PROVISIONAL otherwise: re-evaluated after every close, it gains a session per benchmark
 *       close until FINAL or INCOMPLETE.</li>
 * </ul>
 * The status is a function of the data like everything else: a symbol close for the window that
 * arrives after the reaction became INCOMPLETE turns it FINAL. Out-of-order data within the
 * caller's grace may give intermediate results that later data corrects (a benchmark close that
 * arrives late shifts the offsets of the sessions after it); the state after all data is the
 * batch result.
 *
 * <h2>History to keep</h2>
 * {@link dev.layoffsignals.eventstudy.EventStudyParameters#historySessionsNeeded()} (142 with the
 * defaults: sessions -131..+10) closes per symbol and for the benchmark suffice to reproduce the
 * batch result up to day +10; a topology adds how far one stream may run ahead of the other and
 * how late an announcement may arrive after its day 0. Evaluated later than that on bounded
 * histories, the estimation window is no longer all there and the numbers drift from the batch
 * result, so a topology stops evaluating an announcement once it is FINAL or INCOMPLETE (plus its
 * grace).
 *
 * <h2>Event time</h2>
 * {@link dev.layoffsignals.eventstudy.Reaction#asOf()} is the close of the session that decided
 * the state: the latest known session while PROVISIONAL, day +5 when FINAL, day +10 when
 * INCOMPLETE. It depends only on the data, so the streaming and the batch results are equal
 * records.
 *
 * <p>All windows, the minimum number of estimation returns and the benchmark symbol are in
 * {@link dev.layoffsignals.eventstudy.EventStudyParameters}; the numbers above are its defaults.
 */
package dev.layoffsignals.eventstudy;
