package dev.layoffsignals.eventstudy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.layoffsignals.eventstudy.MarketModel.Kind;
import dev.layoffsignals.eventstudy.Reaction.Status;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Unit tests of the event study on {@link SyntheticMarket}, whose every AR is known in advance. */
class EventStudyTest {

  private static final double EXACT = 1e-12;

  private final SyntheticMarket market = new SyntheticMarket();
  private final EventStudy eventStudy = EventStudy.withDefaults();

  @Test
  void fitsTheMarketModelAndMeasuresTheShocksAsAbnormalReturns() {
    Reaction reaction = eventStudy.evaluate(market.announcement(), market.symbolThrough(5), market.benchmarkThrough(5))
        .orElseThrow();

    assertThat(reaction.day0()).isEqualTo(market.date(0));
    assertThat(reaction.status()).isEqualTo(Status.FINAL);
    assertThat(reaction.asOf()).isEqualTo(SessionCalendar.closeOf(market.date(5)));          // day +5 close
    assertThat(reaction.model().kind()).isEqualTo(Kind.MARKET_MODEL);
    assertThat(reaction.model().estimationReturns()).isEqualTo(120);
    assertThat(reaction.model().alpha()).isCloseTo(0.001, within(EXACT));
    assertThat(reaction.model().beta()).isCloseTo(1.5, within(EXACT));
    assertThat(reaction.referenceClose()).isEqualTo(market.symbolClose(-1));
    assertThat(reaction.sessions()).extracting(EventSession::offset).containsExactly(-1, 0, 1, 2, 3, 4, 5);
    assertThat(reaction.sessions()).extracting(EventSession::date)
        .containsExactly(market.date(-1), market.date(0), market.date(1), market.date(2), market.date(3),
            market.date(4), market.date(5));
    for (EventSession session : reaction.sessions()) {
      assertThat(session.abnormalReturn().getAsDouble()).as("AR(%d)", session.offset())
          .isCloseTo(SyntheticMarket.shock(session.offset()), within(EXACT));
      assertThat(session.benchmarkReturn().getAsDouble()).as("Rm(%d)", session.offset())
          .isCloseTo(SyntheticMarket.benchmarkReturn(session.offset()), within(EXACT));
    }
    assertThat(reaction.day0Return().getAsDouble()).isCloseTo(SyntheticMarket.symbolReturn(0), within(EXACT));
    assertThat(reaction.day0BenchmarkReturn().getAsDouble()).isCloseTo(SyntheticMarket.benchmarkReturn(0), within(EXACT));
    assertThat(reaction.car00().getAsDouble()).isCloseTo(-0.05, within(EXACT));
    assertThat(reaction.car0P1().getAsDouble()).isCloseTo(-0.04, within(EXACT));
    assertThat(reaction.carM1P1().getAsDouble()).isCloseTo(-0.038, within(EXACT));
    assertThat(reaction.car0P5().getAsDouble()).isCloseTo(-0.04, within(EXACT));
    double raw = 1;
    for (int t = 0; t <= 5; t++) {
      raw *= 1 + SyntheticMarket.symbolReturn(t);
    }
    assertThat(reaction.rawReturn0P5().getAsDouble()).isCloseTo(raw - 1, within(EXACT));
  }

  /** Benchmark known through day {@code k}, the symbol a session further: what the topology emits after each close. */
  @ParameterizedTest(name = "benchmark through day {0}: {1}")
  @CsvSource({
      // last benchmark close, status,    sessions, CAR[0,0], CAR[0,+1], CAR[-1,+1], CAR[0,+5]
      " 0, PROVISIONAL, 2, true, false, false, false",   // day 0 close
      " 1, PROVISIONAL, 3, true, true,  true,  false",   // day +1 close
      " 2, PROVISIONAL, 4, true, true,  true,  false",
      " 3, PROVISIONAL, 5, true, true,  true,  false",
      " 4, PROVISIONAL, 6, true, true,  true,  false",
      " 5, FINAL,       7, true, true,  true,  true",    // day +5 close
      " 9, FINAL,       7, true, true,  true,  true",    // later closes change nothing
  })
  void isProvisionalAfterEachSessionCloseAndFinalAfterDayFive(int lastBenchmarkDay, Status status, int sessions,
      boolean car00, boolean car0P1, boolean carM1P1, boolean car0P5) {
    Reaction reaction = eventStudy.evaluate(market.announcement(), market.symbolThrough(lastBenchmarkDay + 1),
        market.benchmarkThrough(lastBenchmarkDay)).orElseThrow();

    assertThat(reaction.status()).isEqualTo(status);
    assertThat(reaction.asOf()).isEqualTo(SessionCalendar.closeOf(market.date(Math.min(lastBenchmarkDay, 5))));
    assertThat(reaction.sessions()).hasSize(sessions);
    assertThat(reaction.sessions().get(sessions - 1).date()).isEqualTo(market.date(sessions - 2));
    assertThat(reaction.day0Return()).isPresent();
    assertThat(reaction.car00().isPresent()).isEqualTo(car00);
    assertThat(reaction.car0P1().isPresent()).isEqualTo(car0P1);
    assertThat(reaction.carM1P1().isPresent()).isEqualTo(carM1P1);
    assertThat(reaction.car0P5().isPresent()).isEqualTo(car0P5);
    assertThat(reaction.rawReturn0P5().isPresent()).isEqualTo(car0P5);
    // the model does not move as the window fills
    assertThat(reaction.model().beta()).isCloseTo(1.5, within(EXACT));
  }

  @Test
  void waitsForTheBenchmarkCloseOfDayZero() {
    // the symbol's day-0 close has arrived, the benchmark's has not: day 0 is not known yet
    assertThat(eventStudy.evaluate(market.announcement(), market.symbolThrough(0), market.benchmarkThrough(-1)))
        .isEmpty();
    // the benchmark's day-0 close arrives
    assertThat(eventStudy.evaluate(market.announcement(), market.symbolThrough(0), market.benchmarkThrough(0)))
        .get().extracting(Reaction::day0).isEqualTo(market.date(0));
  }

  @Test
  void ignoresSymbolClosesOfDatesTheBenchmarkHasNotClosedYet() {
    Reaction reaction = eventStudy.evaluate(market.announcement(), market.symbolThrough(3), market.benchmarkThrough(1))
        .orElseThrow();

    assertThat(reaction.sessions()).extracting(EventSession::offset).containsExactly(-1, 0, 1);
    assertThat(reaction.status()).isEqualTo(Status.PROVISIONAL);
  }

  @Test
  void reportsTheBenchmarkAloneWhileTheSymbolsDayZeroCloseIsLate() {
    Reaction reaction = eventStudy.evaluate(market.announcement(), market.symbolThrough(-1), market.benchmarkThrough(0))
        .orElseThrow();

    EventSession day0 = reaction.session(0).orElseThrow();
    assertThat(day0.close()).isEmpty();
    assertThat(day0.symbolReturn()).isEmpty();
    assertThat(day0.abnormalReturn()).isEmpty();
    assertThat(day0.benchmarkReturn().getAsDouble()).isCloseTo(SyntheticMarket.benchmarkReturn(0), within(EXACT));
    assertThat(reaction.day0Return()).isEmpty();
    assertThat(reaction.car00()).isEmpty();
    assertThat(reaction.status()).isEqualTo(Status.PROVISIONAL);
  }

  /** The symbol never gets its day +3 close; the benchmark goes on. */
  @ParameterizedTest(name = "benchmark through day {0}: {1}")
  @CsvSource({
      " 5, PROVISIONAL, 5",   // day +5 close, +3 missing: not final
      " 9, PROVISIONAL, 9",   // 4 sessions past +5
      "10, INCOMPLETE, 10",   // 5 sessions past +5
      "14, INCOMPLETE, 10",   // stays incomplete, as of day +10
  })
  void becomesIncompleteFiveBenchmarkSessionsPastDayFiveWhenASymbolCloseIsMissing(int lastBenchmarkDay,
      Status status, int asOfDay) {
    Reaction reaction = eventStudy.evaluate(market.announcement(),
        market.symbol(-SyntheticMarket.SESSIONS_BEFORE_DAY0, lastBenchmarkDay, 3), market.benchmarkThrough(lastBenchmarkDay))
        .orElseThrow();

    assertThat(reaction.status()).isEqualTo(status);
    assertThat(reaction.asOf()).isEqualTo(SessionCalendar.closeOf(market.date(asOfDay)));
    assertThat(reaction.sessions()).extracting(EventSession::offset).containsExactly(-1, 0, 1, 2, 3, 4, 5);
    assertThat(reaction.sessions()).extracting(s -> s.abnormalReturn().isPresent())
        .containsExactly(true, true, true, true, false, false, true);   // AR(+3) and AR(+4) need C(+3)
    assertThat(reaction.session(3).orElseThrow().close()).isEmpty();
    assertThat(reaction.carM1P1().getAsDouble()).isCloseTo(-0.038, within(EXACT));
    assertThat(reaction.car0P5()).isEmpty();
    assertThat(reaction.rawReturn0P5().getAsDouble())
        .isCloseTo(market.symbolClose(5) / market.symbolClose(-1) - 1, within(EXACT));
  }

  @Test
  void aLateSymbolCloseTurnsAnIncompleteReactionFinal() {
    CloseHistory withoutDay3 = market.symbol(-SyntheticMarket.SESSIONS_BEFORE_DAY0, 12, 3);
    CloseHistory benchmark = market.benchmarkThrough(12);
    assertThat(eventStudy.evaluate(market.announcement(), withoutDay3, benchmark).orElseThrow().status())
        .isEqualTo(Status.INCOMPLETE);

    CloseHistory day3Arrives = withoutDay3.with(market.date(3), market.symbolClose(3));
    Reaction reaction = eventStudy.evaluate(market.announcement(), day3Arrives, benchmark).orElseThrow();
    assertThat(reaction.status()).isEqualTo(Status.FINAL);
    assertThat(reaction.asOf()).isEqualTo(SessionCalendar.closeOf(market.date(5)));
  }

  @Test
  void hasNoReactionWhenTheSymbolHasNoCloseBeforeDayZero() {
    // listed on day 0
    assertThat(eventStudy.evaluate(market.announcement(), market.symbol(0, 10), market.benchmarkThrough(10)))
        .isEmpty();
  }

  @Test
  void hasNoReactionWhenTheSymbolHasNoCloseOnDayMinusOneEvenWithEarlierCloses() {
    // C(-1) is the close of the session before day 0, not the symbol's last earlier close
    assertThat(eventStudy.evaluate(market.announcement(),
        market.symbol(-SyntheticMarket.SESSIONS_BEFORE_DAY0, 10, -1), market.benchmarkThrough(10)))
        .isEmpty();
  }

  @Test
  void hasNoReactionWhenTheBenchmarkHistoryStartsAtTheAnnouncement() {
    CloseHistory benchmarkFromDay0 = CloseHistory.of(1000,
        market.benchmarkThrough(10).toList().subList(SyntheticMarket.SESSIONS_BEFORE_DAY0, SyntheticMarket.SESSIONS_BEFORE_DAY0 + 11));

    assertThat(eventStudy.evaluate(market.announcement(), market.symbolThrough(10), benchmarkFromDay0)).isEmpty();
  }

  static Stream<Arguments> estimationWindows() {
    return Stream.of(
        // symbol's first close, missing symbol closes, model, estimation returns
        Arguments.of(-140, new int[0], Kind.MARKET_MODEL, 120),       // the whole window -130..-11
        Arguments.of(-71, new int[0], Kind.MARKET_MODEL, 60),         // returns -70..-11: exactly the minimum
        Arguments.of(-70, new int[0], Kind.MARKET_ADJUSTED, 59),      // one short
        Arguments.of(-20, new int[0], Kind.MARKET_ADJUSTED, 9),       // short history
        Arguments.of(-140, new int[] {-50}, Kind.MARKET_MODEL, 118),  // a missing close loses R(-50) and R(-49)
        Arguments.of(-140, new int[] {-131, -10}, Kind.MARKET_MODEL, 119)); // R(-130) lost; C(-10) only feeds R(-10), R(-9)
  }

  @ParameterizedTest(name = "symbol from day {0}, missing {1}: {2} with {3} returns")
  @MethodSource("estimationWindows")
  void estimatesOverSessionsMinus130ToMinus11WithAtLeast60Returns(int firstClose, int[] missing, Kind kind, int returns) {
    Reaction reaction = eventStudy.evaluate(market.announcement(), market.symbol(firstClose, 5, missing),
        market.benchmarkThrough(5)).orElseThrow();

    MarketModel model = reaction.model();
    assertThat(model.kind()).isEqualTo(kind);
    assertThat(model.estimationReturns()).isEqualTo(returns);
    if (kind == Kind.MARKET_MODEL) {
      assertThat(model.alpha()).isCloseTo(0.001, within(EXACT));
      assertThat(model.beta()).isCloseTo(1.5, within(EXACT));
      assertThat(reaction.car00().getAsDouble()).isCloseTo(-0.05, within(EXACT));
    } else {
      assertThat(model.alpha()).isZero();
      assertThat(model.beta()).isEqualTo(1.0);
      // AR = R - Rm
      assertThat(reaction.car00().getAsDouble())
          .isCloseTo(SyntheticMarket.symbolReturn(0) - SyntheticMarket.benchmarkReturn(0), within(EXACT));
    }
  }

  @Test
  void movesDayZeroToTheNextSessionForAnAnnouncementAfterTheClose() {
    Reaction reaction = eventStudy.evaluate(market.at(0, "16:15"), market.symbolThrough(6), market.benchmarkThrough(6))
        .orElseThrow();

    assertThat(reaction.day0()).isEqualTo(market.date(1));
    assertThat(reaction.referenceClose()).isEqualTo(market.symbolClose(0));
    assertThat(reaction.day0Return().getAsDouble()).isCloseTo(SyntheticMarket.symbolReturn(1), within(EXACT));
  }

  @Test
  void usesConfiguredWindows() {
    EventStudy wider = new EventStudy(new EventStudyParameters("SPY", -100, -6, 30, -2, 7, 3));
    Reaction reaction = wider.evaluate(market.announcement(), market.symbolThrough(7), market.benchmarkThrough(7))
        .orElseThrow();

    assertThat(reaction.sessions()).extracting(EventSession::offset).containsExactly(-2, -1, 0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(reaction.status()).isEqualTo(Status.FINAL);
    assertThat(reaction.model().estimationReturns()).isEqualTo(95);
    assertThat(reaction.car(-2, 7).getAsDouble()).isCloseTo(-0.038, within(EXACT));
  }

  @Test
  void carIsEmptyUnlessEveryAbnormalReturnIsKnown() {
    Reaction reaction = eventStudy.evaluate(market.announcement(), market.symbolThrough(2), market.benchmarkThrough(2))
        .orElseThrow();

    assertThat(reaction.car(0, 2)).isPresent();
    assertThat(reaction.car(0, 3)).isEqualTo(OptionalDouble.empty());   // day +3 not closed yet
    assertThat(reaction.car(-2, 0)).isEqualTo(OptionalDouble.empty());  // outside the event window
    assertThat(List.of(reaction.car(0, 0).getAsDouble())).containsExactly(reaction.car00().getAsDouble());
  }
}
