package dev.layoffsignals.producers.replay;

import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.NewYork;
import dev.layoffsignals.topics.Topics;
import java.time.LocalDate;
import java.util.Set;

/**
 * Which events a replay publishes: event time within [--from 00:00, --to + 1 day 00:00) in New York
 * time, and, when symbols are given, only the stock ticks of those symbols (articles and layoff
 * records are not filtered by symbol: the pipeline needs every announcement to find the ones that
 * concern the symbols).
 *
 * @param fromMillis    first included event time (inclusive), or Long.MIN_VALUE
 * @param untilMillis   end of the range (exclusive), or Long.MAX_VALUE
 * @param symbols       tick symbols to keep (upper case), or empty for all
 */
public record ReplayFilter(long fromMillis, long untilMillis, Set<String> symbols) {

  public static final ReplayFilter ALL = new ReplayFilter(Long.MIN_VALUE, Long.MAX_VALUE, Set.of());

  public ReplayFilter {
    symbols = Set.copyOf(symbols);
  }

  /** From and to are New York calendar dates, both included; null for no bound. */
  public static ReplayFilter of(LocalDate from, LocalDate to, Set<String> symbols) {
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    return new ReplayFilter(
        from == null ? Long.MIN_VALUE : NewYork.startOfDay(from),
        to == null ? Long.MAX_VALUE : NewYork.startOfDay(to.plusDays(1)),
        symbols);
  }

  public boolean accepts(Event e) {
    if (e.timestamp() < fromMillis || e.timestamp() >= untilMillis) {
      return false;
    }
    return symbols.isEmpty() || e.topic() != Topics.STOCK_TICKS || symbols.contains(e.key());
  }
}
