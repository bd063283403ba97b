package dev.layoffsignals.streams;

import static dev.layoffsignals.streams.TopologyFixture.at;
import static dev.layoffsignals.streams.TopologyFixture.startOfDay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.layoffsignals.eventstudy.DailyClose;
import dev.layoffsignals.eventstudy.DailyClosesCsv;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.ReturnModel;
import dev.layoffsignals.schemas.TimePrecision;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The market model over a long history, on synthetic returns with a known alpha and beta and on the real data. */
class MarketModelTopologyTest {

  static final Path PRICES = Path.of("..", "data", "historical", "prices");
  static final double ALPHA = 0.0005;
  static final double BETA = 1.3;

  /**
   * Sessions 2023-09-01 .. 2024-06-28 (weekdays); the symbol's returns are exactly
   * alpha + beta * Rm except on day 0 (-5 %) and day +1 (+1 %).
   */
  static Prices marketModelPrices(LocalDate day0) {
    List<LocalDate> sessions = Sessions.between(LocalDate.of(2023, 9, 1), LocalDate.of(2024, 6, 28), Set.of());
    int d0 = sessions.indexOf(day0);
    double[] b = new double[sessions.size()];
    double[] s = new double[sessions.size()];
    b[0] = 100;
    s[0] = 40;
    for (int i = 1; i < b.length; i++) {
      double rm = 0.01 * Math.sin(i * 0.7);
      double shock = i == d0 ? -0.05 : i == d0 + 1 ? 0.01 : 0;
      b[i] = b[i - 1] * (1 + rm);
      s[i] = s[i - 1] * (1 + ALPHA + BETA * rm + shock);
    }
    return new Prices(sessions, b, s);
  }

  @Test
  @DisplayName("120 estimation returns: alpha and beta by OLS, abnormal returns against them")
  void marketModel() {
    LocalDate day0 = LocalDate.of(2024, 5, 15);
    Prices prices = marketModelPrices(day0);
    try (TopologyFixture f = new TopologyFixture()) {
      ReactionTopologyTest.replay(f, prices,
          TopologyFixture.announcement("a1", "Acme", "ACME", "Software", startOfDay(day0), TimePrecision.DATE, 500));

      MarketReaction r = TopologyFixture.latest(TopologyFixture.all(f.reactions)).get("a1");
      assertThat(r.getStatus()).isEqualTo(ReactionStatus.FINAL);
      assertThat(r.getModel()).isEqualTo(ReturnModel.MARKET_MODEL);
      assertThat(r.getEstimationReturns()).isEqualTo(120);
      assertThat(r.getAlpha()).isCloseTo(ALPHA, within(1e-12));
      assertThat(r.getBeta()).isCloseTo(BETA, within(1e-12));
      assertThat(r.getCar00()).isCloseTo(-0.05, within(1e-12));
      assertThat(r.getCar0P1()).isCloseTo(-0.04, within(1e-12));
      assertThat(r.getCarM1P1()).isCloseTo(-0.04, within(1e-12));
      assertThat(r.getCar0P5()).isCloseTo(-0.04, within(1e-12));
    }
  }

  @ParameterizedTest(name = "history from day {0}: {1} estimation returns -> {2}")
  @CsvSource({
      "-70, 59, MARKET_ADJUSTED",  // returns of days -69..-11
      "-71, 60, MARKET_MODEL"})
  @DisplayName("the market model needs 60 estimation returns; with fewer, market-adjusted")
  void minimumEstimationReturns(int firstOffset, int returns, ReturnModel model) {
    LocalDate day0 = LocalDate.of(2024, 5, 15);
    Prices all = marketModelPrices(day0);
    int d0 = all.sessions.indexOf(day0);
    List<LocalDate> kept = all.sessions.subList(d0 + firstOffset, all.sessions.size());
    Prices prices = new Prices(kept,
        kept.stream().mapToDouble(all.benchmark::get).toArray(), kept.stream().mapToDouble(all.symbol::get).toArray());
    try (TopologyFixture f = new TopologyFixture()) {
      ReactionTopologyTest.replay(f, prices,
          TopologyFixture.announcement("a1", "Acme", "ACME", "Software", startOfDay(day0), TimePrecision.DATE, 500));

      MarketReaction r = TopologyFixture.latest(TopologyFixture.all(f.reactions)).get("a1");
      assertThat(r.getEstimationReturns()).isEqualTo(returns);
      assertThat(r.getModel()).isEqualTo(model);
      if (model == ReturnModel.MARKET_ADJUSTED) {
        assertThat(r.getAlpha()).isZero();
        assertThat(r.getBeta()).isEqualTo(1.0);
      } else {
        assertThat(r.getBeta()).isCloseTo(BETA, within(1e-12));
      }
    }
  }

  @Test
  @DisplayName("worked example: Meta's 11,000 of 2022-11-09 (date-only), day-0 return +5.18 % against QQQ -2.31 %")
  void meta() throws IOException {
    MarketReaction r = realReaction("META", "Meta", startOfDay(LocalDate.of(2022, 11, 9)), TimePrecision.DATE, 11_000);

    assertThat(r.getDay0()).isEqualTo(LocalDate.of(2022, 11, 9));
    assertThat(r.getDay0Return()).isCloseTo(0.0518, within(0.00005));
    assertThat(r.getDay0BenchmarkReturn()).isCloseTo(-0.0231, within(0.00005));
    assertThat(r.getModel()).isEqualTo(ReturnModel.MARKET_MODEL);
    assertThat(r.getEstimationReturns()).isEqualTo(120);
    assertThat(r.getStatus()).isEqualTo(ReactionStatus.FINAL);
  }

  @Test
  @DisplayName("worked example: Intel's of 2024-08-01 at 16:15 New York, day 0 2024-08-02, day-0 return -26.06 %")
  void intel() throws IOException {
    MarketReaction r = realReaction("INTC", "Intel", at(LocalDate.of(2024, 8, 1), 16, 15), TimePrecision.INSTANT, 15_000);

    assertThat(r.getDay0()).isEqualTo(LocalDate.of(2024, 8, 2));
    assertThat(r.getDay0Return()).isCloseTo(-0.2606, within(0.00005));
    assertThat(r.getStatus()).isEqualTo(ReactionStatus.FINAL);
  }

  /** The symbol's and QQQ's real closes from 200 sessions before the announcement to 15 after, through the topology. */
  static MarketReaction realReaction(String ticker, String company, Instant announcedAt, TimePrecision precision,
      int headcount) throws IOException {
    Map<LocalDate, Double> qqq = byDate(DailyClosesCsv.read(PRICES.resolve("QQQ.csv")));
    Map<LocalDate, Double> symbol = byDate(DailyClosesCsv.read(PRICES.resolve(ticker + ".csv")));
    List<LocalDate> dates = List.copyOf(qqq.keySet());
    int announcedIndex = 0;
    while (at(dates.get(announcedIndex), 16, 0).isBefore(announcedAt)) {
      announcedIndex++;
    }
    LayoffAnnouncement a = TopologyFixture.announcement("a1", company, ticker, "Tech", announcedAt, precision, headcount);
    try (TopologyFixture f = new TopologyFixture()) {
      for (LocalDate d : dates.subList(announcedIndex - 200, announcedIndex + 15)) {
        if (d.equals(dates.get(announcedIndex))) {
          f.record(a);
        }
        f.close("QQQ", d, qqq.get(d));
        f.close(ticker, d, symbol.get(d));
      }
      return TopologyFixture.latest(TopologyFixture.all(f.reactions)).get("a1");
    }
  }

  static Map<LocalDate, Double> byDate(List<DailyClose> closes) {
    Map<LocalDate, Double> out = new TreeMap<>();
    closes.forEach(c -> out.put(c.date(), c.close()));
    return out;
  }
}
