package dev.layoffsignals.streams;

import static dev.layoffsignals.streams.TopologyFixture.at;
import static dev.layoffsignals.streams.TopologyFixture.startOfDay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.streams.events.Close;
import dev.layoffsignals.streams.events.Report;
import dev.layoffsignals.streams.events.TickerEvent;
import dev.layoffsignals.streams.events.TickerEvents;
import dev.layoffsignals.streams.events.Watermark;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two input tasks far apart in event time, simulated by writing their output straight into the
 * ticker-events topic: one has sent every close of the month, the other is still at the day of
 * the announcement. Nothing may settle before the slow one has caught up, and what settles then
 * equals the result of an ordered run.
 */
class SkewTopologyTest {

  static final LocalDate DAY0 = LocalDate.of(2024, 6, 12);

  @Test
  @DisplayName("the clock is the slowest input task's: one task racing ahead settles nothing")
  void slowInputTaskHoldsTheClock() {
    LayoffAnnouncement a = TopologyFixture.announcement("a1", "Acme", "ACME", "Software", startOfDay(DAY0), TimePrecision.DATE, 1200);
    MarketReaction ordered;
    try (TopologyFixture f = new TopologyFixture()) {
      ReactionTopologyTest.replay(f, ReactionTopologyTest.PRICES, a);
      ordered = TopologyFixture.latest(TopologyFixture.all(f.reactions)).get("a1");
    }

    try (TopologyFixture f = new TopologyFixture(s -> s.withInputPartitions(2))) {
      TestInputTopic<String, TickerEvent> tickerEvents = f.driver.createInputTopic(
          f.applicationId + "-ticker-events-repartition", Serdes.String().serializer(), TickerEvents.serde().serializer());
      long grace = Duration.ofDays(2).toMillis();
      Prices prices = ReactionTopologyTest.PRICES;
      // input task 0 (the ticks) runs through the whole of June and early July
      for (LocalDate d : prices.sessions) {
        long close = at(d, 16, 0).toEpochMilli();
        tickerEvents.pipeInput("QQQ", new Close("QQQ", d, prices.benchmark.get(d)), close);
        tickerEvents.pipeInput("ACME", new Close("ACME", d, prices.symbol.get(d)), close);
        tickerEvents.pipeInput("~watermark", new Watermark(0, close - grace), close - grace);
      }
      // input task 1 (the layoff records) has only just started
      long announced = a.getAnnouncedAt().toEpochMilli();
      tickerEvents.pipeInput("~watermark", new Watermark(1, announced - grace), announced - grace);
      tickerEvents.pipeInput("ACME", new Report(a), announced);

      List<TestRecord<String, MarketReaction>> racing = TopologyFixture.all(f.reactions);
      assertThat(racing).extracting(r -> r.value().getStatus()).containsOnly(ReactionStatus.PROVISIONAL);
      assertThat(f.windows.readRecordsToList()).extracting(r -> r.value().getStatus().name()).containsOnly("PROVISIONAL");

      long later = at(LocalDate.of(2024, 7, 12), 16, 0).toEpochMilli() - grace;
      tickerEvents.pipeInput("~watermark", new Watermark(1, later), later); // task 1 catches up

      assertThat(TopologyFixture.all(f.reactions)).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(ordered));
    }
  }
}
