package dev.layoffsignals.producers.ticks;

import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.EventSource;
import dev.layoffsignals.producers.InputStats;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.topics.Topics;
import java.util.OptionalLong;

/** {@link SyntheticTicks} as an input of the commands: already in event-time order, size known. */
public final class SyntheticTickSource implements EventSource {

  private final SyntheticTicks ticks;
  private final InputStats stats;
  private final long expected;
  private long seq;

  public SyntheticTickSource(SyntheticTicks.Spec spec) {
    this.ticks = new SyntheticTicks(spec);
    this.stats = new InputStats("synthetic(" + spec + ")");
    this.expected = spec.totalTicks();
  }

  @Override
  public InputStats stats() {
    return stats;
  }

  @Override
  public Event next() {
    if (!ticks.hasNext()) {
      return null;
    }
    StockTick t = ticks.next();
    stats.countRead();
    stats.countEvent();
    return new Event(Topics.STOCK_TICKS, t.getSymbol(), t, t.getTradedAt().toEpochMilli(), ++seq, stats);
  }

  @Override
  public boolean timeOrdered() {
    return true;
  }

  @Override
  public OptionalLong expectedEvents() {
    return OptionalLong.of(expected);
  }
}
