package dev.layoffsignals.streams.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.AnnouncementSource;
import dev.layoffsignals.schemas.HeadcountQualifier;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.LayoffReason;
import dev.layoffsignals.schemas.SourceKind;
import dev.layoffsignals.schemas.TimePrecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnnouncementClusteringTest {

  @Test
  void threeArticlesAboutOneLayoffAreOneAnnouncementWithThreeSources() {
    LayoffAnnouncement wire = report("a1", "2022-11-09T12:05:00Z", 11_000, HeadcountQualifier.AT_LEAST, 13.0);
    LayoffAnnouncement paper = report("a2", "2022-11-09T15:00:00Z", 11_000, HeadcountQualifier.EXACT, null);
    LayoffAnnouncement blog = report("a3", "2022-11-10T08:00:00Z", null, null, null);

    List<LayoffAnnouncement> merged = AnnouncementClustering.merge(List.of(blog, wire, paper));

    assertThat(merged).singleElement().satisfies(a -> {
      assertThat(a.getAnnouncementId()).isEqualTo("a1");
      assertThat(a.getAnnouncedAt()).isEqualTo(Instant.parse("2022-11-09T12:05:00Z"));
      assertThat(a.getHeadcount()).isEqualTo(11_000);
      assertThat(a.getHeadcountQualifier()).as("the exact figure is the most precise").isEqualTo(HeadcountQualifier.EXACT);
      assertThat(a.getWorkforcePct()).isEqualTo(13.0);
      assertThat(a.getSourceCount()).isEqualTo(3);
      assertThat(a.getSources()).extracting(AnnouncementSource::getSourceId).containsExactly("a1", "a2", "a3");
      assertThat(a.getVersion()).as("a2 added precision, a3 nothing").isEqualTo(2);
    });
  }

  @Test
  void arrivalOrderNeverChangesTheResult() {
    List<LayoffAnnouncement> reports = List.of(
        report("d0", "2023-01-02T14:00:00Z", 1000, HeadcountQualifier.APPROX, null),
        report("d2", "2023-01-04T23:00:00Z", 1050, HeadcountQualifier.EXACT, 5.0),  // 2.5 days later (NY date 01-04)
        report("d5", "2023-01-07T14:00:00Z", 1000, HeadcountQualifier.EXACT, null),
        report("x1", "2023-01-03T10:00:00Z", 5000, HeadcountQualifier.EXACT, null)); // other figure: other layoff
    List<LayoffAnnouncement> expected = AnnouncementClustering.merge(reports);

    for (List<LayoffAnnouncement> order : permutations(reports)) {
      assertThat(AnnouncementClustering.merge(order)).as("order %s", ids(order)).isEqualTo(expected);
    }
    assertThat(expected).extracting(LayoffAnnouncement::getAnnouncementId).containsExactly("d0", "x1", "d5");
    assertThat(expected.get(0).getSources()).extracting(AnnouncementSource::getSourceId).containsExactly("d0", "d2");
  }

  @ParameterizedTest(name = "{0} vs {1} -> same layoff: {2}")
  @CsvSource(nullValues = "-", value = {
      "1000, 1100, true",   // 100 <= 10 % of 1100
      "1000, 1112, false",  // 112 > 111.2
      "10000, 9000, true",  // exactly 10 % of the larger
      "10000, 8999, false",
      "-, 5000, true",      // a report without a figure matches any
      "-, -, true"})
  void headcountsAgreeWithinTenPercentOfTheLarger(Integer a, Integer b, boolean same) {
    assertThat(SameLayoffRule.headcountsAgree(a, b)).isEqualTo(same);
  }

  @ParameterizedTest(name = "{1} -> {2} days apart")
  @CsvSource({
      "2022-11-09T05:00:00Z, 2022-11-12T23:00:00Z, 3",  // 00:00 NY on the 9th .. 18:00 NY on the 12th
      "2022-11-09T05:00:00Z, 2022-11-13T04:59:00Z, 3",  // 23:59 NY on the 12th
      "2022-11-09T05:00:00Z, 2022-11-13T05:00:00Z, 4",  // 00:00 NY on the 13th
      "2022-11-09T04:59:00Z, 2022-11-09T05:00:00Z, 1"}) // 23:59 NY on the 8th vs 00:00 NY on the 9th
  void daysApartCountsNewYorkCalendarDays(String a, String b, long days) {
    assertThat(SameLayoffRule.daysApart(Instant.parse(a), Instant.parse(b))).isEqualTo(days);
  }

  @Test
  void twoRoundsOfOneCompanyMonthsApartStayTwoAnnouncements() {
    // layoffs.fyi: Amazon 10,000 on 2022-11-16 and 8,000 on 2023-01-04
    List<LayoffAnnouncement> merged = AnnouncementClustering.merge(List.of(
        report("lfyi-2", "2023-01-04T05:00:00Z", 8000, HeadcountQualifier.EXACT, null),
        report("lfyi-1", "2022-11-16T05:00:00Z", 10000, HeadcountQualifier.EXACT, null)));

    assertThat(merged).extracting(LayoffAnnouncement::getHeadcount).containsExactly(10000, 8000);
  }

  @Test
  void aDateOnlyRecordTakesTheTimeOfAnArticleOfTheSameDay() {
    LayoffAnnouncement record = report("lfyi-intc", "2024-08-01T04:00:00Z", 15_000, HeadcountQualifier.EXACT, 15.0);
    record.setTimePrecision(TimePrecision.DATE);
    LayoffAnnouncement article = report("art-intc", "2024-08-01T20:15:00Z", 15_000, HeadcountQualifier.APPROX, null);
    article.setReasons(List.of(LayoffReason.COST_CUTTING));

    LayoffAnnouncement merged = AnnouncementClustering.merge(List.of(article, record)).get(0);

    assertThat(merged.getAnnouncementId()).isEqualTo("lfyi-intc");
    assertThat(merged.getAnnouncedAt()).as("16:15 New York: after the close").isEqualTo(Instant.parse("2024-08-01T20:15:00Z"));
    assertThat(merged.getTimePrecision()).isEqualTo(TimePrecision.INSTANT);
    assertThat(merged.getHeadcountQualifier()).isEqualTo(HeadcountQualifier.EXACT);
    assertThat(merged.getReasons()).containsExactly(LayoffReason.COST_CUTTING);
  }

  @Test
  void theSameReportTwiceIsOneSource() {
    LayoffAnnouncement r = report("a1", "2022-11-09T12:05:00Z", 11_000, HeadcountQualifier.EXACT, null);
    LayoffAnnouncement again = report("a1b", "2022-11-09T12:05:00Z", 11_000, HeadcountQualifier.EXACT, null);
    again.setSources(r.getSources());

    assertThat(AnnouncementClustering.merge(List.of(r, again)).get(0).getSourceCount()).isEqualTo(1);
  }

  @Test
  void copyOfHasEveryValueAndLeavesTheOriginalAlone() {
    LayoffAnnouncement r = report("a1", "2022-11-09T12:05:00Z", 11_000, HeadcountQualifier.EXACT, 13.0);
    r.setDivision("Reality Labs");
    r.setEvidence("to cut 11,000 jobs");
    r.setReasons(new ArrayList<>(List.of(LayoffReason.COST_CUTTING)));
    LayoffAnnouncement copy = AnnouncementClustering.copyOf(r);
    assertThat(copy).isEqualTo(r).isNotSameAs(r).isEqualTo(LayoffAnnouncement.newBuilder(r).build());

    copy.setHeadcount(12_000);
    copy.setVersion(2);
    assertThat(r.getHeadcount()).isEqualTo(11_000);
    assertThat(r.getVersion()).isEqualTo(1);
  }

  static LayoffAnnouncement report(String id, String time, Integer headcount, HeadcountQualifier q, Double pct) {
    Instant at = Instant.parse(time);
    return LayoffAnnouncement.newBuilder()
        .setAnnouncementId(id)
        .setCompany("Acme")
        .setTicker("ACME")
        .setSector("Software")
        .setAnnouncedAt(at)
        .setTimePrecision(TimePrecision.INSTANT)
        .setHeadcount(headcount)
        .setHeadcountQualifier(q)
        .setWorkforcePct(pct)
        .setReasons(new ArrayList<>())
        .setConfidence(0.9)
        .setSources(new ArrayList<>(List.of(AnnouncementSource.newBuilder()
            .setSourceId(id).setKind(SourceKind.ARTICLE).setUrl("https://news.example/" + id).setPublishedAt(at).build())))
        .setSourceCount(1)
        .setVersion(1)
        .build();
  }

  static List<String> ids(List<LayoffAnnouncement> reports) {
    return reports.stream().map(LayoffAnnouncement::getAnnouncementId).toList();
  }

  static <T> List<List<T>> permutations(List<T> items) {
    if (items.isEmpty()) {
      return List.of(List.of());
    }
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<T> rest = new ArrayList<>(items);
      T head = rest.remove(i);
      for (List<T> tail : permutations(rest)) {
        List<T> p = new ArrayList<>();
        p.add(head);
        p.addAll(tail);
        out.add(p);
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 7, -7, 1_704_200_400_000L, -1_704_200_400_000L, Long.MAX_VALUE, Long.MIN_VALUE})
  void zeroPadded20IsWhatTheFormatterWrites(long value) {
    assertThat(AnnouncementClustering.zeroPadded20(value)).isEqualTo(String.format("%020d", value));
  }
}
