package dev.layoffsignals.streams;

import static dev.layoffsignals.streams.TopologyFixture.at;
import static dev.layoffsignals.streams.TopologyFixture.startOfDay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionSession;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.ReturnModel;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.streams.errors.ErrorCategory;
import dev.layoffsignals.topics.ErrorHeaders;
import dev.layoffsignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The stock-ticks → closes → reaction path through the whole topology (TopologyTestDriver). */
class ReactionTopologyTest {

  // June-July 2024: Juneteenth (Wed 06-19) and Independence Day (Thu 07-04) have no closes
  static final Set<LocalDate> HOLIDAYS = Set.of(LocalDate.of(2024, 6, 19), LocalDate.of(2024, 7, 4));
  static final List<LocalDate> SESSIONS = Sessions.between(LocalDate.of(2024, 6, 3), LocalDate.of(2024, 7, 12), HOLIDAYS);
  static final Prices PRICES = Prices.varied(SESSIONS);
  static final LocalDate WED_12 = LocalDate.of(2024, 6, 12);

  static Stream<Arguments> announcementTimes() {
    return Stream.of(
        Arguments.of("before the open", at(WED_12, 8, 0), TimePrecision.INSTANT, WED_12),
        Arguments.of("during the session", at(WED_12, 11, 30), TimePrecision.INSTANT, WED_12),
        Arguments.of("exactly at the close", at(WED_12, 16, 0), TimePrecision.INSTANT, WED_12),
        Arguments.of("after the close", at(WED_12, 16, 15), TimePrecision.INSTANT, LocalDate.of(2024, 6, 13)),
        Arguments.of("on a Saturday", at(LocalDate.of(2024, 6, 15), 10, 0), TimePrecision.INSTANT, LocalDate.of(2024, 6, 17)),
        Arguments.of("date-only (00:00 New York)", startOfDay(WED_12), TimePrecision.DATE, WED_12),
        Arguments.of("on a holiday (no benchmark close)", at(LocalDate.of(2024, 6, 19), 9, 0), TimePrecision.INSTANT,
            LocalDate.of(2024, 6, 20)),
        Arguments.of("the evening before a holiday", at(LocalDate.of(2024, 6, 18), 17, 0), TimePrecision.INSTANT,
            LocalDate.of(2024, 6, 20)));
  }

  @ParameterizedTest(name = "announced {0} -> day 0 {3}")
  @MethodSource("announcementTimes")
  @DisplayName("day 0 is the first session whose 16:00 close is at or after the announcement")
  void dayZeroAndTheFinalReaction(String when, Instant announcedAt, TimePrecision precision, LocalDate day0) {
    try (TopologyFixture f = new TopologyFixture()) {
      LayoffAnnouncement a = TopologyFixture.announcement("a1", "Acme", "ACME", "Software", announcedAt, precision, 1200);
      replay(f, PRICES, a);

      List<TestRecord<String, MarketReaction>> emitted = TopologyFixture.all(f.reactions);
      MarketReaction last = emitted.get(emitted.size() - 1).value();
      assertThat(emitted.subList(0, emitted.size() - 1)).extracting(r -> r.value().getStatus())
          .containsOnly(ReactionStatus.PROVISIONAL);
      assertThat(last.getStatus()).isEqualTo(ReactionStatus.FINAL);
      assertThat(last.getDay0()).isEqualTo(day0);
      double r0 = PRICES.symbolReturn(day0);
      double rm0 = PRICES.benchmarkReturn(day0);
      assertThat(last.getDay0Return()).isEqualTo(r0);
      assertThat(last.getDay0BenchmarkReturn()).isEqualTo(rm0);
      // fewer than 60 estimation returns (history starts 2024-06-03): market-adjusted, AR = R - Rm
      assertThat(last.getModel()).isEqualTo(ReturnModel.MARKET_ADJUSTED);
      // returns exist from the second session (index 1) on; the estimation window ends at day -11
      assertThat(last.getEstimationReturns()).isEqualTo(Math.max(0, PRICES.sessions.indexOf(day0) - 11));
      assertThat(last.getCar00()).isEqualTo(r0 - rm0);
      assertThat(last.getReferenceClose()).isEqualTo(PRICES.symbol.get(PRICES.offset(day0, -1)));
      assertThat(last.getSessions()).extracting(ReactionSession::getOffset).containsExactly(-1, 0, 1, 2, 3, 4, 5);
      assertThat(last.getSessions()).extracting(ReactionSession::getDate)
          .containsExactlyElementsOf(PRICES.sessions.subList(PRICES.sessions.indexOf(day0) - 1, PRICES.sessions.indexOf(day0) + 6));
      assertThat(last.getAsOf()).isEqualTo(at(PRICES.offset(day0, 5), 16, 0)); // day +5 close
      assertThat(last.getRawReturn0P5()).isEqualTo(PRICES.symbol.get(PRICES.offset(day0, 5)) / PRICES.symbol.get(PRICES.offset(day0, -1)) - 1);
    }
  }

  @Test
  @DisplayName("re-emitted PROVISIONAL after each session close; FINAL once stream time has passed day +5 by the grace")
  void provisionalThenFinal() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.record(TopologyFixture.announcement("a1", "Acme", "ACME", "Software", startOfDay(WED_12), TimePrecision.DATE, 1200));
      for (LocalDate d : Sessions.between(LocalDate.of(2024, 6, 10), LocalDate.of(2024, 6, 20), HOLIDAYS)) {
        f.closes(d, PRICES.benchmark.get(d), "ACME", PRICES.symbol.get(d));
      }
      // day 0 = 06-12; day +5 = 06-20 (06-19 is a holiday)
      List<TestRecord<String, MarketReaction>> upToDayFive = TopologyFixture.all(f.reactions);
      assertThat(upToDayFive).extracting(r -> r.value().getStatus()).containsOnly(ReactionStatus.PROVISIONAL);
      // one record when the benchmark's close reveals the session, one when the symbol's adds its return
      assertThat(upToDayFive).extracting(r -> r.value().getAsOf()).containsExactly(
          at(WED_12, 16, 0), at(WED_12, 16, 0),
          at(LocalDate.of(2024, 6, 13), 16, 0), at(LocalDate.of(2024, 6, 13), 16, 0),
          at(LocalDate.of(2024, 6, 14), 16, 0), at(LocalDate.of(2024, 6, 14), 16, 0),
          at(LocalDate.of(2024, 6, 17), 16, 0), at(LocalDate.of(2024, 6, 17), 16, 0),
          at(LocalDate.of(2024, 6, 18), 16, 0), at(LocalDate.of(2024, 6, 18), 16, 0),
          at(LocalDate.of(2024, 6, 20), 16, 0), at(LocalDate.of(2024, 6, 20), 16, 0));
      assertThat(upToDayFive.get(0).value().getCar00()).as("benchmark close of day 0 only").isNull();
      assertThat(upToDayFive.get(1).value().getCar00()).isNotNull();
      assertThat(upToDayFive.get(upToDayFive.size() - 1).value().getCar0P5()).as("complete, but not settled").isNotNull();

      f.close("QQQ", LocalDate.of(2024, 6, 21), 999.0); // stream time 06-21 16:00, minus 2 days: before the day +5 close
      assertThat(TopologyFixture.all(f.reactions)).isEmpty();

      f.close("QQQ", LocalDate.of(2024, 6, 24), 999.0); // minus 2 days: 06-22 16:00, past the day +5 close
      List<TestRecord<String, MarketReaction>> settled = TopologyFixture.all(f.reactions);
      assertThat(settled).singleElement().satisfies(r -> {
        assertThat(r.value().getStatus()).isEqualTo(ReactionStatus.FINAL);
        assertThat(r.value().getAsOf()).isEqualTo(at(LocalDate.of(2024, 6, 20), 16, 0));
        assertThat(r.timestamp()).isEqualTo(at(LocalDate.of(2024, 6, 20), 16, 0).toEpochMilli());
        MarketReaction before = upToDayFive.get(upToDayFive.size() - 1).value();
        before.setStatus(ReactionStatus.FINAL);
        assertThat(r.value()).as("only the status changed").isEqualTo(before);
      });
      f.close("QQQ", LocalDate.of(2024, 6, 25), 999.0); // a benchmark move after the window changes nothing
      assertThat(TopologyFixture.all(f.reactions)).isEmpty();
    }
  }

  @Test
  @DisplayName("a symbol close that arrives before the benchmark's waits for it")
  void symbolCloseBeforeBenchmarkClose() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.record(TopologyFixture.announcement("a1", "Acme", "ACME", "Software", startOfDay(WED_12), TimePrecision.DATE, 1200));
      for (LocalDate d : Sessions.between(LocalDate.of(2024, 6, 3), LocalDate.of(2024, 6, 11), HOLIDAYS)) {
        f.closes(d, PRICES.benchmark.get(d), "ACME", PRICES.symbol.get(d));
      }
      assertThat(TopologyFixture.all(f.reactions)).isEmpty();

      f.close("ACME", WED_12, PRICES.symbol.get(WED_12)); // day 0 close of the symbol, the benchmark's not yet
      assertThat(TopologyFixture.all(f.reactions)).as("06-12 is not a session until the benchmark says so").isEmpty();

      f.close("QQQ", WED_12, PRICES.benchmark.get(WED_12));
      assertThat(TopologyFixture.all(f.reactions)).singleElement().satisfies(r -> {
        assertThat(r.value().getDay0()).isEqualTo(WED_12);
        assertThat(r.value().getDay0Return()).isEqualTo(PRICES.symbolReturn(WED_12));
        assertThat(r.value().getCar00()).isEqualTo(PRICES.symbolReturn(WED_12) - PRICES.benchmarkReturn(WED_12));
      });
    }
  }

  @Test
  @DisplayName("no close of the symbol before day 0: no reaction")
  void noCloseBeforeDayZero() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.record(TopologyFixture.announcement("a1", "Acme", "ACME", "Software", startOfDay(WED_12), TimePrecision.DATE, 1200));
      for (LocalDate d : SESSIONS) {
        f.close("QQQ", d, PRICES.benchmark.get(d));
        if (!d.isBefore(WED_12)) {
          f.close("ACME", d, PRICES.symbol.get(d)); // listed from day 0 on: no C(-1)
        }
      }
      assertThat(TopologyFixture.all(f.reactions)).isEmpty();
    }
  }

  @Test
  @DisplayName("ticks out of order within the grace give the same FINAL reaction as ordered ticks")
  void outOfOrderWithinTheGrace() {
    LayoffAnnouncement a = TopologyFixture.announcement("a1", "Acme", "ACME", "Software", startOfDay(WED_12), TimePrecision.DATE, 1200);
    MarketReaction ordered;
    try (TopologyFixture f = new TopologyFixture()) {
      replay(f, PRICES, a);
      ordered = TopologyFixture.latest(TopologyFixture.all(f.reactions)).get("a1");
    }
    try (TopologyFixture f = new TopologyFixture()) {
      List<LocalDate> days = PRICES.sessions;
      for (int i = 0; i < days.size(); i++) {
        LocalDate d = days.get(i);
        boolean nextDayFollows = i + 1 < days.size() && days.get(i + 1).equals(d.plusDays(1));
        if (d.equals(WED_12) || (i % 2 == 0 && nextDayFollows && d.plusDays(1).equals(WED_12))) {
          f.record(a); // 00:00 of day 0, before the closes of the pair that contains day 0
        }
        if (i % 2 == 0 && nextDayFollows) {
          // the next session's closes first (24 h later), then this one's, symbol before benchmark
          LocalDate next = days.get(i + 1);
          f.close("ACME", next, PRICES.symbol.get(next));
          f.close("QQQ", next, PRICES.benchmark.get(next));
          f.close("ACME", d, PRICES.symbol.get(d));
          f.close("QQQ", d, PRICES.benchmark.get(d));
          i++;
        } else {
          f.closes(d, PRICES.benchmark.get(d), "ACME", PRICES.symbol.get(d));
        }
      }
      assertThat(f.late.isEmpty()).isTrue();
      List<TestRecord<String, MarketReaction>> shuffled = TopologyFixture.all(f.reactions);
      assertThat(shuffled).filteredOn(r -> r.value().getStatus() == ReactionStatus.FINAL).singleElement()
          .satisfies(r -> assertThat(r.value()).isEqualTo(ordered));
    }
  }

  @Test
  @DisplayName("a tick older than its partition's time minus the grace goes to late-records, bytes untouched, and changes nothing")
  void lateTick() {
    try (TopologyFixture f = new TopologyFixture()) {
      replay(f, PRICES, TopologyFixture.announcement("a1", "Acme", "ACME", "Software", startOfDay(WED_12), TimePrecision.DATE, 1200));
      TopologyFixture.all(f.reactions);
      // stream time: 07-12 16:00; 07-10 16:00 is exactly the grace before: still on time
      f.close("ACME", LocalDate.of(2024, 7, 10), 77.0);
      assertThat(f.late.isEmpty()).isTrue();

      // late: 3 days before stream time; a correction of day 0 that would change the FINAL reaction
      var tick = TopologyFixture.closeTick("ACME", WED_12, 1.0);
      byte[] bytes = Topics.STOCK_TICKS.valueSerde(f.settings.serdeConfig()).serializer().serialize("stock-ticks", tick);
      f.rawTicks.pipeInput("ACME".getBytes(StandardCharsets.UTF_8), bytes, tick.getTradedAt());

      assertThat(TopologyFixture.all(f.reactions)).isEmpty();
      assertThat(f.late.readRecordsToList()).singleElement().satisfies(r -> {
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("ACME");
        assertThat(r.value()).isEqualTo(bytes);
        assertThat(header(r.headers().lastHeader(ErrorHeaders.CATEGORY))).isEqualTo("LATE");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.REASON))).isEqualTo(
            "event time 2024-06-12T20:00:00Z is more than the grace period PT48H before the time of stock-ticks-0, 2024-07-12T20:00:00Z");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.SOURCE_TOPIC))).isEqualTo("stock-ticks");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.SOURCE_PARTITION))).isEqualTo("0");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.PROCESSOR))).isEqualTo("input-clock");
        assertThat(r.timestamp()).isEqualTo(tick.getTradedAt().toEpochMilli());
      });
      assertThat(f.errors.get(ErrorCategory.LATE, "stock-ticks")).isEqualTo(1);
    }
  }

  /** The announcement at its time among the closes, benchmark then symbol for each session. */
  static void replay(TopologyFixture f, Prices prices, LayoffAnnouncement announcement) {
    boolean announced = false;
    for (LocalDate d : prices.sessions) {
      if (!announced && !at(d, 16, 0).isBefore(announcement.getAnnouncedAt())) {
        f.record(announcement);
        announced = true;
      }
      f.closes(d, prices.benchmark.get(d), "ACME", prices.symbol.get(d));
    }
  }

  static String header(Header h) {
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
