package dev.layoffsignals.producers.ticks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.producers.NewYork;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SyntheticTicksTest {

  @Test
  void specParsing() {
    assertThat(SyntheticTicks.Spec.parse("symbols=500,days=250,ticks-per-session=390,seed=42"))
        .isEqualTo(new SyntheticTicks.Spec(500, 250, 390, 42, LocalDate.of(2024, 1, 2), 0));
    assertThat(SyntheticTicks.Spec.parse("symbols=3, seed=7, start=2024-03-08, limit=100"))
        .isEqualTo(new SyntheticTicks.Spec(3, 250, 390, 7, LocalDate.of(2024, 3, 8), 100));
    assertThat(SyntheticTicks.Spec.parse("")).isEqualTo(SyntheticTicks.Spec.DEFAULT);
    assertThatThrownBy(() -> SyntheticTicks.Spec.parse("symbol=3")).hasMessageContaining("unknown key(s) [symbol]");
    assertThatThrownBy(() -> SyntheticTicks.Spec.parse("days=0")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a feed whose sessions would fall outside the pipeline's event times (1990 .. 2100) is refused when parsed")
  void sessionsOutsideTheEventTimeRangeAreRefused() {
    assertThatThrownBy(() -> SyntheticTicks.Spec.parse("start=1900-01-02"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from 1900-01-02 to 1900-12-17")
        .hasMessageContaining("1990-01-01T00:00:00Z .. 2100-01-01T00:00:00Z");
    assertThat(SyntheticTicks.Spec.parse("start=1990-01-01,days=1").start()).isEqualTo(LocalDate.of(1990, 1, 1));
    // from Friday 2099-12-18, the tenth session is Thursday 2099-12-31, the eleventh Friday 2100-01-01
    assertThat(SyntheticTicks.Spec.parse("start=2099-12-18,days=10").days()).isEqualTo(10);
    assertThatThrownBy(() -> SyntheticTicks.Spec.parse("start=2099-12-18,days=11"))
        .hasMessageContaining("from 2099-12-18 to 2100-01-01");
    // a Saturday start: the first session is the Monday after, 1990-01-01; a Friday start is 1989
    assertThat(SyntheticTicks.Spec.parse("start=1989-12-30,days=1").start()).isEqualTo(LocalDate.of(1989, 12, 30));
    assertThatThrownBy(() -> SyntheticTicks.Spec.parse("start=1989-12-29,days=1"))
        .hasMessageContaining("from 1989-12-29 to 1989-12-29");
  }

  @Test
  @DisplayName("the same seed gives the same ticks; another seed other prices")
  void deterministicBySeed() {
    SyntheticTicks.Spec spec = SyntheticTicks.Spec.parse("symbols=20,days=3,ticks-per-session=30,seed=42");
    List<StockTick> first = SyntheticTicks.stream(spec).toList();
    List<StockTick> second = SyntheticTicks.stream(spec).toList();
    List<StockTick> otherSeed = SyntheticTicks.stream(SyntheticTicks.Spec.parse("symbols=20,days=3,ticks-per-session=30,seed=43")).toList();

    assertThat(first).hasSize(21 * 3 * 32).isEqualTo(second);
    assertThat(otherSeed).hasSize(first.size()).isNotEqualTo(first);
    assertThat(otherSeed).extracting(StockTick::getTradedAt).isEqualTo(first.stream().map(StockTick::getTradedAt).toList());
  }

  @Test
  @DisplayName("sessions: OPEN at 09:30, trades strictly inside, CLOSE at 16:00 New York with the day's volume; weekends skipped")
  void sessionShape() {
    // Friday 2024-03-08 (EST), then Monday 2024-03-11 (EDT, after the DST change)
    SyntheticTicks.Spec spec = SyntheticTicks.Spec.parse("symbols=2,days=2,ticks-per-session=5,seed=1,start=2024-03-08");
    List<StockTick> ticks = SyntheticTicks.stream(spec).toList();

    assertThat(ticks).hasSize(3 * 2 * 7);
    assertThat(ticks.subList(0, 3)).extracting(StockTick::getSymbol).containsExactly("QQQ", "S0001", "S0002");
    assertThat(ticks).extracting(t -> t.getTradedAt().toEpochMilli()).isSorted();
    for (LocalDate day : List.of(LocalDate.of(2024, 3, 8), LocalDate.of(2024, 3, 11))) {
      long open = NewYork.epochMillis(day, NewYork.OPEN);
      long close = NewYork.epochMillis(day, NewYork.CLOSE);
      List<StockTick> session = ticks.stream()
          .filter(t -> t.getTradedAt().toEpochMilli() >= open && t.getTradedAt().toEpochMilli() <= close).toList();
      assertThat(session).hasSize(21);
      assertThat(session.stream().filter(t -> t.getKind() == TickKind.OPEN))
          .allMatch(t -> t.getTradedAt().toEpochMilli() == open).hasSize(3);
      assertThat(session.stream().filter(t -> t.getKind() == TickKind.CLOSE))
          .allMatch(t -> t.getTradedAt().toEpochMilli() == close).hasSize(3);
      assertThat(session.stream().filter(t -> t.getKind() == TickKind.TRADE))
          .allMatch(t -> t.getTradedAt().toEpochMilli() > open && t.getTradedAt().toEpochMilli() < close).hasSize(15);
      Map<String, Long> volumeBeforeClose = session.stream().filter(t -> t.getKind() != TickKind.CLOSE)
          .collect(Collectors.groupingBy(StockTick::getSymbol, Collectors.summingLong(StockTick::getVolume)));
      session.stream().filter(t -> t.getKind() == TickKind.CLOSE)
          .forEach(c -> assertThat(c.getVolume()).isEqualTo(volumeBeforeClose.get(c.getSymbol())));
    }
    assertThat(ticks).allMatch(t -> t.getPrice() > 0 && Double.isFinite(t.getPrice()));
  }

  @Test
  @DisplayName("daily volatility: about 1.2 % for the benchmark, 1.5 % .. 3 % for the stocks")
  void realisticVolatility() {
    SyntheticTicks.Spec spec = SyntheticTicks.Spec.parse("symbols=10,days=250,ticks-per-session=0,seed=42");
    Map<String, List<Double>> closes = new HashMap<>();
    SyntheticTicks.stream(spec).filter(t -> t.getKind() == TickKind.CLOSE)
        .forEach(t -> closes.computeIfAbsent(t.getSymbol(), s -> new ArrayList<>()).add(t.getPrice()));

    assertThat(closes).hasSize(11);
    closes.forEach((symbol, c) -> {
      double sd = stdDevOfReturns(c);
      if (symbol.equals("QQQ")) {
        assertThat(sd).as(symbol).isBetween(0.009, 0.015);
      } else {
        assertThat(sd).as(symbol).isBetween(0.012, 0.035);
      }
    });
  }

  @Test
  @DisplayName("limit cuts the stream; remaining() counts down")
  void limit() {
    SyntheticTicks ticks = new SyntheticTicks(SyntheticTicks.Spec.parse("symbols=500,days=250,limit=1000"));
    assertThat(ticks.remaining()).isEqualTo(1000);
    int n = 0;
    while (ticks.hasNext()) {
      ticks.next();
      n++;
    }
    assertThat(n).isEqualTo(1000);
    assertThat(SyntheticTicks.Spec.parse("symbols=500,days=250,ticks-per-session=390").totalTicks()).isEqualTo(501L * 250 * 392);
  }

  private static double stdDevOfReturns(List<Double> closes) {
    double[] r = new double[closes.size() - 1];
    for (int i = 1; i < closes.size(); i++) {
      r[i - 1] = closes.get(i) / closes.get(i - 1) - 1;
    }
    double mean = java.util.Arrays.stream(r).average().orElse(0);
    return Math.sqrt(java.util.Arrays.stream(r).map(x -> (x - mean) * (x - mean)).sum() / (r.length - 1));
  }
}
