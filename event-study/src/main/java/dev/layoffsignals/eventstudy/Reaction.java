package dev.layoffsignals.eventstudy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The market's reaction to one announcement, as far as the closes known so far tell: the result
 * of {@link EventStudy#evaluate}. The CARs, the day-0 returns and the raw return are derived from
 * {@link #sessions()}, so they cannot disagree with it; each is empty until every close it needs
 * is known.
 *
 * @param status PROVISIONAL, FINAL or INCOMPLETE (see the package documentation)
 * @param announcedAt when the announcement was made
 * @param day0 the first session whose 16:00 New York close is at or after {@code announcedAt}
 * @param asOf event time of this state: the close of the latest session known (PROVISIONAL), of
 *     the last event-window session (FINAL), or of the session that made it INCOMPLETE
 * @param model the normal-return model, with its alpha, beta and number of estimation returns
 * @param referenceClose C(-1), the symbol's close of the session before day 0
 * @param sessions the known sessions of the event window, ascending from its first offset (-1)
 */
public record Reaction(
    Status status,
    Instant announcedAt,
    LocalDate day0,
    Instant asOf,
    MarketModel model,
    double referenceClose,
    List<EventSession> sessions) {

  /** Names as in the {@code ReactionStatus} Avro enum. */
  public enum Status {
    /** Sessions of the event window are still to come, or symbol closes inside it are missing. */
    PROVISIONAL,
    /** Day +5 has closed and every return of the event window is known. */
    FINAL,
    /** The benchmark is 5 sessions past day +5 and the symbol's closes of the window are still not all known. */
    INCOMPLETE
  }

  public Reaction {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(announcedAt, "announcedAt");
    Objects.requireNonNull(day0, "day0");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(model, "model");
    sessions = List.copyOf(sessions);
  }

  /** R(0): the symbol's return on day 0. */
  public OptionalDouble day0Return() {
    return session(0).map(EventSession::symbolReturn).orElse(OptionalDouble.empty());
  }

  /** Rm(0): the benchmark's return on day 0. */
  public OptionalDouble day0BenchmarkReturn() {
    return session(0).map(EventSession::benchmarkReturn).orElse(OptionalDouble.empty());
  }

  /** CAR[-1,+1]. */
  public OptionalDouble carM1P1() {
    return car(-1, 1);
  }

  /** CAR[0,0], the abnormal return of day 0. */
  public OptionalDouble car00() {
    return car(0, 0);
  }

  /** CAR[0,+1]. */
  public OptionalDouble car0P1() {
    return car(0, 1);
  }

  /** CAR[0,+5]. */
  public OptionalDouble car0P5() {
    return car(0, 5);
  }

  /** The raw return over days 0..+5: C(+5) / C(-1) - 1. */
  public OptionalDouble rawReturn0P5() {
    OptionalDouble close = session(5).map(EventSession::close).orElse(OptionalDouble.empty());
    return close.isPresent() ? OptionalDouble.of(close.getAsDouble() / referenceClose - 1) : OptionalDouble.empty();
  }

  /**
   * CAR[from,to] = the sum of AR(t) for t = from..to, added in that order; empty unless every one
   * of them is known.
   */
  public OptionalDouble car(int from, int to) {
    if (from > to) {
      throw new IllegalArgumentException("empty window " + from + ".." + to);
    }
    double sum = 0;
    for (int t = from; t <= to; t++) {
      OptionalDouble ar = session(t).map(EventSession::abnormalReturn).orElse(OptionalDouble.empty());
      if (ar.isEmpty()) {
        return OptionalDouble.empty();
      }
      sum += ar.getAsDouble();
    }
    return OptionalDouble.of(sum);
  }

  /** The session at {@code offset} from day 0, when it is known and inside the event window. */
  public Optional<EventSession> session(int offset) {
    if (sessions.isEmpty()) {
      return Optional.empty();
    }
    int index = offset - sessions.get(0).offset();
    return index >= 0 && index < sessions.size() ? Optional.of(sessions.get(index)) : Optional.empty();
  }
}
