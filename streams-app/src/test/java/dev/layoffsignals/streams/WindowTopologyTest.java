package dev.layoffsignals.streams;

import static dev.layoffsignals.streams.TopologyFixture.at;
import static dev.layoffsignals.streams.TopologyFixture.startOfDay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.schemas.WindowMember;
import dev.layoffsignals.schemas.WindowStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Windowed aggregates per ticker, sector and market, and when they become FINAL. */
class WindowTopologyTest {

  static final List<LocalDate> SESSIONS = ReactionTopologyTest.SESSIONS;
  static final Prices PRICES = ReactionTopologyTest.PRICES;
  static final String WEEK = "MARKET|ALL|WEEK|2024-06-10";
  static final String MONTH = "MARKET|ALL|MONTH|2024-06-01";

  /** AAA (06-11, 1000), BBB (06-12 14:00, 2000), a private company (06-13, 80); all in the week of 06-10. */
  static void replayThreeAnnouncements(TopologyFixture f, LocalDate until) {
    for (int i = 0; i < SESSIONS.size() && !SESSIONS.get(i).isAfter(until); i++) {
      LocalDate d = SESSIONS.get(i);
      if (d.equals(LocalDate.of(2024, 6, 11))) {
        f.record(TopologyFixture.announcement("a-aaa", "Aaa", "AAA", "Software", startOfDay(d), TimePrecision.DATE, 1000));
      }
      if (d.equals(LocalDate.of(2024, 6, 12))) {
        f.record(TopologyFixture.announcement("b-bbb", "Bbb", "BBB", "Software", at(d, 14, 0), TimePrecision.INSTANT, 2000));
      }
      if (d.equals(LocalDate.of(2024, 6, 13))) {
        f.record(TopologyFixture.announcement("p-priv", "Private", null, "Fintech", startOfDay(d), TimePrecision.DATE, 80));
      }
      f.close("QQQ", d, PRICES.benchmark.get(d));
      f.close("AAA", d, PRICES.symbol.get(d));
      f.close("BBB", d, 30 + ((i * 5) % 11) * 0.3);
    }
  }

  @Test
  @DisplayName("a window is FINAL once stream time has passed its end plus the grace and every member is settled, with exact figures")
  void finalWeek() {
    try (TopologyFixture f = new TopologyFixture()) {
      // 06-21: stream time minus the grace is 06-19 16:00, past the week's end (06-17 00:00), but BBB's day +5 (06-20) is not settled
      replayThreeAnnouncements(f, LocalDate.of(2024, 6, 21));
      List<TestRecord<String, ReactionWindow>> upTo21 = TopologyFixture.all(f.windows);
      Map<String, ReactionWindow> before = TopologyFixture.latest(upTo21);
      assertThat(before.get(WEEK).getStatus()).isEqualTo(WindowStatus.PROVISIONAL);
      assertThat(before.get(WEEK).getAnnouncementCount()).isEqualTo(3);
      assertThat(before.get("TICKER|AAA|WEEK|2024-06-10").getStatus()).as("AAA alone is settled").isEqualTo(WindowStatus.FINAL);

      replayThreeAnnouncements(f, LocalDate.of(2024, 6, 24)); // replays 06-03..06-21 again: all late, nothing changes
      List<TestRecord<String, ReactionWindow>> emitted = TopologyFixture.all(f.windows);
      Map<String, MarketReaction> reactions = TopologyFixture.latest(TopologyFixture.all(f.reactions));
      assertThat(reactions.values()).extracting(MarketReaction::getStatus).containsOnly(ReactionStatus.FINAL);

      assertThat(emitted).filteredOn(r -> r.key().equals(WEEK)).singleElement().satisfies(r -> {
        ReactionWindow w = r.value();
        MarketReaction a = reactions.get("a-aaa");
        MarketReaction b = reactions.get("b-bbb");
        assertThat(w.getStatus()).isEqualTo(WindowStatus.FINAL);
        assertThat(w.getAnnouncementCount()).isEqualTo(3);
        assertThat(w.getTotalHeadcount()).isEqualTo(3080L);
        assertThat(w.getWithHeadcount()).isEqualTo(3);
        assertThat(w.getReactionCount()).isEqualTo(2);
        assertThat(w.getMeanCar0P1()).isEqualTo((a.getCar0P1() + b.getCar0P1()) / 2);
        assertThat(w.getMedianCar0P1()).isEqualTo((a.getCar0P1() + b.getCar0P1()) / 2);
        assertThat(w.getMeanCar0P5()).isEqualTo((a.getCar0P5() + b.getCar0P5()) / 2);
        assertThat(w.getNegativeCar0P1Share()).isEqualTo(((a.getCar0P1() < 0 ? 1 : 0) + (b.getCar0P1() < 0 ? 1 : 0)) / 2.0);
        assertThat(w.getHeadcountWeightedCar0P5()).isEqualTo((1000 * a.getCar0P5() + 2000 * b.getCar0P5()) / 3000);
        assertThat(w.getLargest()).extracting(WindowMember::getAnnouncementId).containsExactly("b-bbb", "a-aaa", "p-priv");
        assertThat(w.getAsOf()).as("the latest member state: BBB's day +5 close").isEqualTo(at(LocalDate.of(2024, 6, 20), 16, 0));
        assertThat(r.timestamp()).isEqualTo(w.getAsOf().toEpochMilli());
      });
      List<TestRecord<String, ReactionWindow>> upTo24 = new ArrayList<>(upTo21);
      upTo24.addAll(emitted);
      assertThat(TopologyFixture.latest(upTo24).get("SECTOR|Software|WEEK|2024-06-10").getAnnouncementCount()).isEqualTo(2);
      assertThat(TopologyFixture.latest(upTo24).get(MONTH).getStatus()).as("June is not over").isEqualTo(WindowStatus.PROVISIONAL);

      replayThreeAnnouncements(f, LocalDate.of(2024, 7, 3)); // stream time minus the grace: 07-01 16:00, June is over
      List<TestRecord<String, ReactionWindow>> later = TopologyFixture.all(f.windows);
      assertThat(later).extracting(TestRecord::key).doesNotContain(WEEK).contains(MONTH);
      assertThat(later).filteredOn(r -> r.key().equals(MONTH)).singleElement()
          .satisfies(r -> assertThat(r.value().getStatus()).isEqualTo(WindowStatus.FINAL));
    }
  }

  @Test
  @DisplayName("a reaction that only moves in time (the benchmark's close before the symbol's) is re-emitted;"
      + " its windows are re-emitted when a figure changes, with the as-of of that change")
  void windowsFollowFigureChanges() {
    LocalDate day0 = LocalDate.of(2024, 6, 12);
    LocalDate dayOne = PRICES.offset(day0, 1);
    LocalDate dayTwo = PRICES.offset(day0, 2);
    List<String> windows = List.of("TICKER|ACME|WEEK|2024-06-10", "SECTOR|Software|WEEK|2024-06-10", WEEK,
        "TICKER|ACME|MONTH|2024-06-01", "SECTOR|Software|MONTH|2024-06-01", MONTH);
    try (TopologyFixture f = new TopologyFixture()) {
      for (LocalDate d : SESSIONS.subList(0, SESSIONS.indexOf(day0) + 1)) {
        if (d.equals(day0)) {
          f.record(TopologyFixture.announcement("a1", "Acme", "ACME", "Software", startOfDay(day0), TimePrecision.DATE, 500));
        }
        f.close("QQQ", d, PRICES.benchmark.get(d));
        f.close("ACME", d, PRICES.symbol.get(d));
      }
      assertThat(TopologyFixture.latest(TopologyFixture.all(f.windows))).as("a member since day 0").containsOnlyKeys(windows);
      TopologyFixture.all(f.reactions);

      f.close("QQQ", dayOne, PRICES.benchmark.get(dayOne));
      assertThat(TopologyFixture.all(f.reactions)).singleElement()
          .satisfies(r -> assertThat(r.value().getAsOf()).isEqualTo(at(dayOne, 16, 0)));
      assertThat(TopologyFixture.all(f.windows)).as("no figure changed: day +1's return is not known").isEmpty();

      f.close("ACME", dayOne, PRICES.symbol.get(dayOne));
      MarketReaction reaction = TopologyFixture.all(f.reactions).get(0).value();
      assertThat(reaction.getCar0P1()).isNotNull();
      List<TestRecord<String, ReactionWindow>> changed = TopologyFixture.all(f.windows);
      assertThat(changed).extracting(TestRecord::key).containsExactlyInAnyOrderElementsOf(windows);
      assertThat(changed).allSatisfy(r -> {
        assertThat(r.value().getMeanCar0P1()).isEqualTo(reaction.getCar0P1());
        assertThat(r.value().getAsOf()).isEqualTo(at(dayOne, 16, 0));
      });

      f.close("QQQ", dayTwo, PRICES.benchmark.get(dayTwo));
      f.close("ACME", dayTwo, PRICES.symbol.get(dayTwo));
      assertThat(TopologyFixture.all(f.reactions)).hasSize(2);
      assertThat(TopologyFixture.all(f.windows)).as("CAR(0,+5) waits for day +5: no figure changed").isEmpty();
    }
  }

  @Test
  @DisplayName("a symbol that stops trading in the window: INCOMPLETE with what is known, and its windows still settle")
  void incomplete() {
    LocalDate day0 = LocalDate.of(2024, 6, 12);
    LocalDate dayTwo = PRICES.offset(day0, 2);
    try (TopologyFixture f = new TopologyFixture()) {
      for (LocalDate d : SESSIONS) {
        if (d.equals(day0)) {
          f.record(TopologyFixture.announcement("a1", "Acme", "ACME", "Software", startOfDay(day0), TimePrecision.DATE, 500));
        }
        f.close("QQQ", d, PRICES.benchmark.get(d));
        if (!d.isAfter(dayTwo)) {
          f.close("ACME", d, PRICES.symbol.get(d));
        }
      }

      List<TestRecord<String, MarketReaction>> reactions = TopologyFixture.all(f.reactions);
      MarketReaction last = reactions.get(reactions.size() - 1).value();
      assertThat(reactions).filteredOn(r -> r.value().getStatus() != ReactionStatus.PROVISIONAL).hasSize(1);
      assertThat(last.getStatus()).isEqualTo(ReactionStatus.INCOMPLETE);
      assertThat(last.getAsOf()).as("the benchmark's day +10 close").isEqualTo(at(PRICES.offset(day0, 10), 16, 0));
      assertThat(last.getCar0P1()).isNotNull();
      assertThat(last.getCar0P5()).isNull();
      assertThat(last.getSessions()).extracting(s -> s.getClose() != null)
          .containsExactly(true, true, true, true, false, false, false); // -1..+2 known, +3..+5 not

      ReactionWindow week = TopologyFixture.latest(TopologyFixture.all(f.windows)).get("TICKER|ACME|WEEK|2024-06-10");
      assertThat(week.getStatus()).isEqualTo(WindowStatus.FINAL);
      assertThat(week.getReactionCount()).isEqualTo(1);
      assertThat(week.getMeanCar0P5()).isNull();
    }
  }
}
