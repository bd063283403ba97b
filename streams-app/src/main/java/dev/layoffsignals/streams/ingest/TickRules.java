package dev.layoffsignals.streams.ingest;

import dev.layoffsignals.eventstudy.NewYorkDays;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import dev.layoffsignals.streams.dedup.RoutingKeys;
import dev.layoffsignals.streams.events.Close;
import dev.layoffsignals.streams.events.TickerEvent;
import dev.layoffsignals.streams.time.EventTimes;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;

/**
 * Stock ticks. Only CLOSE ticks feed the event study (returns are close to close); TRADE and
 * OPEN ticks are validated like the others and then have nothing to contribute.
 */
public final class TickRules implements IngestRules<StockTick> {


  @Override
  public Optional<String> invalid(StockTick tick) {
    if (!RoutingKeys.isSymbol(tick.getSymbol())) {
      return Optional.of("symbol '" + tick.getSymbol() + "' is not an upper-case ticker symbol");
    }
    if (!EventTimes.isPlausible(tick.getTradedAt())) {
      return Optional.of(EventTimes.outOfRange("traded_at", tick.getTradedAt()));
    }
    double price = tick.getPrice();
    if (!(price > 0) || Double.isInfinite(price)) {
      return Optional.of("price " + price + " is not positive and finite");
    }
    if (tick.getVolume() < 0) {
      return Optional.of("volume " + tick.getVolume() + " is negative");
    }
    if (tick.getKind() == TickKind.CLOSE) {
      DayOfWeek day = LocalDate.ofEpochDay(NewYorkDays.epochDay(tick.getTradedAt())).getDayOfWeek();
      if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
        return Optional.of("a session close on a " + day + " (" + tick.getTradedAt() + ") is impossible");
      }
    }
    return Optional.empty();
  }

  @Override
  public Instant eventTime(StockTick tick) {
    return tick.getTradedAt();
  }

  @Override
  public List<KeyValue<String, TickerEvent>> events(StockTick tick) {
    if (tick.getKind() != TickKind.CLOSE) {
      return List.of();
    }
    LocalDate session = LocalDate.ofEpochDay(NewYorkDays.epochDay(tick.getTradedAt()));
    return List.of(KeyValue.pair(tick.getSymbol(), new Close(tick.getSymbol(), session, tick.getPrice())));
  }
}
