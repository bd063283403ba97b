package dev.layoffsignals.streams;

import static dev.layoffsignals.streams.TopologyFixture.at;
import static dev.layoffsignals.streams.TopologyFixture.startOfDay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.AnnouncementSource;
import dev.layoffsignals.schemas.HeadcountQualifier;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.SourceKind;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.schemas.WindowStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** layoff-records → deduplication → layoff-announcements, and what an update does downstream. */
class DedupTopologyTest {

  static final List<LocalDate> SESSIONS = ReactionTopologyTest.SESSIONS;
  static final Prices PRICES = ReactionTopologyTest.PRICES;
  static final LocalDate JUN_11 = LocalDate.of(2024, 6, 11);
  static final LocalDate JUN_12 = LocalDate.of(2024, 6, 12);

  @Test
  @DisplayName("three reports of one layoff are one announcement, updated in place; nothing downstream is counted twice")
  void threeReportsOfOneLayoff() {
    LayoffAnnouncement fyi = TopologyFixture.announcement("r1", "Acme", "ACME", "Software", startOfDay(JUN_12), TimePrecision.DATE, 1000);
    LayoffAnnouncement wire = source(TopologyFixture.announcement("r2", "Acme", "ACME", "Software", at(JUN_12, 11, 0),
        TimePrecision.INSTANT, 1050), HeadcountQualifier.APPROX, SourceKind.OTHER);
    LayoffAnnouncement blog = source(TopologyFixture.announcement("r3", "Acme", "ACME", "Software",
        at(LocalDate.of(2024, 6, 13), 9, 0), TimePrecision.INSTANT, null), null, SourceKind.OTHER);
    try (TopologyFixture f = new TopologyFixture()) {
      for (LocalDate d : SESSIONS) {
        if (d.equals(JUN_12)) {
          f.record(fyi);  // 06-12 00:00
          f.record(wire); // 06-12 11:00, before the close
        }
        if (d.equals(LocalDate.of(2024, 6, 13))) {
          f.record(blog); // 06-13 09:00
        }
        f.closes(d, PRICES.benchmark.get(d), "ACME", PRICES.symbol.get(d));
      }

      List<TestRecord<String, LayoffAnnouncement>> updates = TopologyFixture.all(f.announcements);
      assertThat(updates).extracting(TestRecord::key).containsOnly("r1");
      assertThat(updates).extracting(r -> r.value().getSourceCount()).containsExactly(1, 2, 3);
      assertThat(updates).extracting(r -> r.value().getVersion()).as("the blog added no information").containsExactly(1, 2, 2);
      LayoffAnnouncement merged = updates.get(2).value();
      assertThat(merged.getSources()).extracting(AnnouncementSource::getUrl).containsExactly(
          "https://layoffs.example/r1", "https://layoffs.example/r2", "https://layoffs.example/r3");
      assertThat(merged.getHeadcount()).as("the exact figure").isEqualTo(1000);
      assertThat(merged.getAnnouncedAt()).as("the wire's time of the same day").isEqualTo(at(JUN_12, 11, 0));
      assertThat(merged.getTimePrecision()).isEqualTo(TimePrecision.INSTANT);

      Map<String, MarketReaction> reactions = TopologyFixture.latest(TopologyFixture.all(f.reactions));
      assertThat(reactions).containsOnlyKeys("r1");
      assertThat(reactions.get("r1").getStatus()).isEqualTo(ReactionStatus.FINAL);
      assertThat(reactions.get("r1").getHeadcount()).isEqualTo(1000);

      Map<String, ReactionWindow> windows = TopologyFixture.latest(TopologyFixture.all(f.windows));
      ReactionWindow week = windows.get("MARKET|ALL|WEEK|2024-06-10");
      assertThat(week.getStatus()).isEqualTo(WindowStatus.FINAL);
      assertThat(week.getAnnouncementCount()).isEqualTo(1);
      assertThat(week.getTotalHeadcount()).isEqualTo(1000L);
      assertThat(week.getReactionCount()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a closed layoff's reports are forgotten, a later layoff of the same company keeps its own until it closes")
  void closedLayoffsAreForgottenOneByOne() {
    LocalDate jun3 = LocalDate.of(2024, 6, 3);
    LocalDate jun5 = LocalDate.of(2024, 6, 5);
    LayoffAnnouncement first = TopologyFixture.announcement("a1", "Acme", "ACME", "Software", startOfDay(jun3), TimePrecision.DATE, 1000);
    // 5,000 is not within 10 % of 1,000: another layoff, closing two days later
    LayoffAnnouncement second = TopologyFixture.announcement("b1", "Acme", "ACME", "Software", startOfDay(jun5), TimePrecision.DATE, 5000);
    try (TopologyFixture f = new TopologyFixture()) {
      KeyValueStore<String, List<LayoffAnnouncement>> reports = f.driver.getKeyValueStore("dedup-reports");
      for (LocalDate d : SESSIONS) {
        if (d.equals(jun3)) {
          f.record(first);  // 06-03 00:00: closed from 06-07 00:00
        }
        if (d.equals(jun5)) {
          f.record(second); // 06-05 00:00: closed from 06-09 00:00
        }
        f.closes(d, PRICES.benchmark.get(d), "ACME", PRICES.symbol.get(d));
        if (d.equals(LocalDate.of(2024, 6, 6))) {
          assertThat(reports.all()).toIterable().flatExtracting(kv -> kv.value)
              .extracting(LayoffAnnouncement::getAnnouncementId).as("06-06 close, watermark 06-04 16:00").containsExactlyInAnyOrder("a1", "b1");
        }
        if (d.equals(LocalDate.of(2024, 6, 10))) {
          assertThat(reports.all()).toIterable().flatExtracting(kv -> kv.value)
              .extracting(LayoffAnnouncement::getAnnouncementId).as("06-10 close, watermark 06-08 16:00 (2 days of grace)")
              .containsExactly("b1");
        }
      }
      assertThat(reports.approximateNumEntries()).as("both closed").isZero();
      assertThat(TopologyFixture.latest(TopologyFixture.all(f.announcements))).containsOnlyKeys("a1", "b1");
    }
  }

  @Test
  @DisplayName("an earlier report that arrives later becomes the first: the old id is retracted everywhere")
  void anEarlierReportRenamesTheAnnouncement() {
    try (TopologyFixture f = new TopologyFixture()) {
      for (LocalDate d : SESSIONS) {
        if (d.equals(JUN_12)) {
          f.record(TopologyFixture.announcement("r1", "Acme", "ACME", "Software", at(JUN_12, 9, 0), TimePrecision.INSTANT, 1000));
        }
        f.closes(d, PRICES.benchmark.get(d), "ACME", PRICES.symbol.get(d));
        if (d.equals(JUN_12)) {
          assertThat(TopologyFixture.latest(TopologyFixture.all(f.reactions))).containsOnlyKeys("r1");
          // 06-11 20:00, after that day's close: 20 h before stream time, within the grace; day 0 is still 06-12
          f.record(TopologyFixture.announcement("r0", "Acme", "ACME", "Software", at(JUN_11, 20, 0), TimePrecision.INSTANT, 990));
        }
      }

      List<TestRecord<String, LayoffAnnouncement>> announcements = TopologyFixture.all(f.announcements);
      assertThat(announcements).extracting(TestRecord::key).containsExactly("r1", "r1", "r0");
      assertThat(announcements.get(1).value()).as("tombstone").isNull();
      assertThat(announcements.get(2).value().getSourceCount()).isEqualTo(2);

      List<TestRecord<String, MarketReaction>> reactions = TopologyFixture.all(f.reactions);
      assertThat(reactions).filteredOn(r -> r.key().equals("r1")).last().satisfies(r -> assertThat(r.value()).isNull());
      assertThat(TopologyFixture.latest(reactions)).containsOnlyKeys("r0");

      ReactionWindow week = TopologyFixture.latest(TopologyFixture.all(f.windows)).get("TICKER|ACME|WEEK|2024-06-10");
      assertThat(week.getStatus()).isEqualTo(WindowStatus.FINAL);
      assertThat(week.getAnnouncementCount()).isEqualTo(1);
      assertThat(week.getTotalHeadcount()).as("equally precise figures: the first report's").isEqualTo(990L);
      assertThat(week.getLargest()).extracting(m -> m.getAnnouncementId()).containsExactly("r0");
    }
  }

  @Test
  @DisplayName("a private company: an announcement and its windows, no reaction")
  void privateCompany() {
    try (TopologyFixture f = new TopologyFixture()) {
      for (LocalDate d : SESSIONS) {
        if (d.equals(JUN_12)) {
          f.record(TopologyFixture.announcement("p1", "Quiet Startup", null, "Fintech", startOfDay(JUN_12), TimePrecision.DATE, 80));
        }
        f.close("QQQ", d, PRICES.benchmark.get(d));
      }

      assertThat(TopologyFixture.latest(TopologyFixture.all(f.announcements))).containsOnlyKeys("p1");
      assertThat(f.reactions.isEmpty()).isTrue();
      Map<String, ReactionWindow> windows = TopologyFixture.latest(TopologyFixture.all(f.windows));
      assertThat(windows).containsOnlyKeys("SECTOR|Fintech|WEEK|2024-06-10", "SECTOR|Fintech|MONTH|2024-06-01",
          "MARKET|ALL|WEEK|2024-06-10", "MARKET|ALL|MONTH|2024-06-01");
      assertThat(windows.values()).allSatisfy(w -> {
        assertThat(w.getStatus()).isEqualTo(WindowStatus.FINAL);
        assertThat(w.getAnnouncementCount()).isEqualTo(1);
        assertThat(w.getTotalHeadcount()).isEqualTo(80L);
        assertThat(w.getReactionCount()).isZero();
        assertThat(w.getMeanCar0P1()).isNull();
      });
    }
  }

  static LayoffAnnouncement source(LayoffAnnouncement a, HeadcountQualifier q, SourceKind kind) {
    a.setHeadcountQualifier(q);
    a.getSources().get(0).setKind(kind);
    return a;
  }
}
