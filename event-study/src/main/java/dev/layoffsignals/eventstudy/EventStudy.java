package dev.layoffsignals.eventstudy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The event study: the reaction of one symbol to one announcement, computed from the closes of
 * the symbol and of the benchmark known so far. A pure function of its arguments (no clock, no
 * I/O, fixed summation order), so calling it again after each close arrives, in whatever order,
 * ends with the same numbers as one call over all the data. See the package documentation for
 * the formulae and the status rules.
 */
public final class EventStudy {

  private final EventStudyParameters parameters;

  public EventStudy(EventStudyParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  /** The event study with {@link EventStudyParameters#DEFAULTS}. */
  public static EventStudy withDefaults() {
    return new EventStudy(EventStudyParameters.DEFAULTS);
  }

  public EventStudyParameters parameters() {
    return parameters;
  }

  /**
   * The reaction of {@code symbol} to an announcement made at {@code announcedAt}, as far as the
   * known closes tell.
   *
   * @return empty while day 0 is not known (the benchmark close of the first session at or after
   *     the announcement has not arrived, or no known session closes before the announcement), and
   *     when the symbol has no close on day -1
   */
  public Optional<Reaction> evaluate(Instant announcedAt, CloseHistory symbol, CloseHistory benchmark) {
    Objects.requireNonNull(announcedAt, "announcedAt");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(benchmark, "benchmark");
    Optional<Integer> dayZeroIndex = SessionCalendar.of(benchmark).dayZeroIndex(announcedAt);
    if (dayZeroIndex.isEmpty()) {
      return Optional.empty();
    }
    Window window = new Window(symbol, benchmark, dayZeroIndex.get());
    OptionalDouble referenceClose = window.close(-1);
    if (referenceClose.isEmpty()) {
      return Optional.empty();
    }
    MarketModel model = estimate(window);

    int lastKnown = window.lastKnownOffset();
    int eventLast = parameters.eventLastDay();
    List<EventSession> sessions = new ArrayList<>();
    boolean everyReturnKnown = lastKnown >= eventLast;
    for (int t = parameters.eventFirstDay(); t <= Math.min(lastKnown, eventLast); t++) {
      if (!window.isKnown(t)) {
        everyReturnKnown = false;
        continue;
      }
      OptionalDouble r = window.symbolReturn(t);
      OptionalDouble rm = window.benchmarkReturn(t);
      OptionalDouble ar = r.isPresent() && rm.isPresent()
          ? OptionalDouble.of(model.abnormalReturn(r.getAsDouble(), rm.getAsDouble()))
          : OptionalDouble.empty();
      everyReturnKnown &= ar.isPresent();
      sessions.add(new EventSession(t, window.date(t), window.close(t), r, rm, ar));
    }

    Reaction.Status status;
    int asOfOffset;
    if (everyReturnKnown) {
      status = Reaction.Status.FINAL;
      asOfOffset = eventLast;
    } else if (lastKnown >= eventLast + parameters.incompleteAfterSessions()) {
      status = Reaction.Status.INCOMPLETE;
      asOfOffset = eventLast + parameters.incompleteAfterSessions();
    } else {
      status = Reaction.Status.PROVISIONAL;
      asOfOffset = lastKnown;
    }
    return Optional.of(new Reaction(status, announcedAt, window.date(0),
        SessionCalendar.closeOf(window.date(asOfOffset)), model, referenceClose.getAsDouble(), sessions));
  }

  private MarketModel estimate(Window window) {
    int first = parameters.estimationFirstDay();
    int last = parameters.estimationLastDay();
    double[] r = new double[last - first + 1];
    double[] rm = new double[r.length];
    int n = 0;
    // runs after every close for every open announcement: the symbol's closes of the window's
    // sessions are found in one walk along both histories (both ascending by date), and an
    // unknown close is NaN, so no date, optional or search is made per session
    double[] closes = window.symbolClosesOrNaN(first - 1, last);
    for (int t = first; t <= last; t++) {
      double now = closes[t - first + 1];
      double before = closes[t - first];
      double benchmarkReturn = window.benchmarkReturnOrNaN(t);
      if (!Double.isNaN(now) && !Double.isNaN(before) && !Double.isNaN(benchmarkReturn)) {
        r[n] = now / before - 1;
        rm[n] = benchmarkReturn;
        n++;
      }
    }
    return MarketModel.fit(Arrays.copyOf(r, n), Arrays.copyOf(rm, n),
        parameters.minimumEstimationReturns());
  }

  /** Sessions addressed by their offset from day 0; offsets outside the known sessions are unknown. */
  private static final class Window {
    private final CloseHistory symbol;
    private final CloseHistory benchmark;
    private final int dayZeroIndex;

    Window(CloseHistory symbol, CloseHistory benchmark, int dayZeroIndex) {
      this.symbol = symbol;
      this.benchmark = benchmark;
      this.dayZeroIndex = dayZeroIndex;
    }

    int lastKnownOffset() {
      return benchmark.size() - 1 - dayZeroIndex;
    }

    boolean isKnown(int offset) {
      int index = dayZeroIndex + offset;
      return index >= 0 && index < benchmark.size();
    }

    LocalDate date(int offset) {
      return benchmark.dateAt(dayZeroIndex + offset);
    }

    OptionalDouble close(int offset) {
      double close = closeOrNaN(offset);
      return Double.isNaN(close) ? OptionalDouble.empty() : OptionalDouble.of(close);
    }

    /** The symbol's close {@code offset} sessions from day 0, or NaN when unknown. */
    double closeOrNaN(int offset) {
      return isKnown(offset) ? symbol.closeOnEpochDay(benchmark.epochDayAt(dayZeroIndex + offset)) : Double.NaN;
    }

    OptionalDouble symbolReturn(int offset) {
      return ratioMinusOne(close(offset), close(offset - 1));
    }

    OptionalDouble benchmarkReturn(int offset) {
      double r = benchmarkReturnOrNaN(offset);
      return Double.isNaN(r) ? OptionalDouble.empty() : OptionalDouble.of(r);
    }

    /**
     * The symbol's closes of the sessions {@code from}..{@code to} (offsets from day 0), NaN where
     * unknown: what {@link #closeOrNaN} gives for each, found in one walk along both histories.
     */
    double[] symbolClosesOrNaN(int from, int to) {
      double[] out = new double[to - from + 1];
      Arrays.fill(out, Double.NaN);
      int j = -1;
      for (int t = from; t <= to; t++) {
        if (!isKnown(t)) {
          continue;
        }
        int day = benchmark.epochDayAt(dayZeroIndex + t);
        if (j < 0) {
          j = symbol.ceilingIndexOfEpochDay(day);
        }
        while (j < symbol.size() && symbol.epochDayAt(j) < day) {
          j++;
        }
        if (j < symbol.size() && symbol.epochDayAt(j) == day) {
          out[t - from] = symbol.closeAt(j);
        }
      }
      return out;
    }

    /** {@link #benchmarkReturn} with NaN for unknown. */
    double benchmarkReturnOrNaN(int offset) {
      return isKnown(offset) && isKnown(offset - 1)
          ? benchmark.closeAt(dayZeroIndex + offset) / benchmark.closeAt(dayZeroIndex + offset - 1) - 1
          : Double.NaN;
    }

    private static OptionalDouble ratioMinusOne(OptionalDouble now, OptionalDouble before) {
      return now.isPresent() && before.isPresent()
          ? OptionalDouble.of(now.getAsDouble() / before.getAsDouble() - 1)
          : OptionalDouble.empty();
    }
  }
}
