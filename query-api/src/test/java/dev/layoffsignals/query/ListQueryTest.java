package dev.layoffsignals.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.schemas.WindowDimension;
import dev.layoffsignals.schemas.WindowPeriod;
import dev.layoffsignals.schemas.WindowStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Filtering, sorting and limiting of lists, and the merge of several instances' answers. */
class ListQueryTest {

  static LayoffAnnouncement announcement(String id, String ticker, String announcedAt) {
    return new LayoffAnnouncement(id, "Company " + id, ticker, null, Instant.parse(announcedAt), TimePrecision.DATE,
        null, null, null, null, List.of(), null, 1.0, List.of(), 1, 1);
  }

  static MarketReaction reaction(String id, String ticker, LocalDate day0) {
    return MarketReaction.newBuilder(AvroJsonTest.metaReaction()).setAnnouncementId(id).setTicker(ticker).setDay0(day0).build();
  }

  static ReactionWindow window(WindowDimension dimension, String value, WindowPeriod period, LocalDate start) {
    Instant from = start.atStartOfDay(TimeRange.NEW_YORK).toInstant();
    LocalDate end = period == WindowPeriod.WEEK ? start.plusWeeks(1) : start.plusMonths(1);
    return new ReactionWindow(dimension, value, period, from, end.atStartOfDay(TimeRange.NEW_YORK).toInstant(),
        WindowStatus.FINAL, 1, 0L, 0, 0, null, null, null, null, null, null, List.of(), from);
  }

  /** What an instance sends: its matching values, ranked and limited; then the merge of every instance's items. */
  static <V> List<JsonNode> scatterGather(ListQuery<V> query, List<List<V>> instances) {
    Ranking merged = query.ranking();
    for (List<V> values : instances) {
      Ranking local = query.ranking();
      values.stream().filter(query::matches)
          .forEach(v -> local.offer(query.rank(AvroJson.toJson((org.apache.avro.generic.IndexedRecord) v))));
      List<JsonNode> sent = local.items();
      assertThat(sent.size()).as("an instance sends at most limit items").isLessThanOrEqualTo(query.limit());
      sent.forEach(item -> merged.offer(query.rank(item)));
    }
    return merged.items();
  }

  static List<String> field(List<JsonNode> items, String name) {
    return items.stream().map(i -> i.get(name).asText()).toList();
  }

  @Test
  void announcementsLatestFirstThenIdFilteredByTickerAndRange() {
    List<LayoffAnnouncement> a = List.of(
        announcement("b", "META", "2022-11-09T05:00:00Z"),
        announcement("x", "AMZN", "2022-11-14T05:00:00Z"),
        announcement("c", "META", "2023-03-14T04:00:00Z"));
    List<LayoffAnnouncement> b = List.of(
        announcement("a", "META", "2022-11-09T05:00:00Z"),
        announcement("d", "META", "2022-11-09T05:00:00.500Z"),
        announcement("e", null, "2022-11-10T05:00:00Z"),
        announcement("f", "META", "2021-01-01T05:00:00Z"));

    List<JsonNode> all = scatterGather(AnnouncementQuery.parse(QueryParametersTest.params()), List.of(a, b));
    assertThat(field(all, "announcement_id")).containsExactly("c", "x", "e", "d", "a", "b", "f");

    List<JsonNode> meta2022 = scatterGather(AnnouncementQuery.parse(
        QueryParametersTest.params("ticker", "META", "from", "2022-01-01", "to", "2022-12-31")), List.of(a, b));
    assertThat(field(meta2022, "announcement_id")).containsExactly("d", "a", "b");

    List<JsonNode> firstTwo = scatterGather(new AnnouncementQuery(Optional.empty(), TimeRange.ALL, 2), List.of(a, b));
    assertThat(field(firstTwo, "announcement_id")).containsExactly("c", "x");
  }

  @Test
  void reactionsLatestDay0FirstThenId() {
    List<MarketReaction> a = List.of(reaction("r2", "META", LocalDate.of(2022, 11, 9)), reaction("r9", "AMZN", LocalDate.of(2023, 1, 5)));
    List<MarketReaction> b = List.of(reaction("r1", "META", LocalDate.of(2022, 11, 9)), reaction("r5", "META", LocalDate.of(2023, 3, 14)));

    assertThat(field(scatterGather(ReactionQuery.parse(QueryParametersTest.params()), List.of(a, b)), "announcement_id"))
        .containsExactly("r5", "r9", "r1", "r2");
    assertThat(field(scatterGather(ReactionQuery.parse(QueryParametersTest.params("ticker", "META", "to", "2022-11-09")),
        List.of(a, b)), "announcement_id")).containsExactly("r1", "r2");
    assertThat(field(scatterGather(ReactionQuery.parse(QueryParametersTest.params("from", "2022-11-10", "limit", "1")),
        List.of(a, b)), "announcement_id")).containsExactly("r5");
  }

  @Test
  void windowsEarliestFirstThenDimensionValueAndPeriod() {
    LocalDate nov = LocalDate.of(2022, 11, 1);
    LocalDate week = LocalDate.of(2022, 11, 7);
    List<ReactionWindow> a = List.of(
        window(WindowDimension.SECTOR, "Retail", WindowPeriod.MONTH, nov),
        window(WindowDimension.TICKER, "META", WindowPeriod.WEEK, week),
        window(WindowDimension.MARKET, "ALL", WindowPeriod.MONTH, nov));
    List<ReactionWindow> b = List.of(
        window(WindowDimension.SECTOR, "Internet", WindowPeriod.WEEK, week),
        window(WindowDimension.SECTOR, "Internet", WindowPeriod.MONTH, nov),
        window(WindowDimension.SECTOR, "Internet", WindowPeriod.MONTH, LocalDate.of(2022, 10, 1)),
        window(WindowDimension.MARKET, "ALL", WindowPeriod.WEEK, week));

    List<JsonNode> sectors = scatterGather(WindowQuery.parse(QueryParametersTest.params("dimension", "sector")), List.of(a, b));
    assertThat(sectors).extracting(w -> w.get("window_start").asText() + " " + w.get("dimension_value").asText() + " "
        + w.get("period").asText()).containsExactly(
            "2022-10-01T04:00:00Z Internet MONTH",
            "2022-11-01T04:00:00Z Internet MONTH",
            "2022-11-01T04:00:00Z Retail MONTH",
            "2022-11-07T05:00:00Z Internet WEEK");

    List<JsonNode> internetMonths = scatterGather(WindowQuery.parse(QueryParametersTest.params(
        "dimension", "sector", "key", "Internet", "period", "month", "from", "2022-11-01", "to", "2022-11-30")), List.of(a, b));
    assertThat(field(internetMonths, "window_start")).containsExactly("2022-11-01T04:00:00Z");

    List<JsonNode> market = scatterGather(WindowQuery.parse(QueryParametersTest.params("dimension", "market", "key", "ALL")),
        List.of(a, b));
    assertThat(field(market, "period")).containsExactly("MONTH", "WEEK");

    List<JsonNode> meta = scatterGather(WindowQuery.parse(QueryParametersTest.params("dimension", "ticker", "key", "META")),
        List.of(a, b));
    assertThat(field(meta, "dimension_value")).containsExactly("META");
  }

  @Test
  void theMergeOfRankedPartsIsTheFirstItemsOfTheWhole() {
    List<LayoffAnnouncement> all = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      all.add(announcement(String.format("id-%03d", i), i % 3 == 0 ? "META" : "AMZN",
          Instant.parse("2022-01-01T05:00:00Z").plusSeconds(86_400L * random.nextInt(60)).toString()));
    }
    Collections.shuffle(all, random);
    List<List<LayoffAnnouncement>> parts = List.of(all.subList(0, 100), all.subList(100, 350), all.subList(350, 500));
    AnnouncementQuery query = new AnnouncementQuery(Optional.of("META"), TimeRange.ALL, 25);

    List<JsonNode> merged = scatterGather(query, parts);
    List<JsonNode> whole = scatterGather(query, List.of(all));

    assertThat(merged).hasSize(25).isEqualTo(whole);
    List<Instant> times = merged.stream().map(n -> Instant.parse(n.get("announced_at").asText())).toList();
    assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }
}
