package dev.layoffsignals.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.eventstudy.CloseHistory;
import dev.layoffsignals.eventstudy.DailyClosesCsv;
import dev.layoffsignals.schemas.TimePrecision;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** State grows with open event windows, not with the number of closes processed. */
class StateBoundsTest {

  @Test
  @DisplayName("five years of closes leave 132-odd sessions per symbol, and no settled announcement, in the stores")
  void boundedByEventTime() throws IOException {
    Map<LocalDate, Double> qqq = MarketModelTopologyTest.byDate(DailyClosesCsv.read(MarketModelTopologyTest.PRICES.resolve("QQQ.csv")));
    Map<LocalDate, Double> meta = MarketModelTopologyTest.byDate(DailyClosesCsv.read(MarketModelTopologyTest.PRICES.resolve("META.csv")));
    List<LocalDate> layoffs = List.of(LocalDate.of(2022, 11, 9), LocalDate.of(2023, 3, 14), LocalDate.of(2025, 2, 10));
    try (TopologyFixture f = new TopologyFixture()) {
      for (LocalDate d : qqq.keySet()) {
        if (layoffs.contains(d)) {
          f.record(TopologyFixture.announcement("meta-" + d, "Meta", "META", "Internet", TopologyFixture.startOfDay(d),
              TimePrecision.DATE, 1000));
        }
        f.close("QQQ", d, qqq.get(d));
        f.close("META", d, meta.get(d));
      }
      KeyValueStore<String, CloseHistory> closes = f.driver.getKeyValueStore("react-closes");
      KeyValueStore<String, ?> open = f.driver.getKeyValueStore("react-open-announcements");
      KeyValueStore<String, ?> reports = f.driver.getKeyValueStore("dedup-reports");

      assertThat(qqq).hasSize(1255);
      assertThat(closes.get("QQQ").size()).isBetween(132, 136);
      assertThat(closes.get("META").size()).isBetween(132, 136);
      assertThat(open.approximateNumEntries()).isZero();
      assertThat(reports.approximateNumEntries()).isZero();
      assertThat(TopologyFixture.latest(TopologyFixture.all(f.reactions))).hasSize(3)
          .allSatisfy((id, r) -> assertThat(r.getStatus().name()).isEqualTo("FINAL"));
    }
  }
}
