package dev.layoffsignals.eventstudy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.layoffsignals.eventstudy.MarketModel.Kind;
import dev.layoffsignals.eventstudy.Reaction.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.OptionalDouble;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The worked examples on the real adjusted closes. The long figures were computed independently
 * (a few lines of Python over the same CSV files, same definitions) and agree to 1e-12.
 */
class EventStudyRealDataTest {

  private static final double INDEPENDENT = 1e-12;

  private final BatchEventStudy batch = new BatchEventStudy(EventStudyParameters.DEFAULTS);

  @Test
  void metaElevenThousandJobsOn2022_11_09() {
    Instant announcedAt = SessionCalendar.startOfDay(LocalDate.parse("2022-11-09"));   // date-only

    Reaction meta = batch.reaction(announcedAt, HistoricalPrices.closes("META"), HistoricalPrices.closes("QQQ"))
        .orElseThrow();

    assertThat(meta.day0()).isEqualTo(LocalDate.parse("2022-11-09"));
    assertThat(meta.status()).isEqualTo(Status.FINAL);
    assertThat(percent4(meta.day0Return())).isEqualTo("0.0518");
    assertThat(percent4(meta.day0BenchmarkReturn())).isEqualTo("-0.0231");
    assertThat(meta.day0Return().getAsDouble()).isEqualTo(100.76610565185547 / 95.80079650878906 - 1);
    assertThat(meta.referenceClose()).isEqualTo(95.80079650878906);    // adjusted close of 2022-11-08
    assertThat(meta.model().kind()).isEqualTo(Kind.MARKET_MODEL);
    assertThat(meta.model().estimationReturns()).isEqualTo(120);
    assertThat(meta.model().alpha()).isCloseTo(-0.0022174849022374103, within(INDEPENDENT));
    assertThat(meta.model().beta()).isCloseTo(1.2967305824643016, within(INDEPENDENT));
    assertThat(meta.car00().getAsDouble()).isCloseTo(0.08397050296956789, within(INDEPENDENT));
    assertThat(meta.car0P1().getAsDouble()).isCloseTo(0.09299852216780276, within(INDEPENDENT));
    assertThat(meta.carM1P1().getAsDouble()).isCloseTo(0.08318135219225443, within(INDEPENDENT));
    assertThat(meta.car0P5().getAsDouble()).isCloseTo(0.1021304661103242, within(INDEPENDENT));
    assertThat(meta.rawReturn0P5().getAsDouble()).isCloseTo(0.17373277049363356, within(INDEPENDENT));
    assertThat(meta.sessions()).extracting(EventSession::date).containsExactly(
        date("2022-11-08"), date("2022-11-09"), date("2022-11-10"), date("2022-11-11"),
        date("2022-11-14"), date("2022-11-15"), date("2022-11-16"));
    assertThat(meta.asOf()).isEqualTo(Instant.parse("2022-11-16T21:00:00Z"));   // day +5 close, 16:00 EST
  }

  @Test
  void intelAfterTheCloseOn2024_08_01() {
    Instant announcedAt = LocalDateTime.parse("2024-08-01T16:15").atZone(SessionCalendar.NEW_YORK).toInstant();

    Reaction intel = batch.reaction(announcedAt, HistoricalPrices.closes("INTC"), HistoricalPrices.closes("QQQ"))
        .orElseThrow();

    assertThat(intel.day0()).isEqualTo(LocalDate.parse("2024-08-02"));
    assertThat(intel.status()).isEqualTo(Status.FINAL);
    assertThat(percent4(intel.day0Return())).isEqualTo("-0.2606");
    assertThat(intel.referenceClose()).isEqualTo(28.866878509521484);   // 2024-08-01, the day of the announcement
    assertThat(intel.day0BenchmarkReturn().getAsDouble()).isCloseTo(-0.023734936847990107, within(INDEPENDENT));
    assertThat(intel.model().estimationReturns()).isEqualTo(120);
    assertThat(intel.model().alpha()).isCloseTo(-0.0033441869248346913, within(INDEPENDENT));
    assertThat(intel.model().beta()).isCloseTo(0.750239829320829, within(INDEPENDENT));
    assertThat(intel.car00().getAsDouble()).isCloseTo(-0.23943406370395837, within(INDEPENDENT));
    assertThat(intel.car0P1().getAsDouble()).isCloseTo(-0.2775008858685727, within(INDEPENDENT));
    assertThat(intel.carM1P1().getAsDouble()).isCloseTo(-0.31096202724851063, within(INDEPENDENT));
    assertThat(intel.car0P5().getAsDouble()).isCloseTo(-0.2993235214992789, within(INDEPENDENT));
    assertThat(intel.rawReturn0P5().getAsDouble()).isCloseTo(-0.3172105852050652, within(INDEPENDENT));
  }

  @Test
  void microsoftOn2023_01_18() {
    Instant announcedAt = SessionCalendar.startOfDay(LocalDate.parse("2023-01-18"));

    Reaction msft = batch.reaction(announcedAt, HistoricalPrices.closes("MSFT"), HistoricalPrices.closes("QQQ"))
        .orElseThrow();

    assertThat(msft.day0()).isEqualTo(LocalDate.parse("2023-01-18"));
    assertThat(percent4(msft.day0Return())).isEqualTo("-0.0189");
    assertThat(percent4(msft.day0BenchmarkReturn())).isEqualTo("-0.0130");
    assertThat(msft.model().estimationReturns()).isEqualTo(120);
    assertThat(msft.model().alpha()).isCloseTo(0.00025044947683630745, within(INDEPENDENT));
    assertThat(msft.model().beta()).isCloseTo(1.093188271783234, within(INDEPENDENT));
    assertThat(msft.car0P5().getAsDouble()).isCloseTo(-0.02400600615374618, within(INDEPENDENT));
  }

  @Test
  void batchOfSeveralAnnouncementsLeavesOutThoseWithoutAReaction() {
    List<Reaction> reactions = batch.reactions(List.of(
            SessionCalendar.startOfDay(LocalDate.parse("2022-11-09")),
            SessionCalendar.startOfDay(LocalDate.parse("2021-01-11")),   // first day of the data: no day -1
            SessionCalendar.startOfDay(LocalDate.parse("2026-01-07")),   // window runs past the data
            SessionCalendar.startOfDay(LocalDate.parse("2026-01-09"))),  // after the data: no day 0
        HistoricalPrices.closes("META"), HistoricalPrices.closes("QQQ"));

    assertThat(reactions).extracting(Reaction::day0, Reaction::status).containsExactly(
        Tuple.tuple(date("2022-11-09"), Status.FINAL),
        Tuple.tuple(date("2026-01-07"), Status.PROVISIONAL));
    assertThat(reactions.get(1).sessions()).extracting(EventSession::offset).containsExactly(-1, 0, 1);
    // 2021-03-01 is the 34th session of the data (day -33 = 2021-01-11): returns -32..-11 only
    assertThat(batch.reaction(SessionCalendar.startOfDay(date("2021-03-01")), HistoricalPrices.closes("META"),
        HistoricalPrices.closes("QQQ")).orElseThrow().model())
        .isEqualTo(MarketModel.marketAdjusted(22));
  }

  private static String percent4(OptionalDouble value) {
    return BigDecimal.valueOf(value.getAsDouble()).setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  private static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }
}
