package dev.layoffsignals.streams.routing;

import dev.layoffsignals.streams.events.Close;
import dev.layoffsignals.streams.events.TickerEvent;
import dev.layoffsignals.streams.events.Watermark;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions ticker-events: closes and reports by their key (the ticker), so that a symbol's
 * closes and its announcements meet in one task; the benchmark's closes and every watermark to
 * every partition, so that every task has the trading calendar, the market returns and the clock.
 */
public final class TickerEventPartitioner implements StreamPartitioner<String, TickerEvent> {

  private final String benchmark;

  public TickerEventPartitioner(String benchmark) {
    this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
  }

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, TickerEvent value, int numPartitions) {
    if (value instanceof Watermark || (value instanceof Close close && close.symbol().equals(benchmark))) {
      return Multicast.everyPartition(numPartitions);
    }
    return Multicast.byKey();
  }
}
