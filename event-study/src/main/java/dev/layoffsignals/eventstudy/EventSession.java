package dev.layoffsignals.eventstudy;

import java.time.LocalDate;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One session of the event window of a {@link Reaction}. A value is empty when a close it needs
 * is not (yet) known; it is never taken as zero.
 *
 * @param offset session relative to day 0 (-1..+5 with the defaults)
 * @param date trading date of the session
 * @param close the symbol's close C(t)
 * @param symbolReturn R(t) = C(t) / C(t-1) - 1, t-1 being the previous session
 * @param benchmarkReturn Rm(t), the same for the benchmark
 * @param abnormalReturn AR(t) = R(t) - (alpha + beta * Rm(t))
 */
public record EventSession(
    int offset,
    LocalDate date,
    OptionalDouble close,
    OptionalDouble symbolReturn,
    OptionalDouble benchmarkReturn,
    OptionalDouble abnormalReturn) {

  public EventSession {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(close, "close");
    Objects.requireNonNull(symbolReturn, "symbolReturn");
    Objects.requireNonNull(benchmarkReturn, "benchmarkReturn");
    Objects.requireNonNull(abnormalReturn, "abnormalReturn");
  }
}
