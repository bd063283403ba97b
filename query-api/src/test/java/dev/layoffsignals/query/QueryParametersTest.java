package dev.layoffsignals.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.schemas.WindowDimension;
import dev.layoffsignals.schemas.WindowPeriod;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Parsing and validation of the list parameters: every 400 with its exact message, and what valid ones mean. */
class QueryParametersTest {

  /** Parameters from {@code name, value, name, value, ...}; a name may repeat. */
  static QueryParameters params(String... nameValues) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      map.merge(nameValues[i], List.of(nameValues[i + 1]),
          (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
    }
    return new QueryParameters(map);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> badRequest(Function<QueryParameters, ?> parser, String... nameValues) {
    return assertThatThrownBy(() -> parser.apply(params(nameValues)))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400))
        .satisfies(e -> assertThat(((ApiException) e).retryAfterSeconds()).isEmpty());
  }

  @Test
  void defaults() {
    AnnouncementQuery q = AnnouncementQuery.parse(params());
    assertThat(q).isEqualTo(new AnnouncementQuery(Optional.empty(), TimeRange.ALL, 100));
    assertThat(ReactionQuery.parse(params("ticker", "", "from", " "))).as("empty values count as absent")
        .isEqualTo(new ReactionQuery(Optional.empty(), TimeRange.ALL, 100));
  }

  @Test
  void datesAreNewYorkDaysBothIncluded() {
    AnnouncementQuery q = AnnouncementQuery.parse(params("ticker", "META", "from", "2022-11-09", "to", "2022-11-09", "limit", "1000"));
    assertThat(q.ticker()).contains("META");
    assertThat(q.limit()).isEqualTo(1000);
    // EST (UTC-5) that day
    assertThat(q.range()).isEqualTo(new TimeRange(Instant.parse("2022-11-09T05:00:00Z"), Instant.parse("2022-11-10T05:00:00Z")));
    assertThat(q.range().contains(Instant.parse("2022-11-09T05:00:00Z"))).isTrue();
    assertThat(q.range().contains(Instant.parse("2022-11-10T04:59:59.999Z"))).isTrue();
    assertThat(q.range().contains(Instant.parse("2022-11-10T05:00:00Z"))).isFalse();
    assertThat(q.range().contains(Instant.parse("2022-11-09T04:59:59.999Z"))).isFalse();
    // EDT (UTC-4) in summer
    assertThat(TimeRange.parse(Optional.of("2022-07-01"), Optional.empty()).from()).isEqualTo(Instant.parse("2022-07-01T04:00:00Z"));
  }

  @Test
  void instantsAreTakenAsTheyAreBothIncluded() {
    TimeRange r = TimeRange.parse(Optional.of("2022-11-09T14:30:00Z"), Optional.of("2022-11-09T10:00:00-05:00"));
    assertThat(r.contains(Instant.parse("2022-11-09T14:30:00Z"))).isTrue();
    assertThat(r.contains(Instant.parse("2022-11-09T15:00:00Z"))).isTrue();
    assertThat(r.contains(Instant.parse("2022-11-09T15:00:00.001Z"))).isFalse();
    assertThat(r.contains(Instant.parse("2022-11-09T14:29:59.999Z"))).isFalse();
  }

  @Test
  void limitOutOfRangeOrNotANumber() {
    String expected = "limit must be a whole number from 1 to 1000, not '%s'";
    for (String bad : List.of("0", "1001", "-5", "abc", "10.5", "99999999999")) {
      badRequest(AnnouncementQuery::parse, "limit", bad).hasMessage(expected.formatted(bad));
    }
    assertThat(AnnouncementQuery.parse(params("limit", "1")).limit()).isEqualTo(1);
  }

  @Test
  void unparsableDates() {
    badRequest(AnnouncementQuery::parse, "from", "2022-13-01").hasMessage(
        "from must be an ISO date (2022-11-09, a New York date) or an ISO instant (2022-11-09T14:30:00Z), not '2022-13-01'");
    badRequest(ReactionQuery::parse, "to", "yesterday").hasMessage(
        "to must be an ISO date (2022-11-09, a New York date) or an ISO instant (2022-11-09T14:30:00Z), not 'yesterday'");
    badRequest(ReactionQuery::parse, "to", "2022-11-09T10:00").as("no offset").hasMessage(
        "to must be an ISO date (2022-11-09, a New York date) or an ISO instant (2022-11-09T14:30:00Z), not '2022-11-09T10:00'");
    badRequest(WindowQuery::parse, "dimension", "market", "from", "11/09/2022").hasMessage(
        "from must be an ISO date (2022-11-09, a New York date) or an ISO instant (2022-11-09T14:30:00Z), not '11/09/2022'");
  }

  @Test
  void fromAfterTo() {
    badRequest(AnnouncementQuery::parse, "from", "2022-11-10", "to", "2022-11-09")
        .hasMessage("from (2022-11-10) is after to (2022-11-09): expected from on or before to");
    badRequest(ReactionQuery::parse, "from", "2022-11-09T15:00:00Z", "to", "2022-11-09T14:59:59Z")
        .hasMessage("from (2022-11-09T15:00:00Z) is after to (2022-11-09T14:59:59Z): expected from on or before to");
    assertThat(ReactionQuery.parse(params("from", "2022-11-09T15:00:00Z", "to", "2022-11-09T15:00:00Z")).range()
        .contains(Instant.parse("2022-11-09T15:00:00Z"))).as("one instant").isTrue();
  }

  @Test
  void unknownOrRepeatedParameters() {
    badRequest(AnnouncementQuery::parse, "tickr", "META")
        .hasMessage("unknown query parameter 'tickr'; expected one of: from, limit, ticker, to");
    badRequest(WindowQuery::parse, "dimension", "market", "ticker", "META")
        .hasMessage("unknown query parameter 'ticker'; expected one of: dimension, from, key, limit, period, to");
    badRequest(ReactionQuery::parse, "ticker", "META", "ticker", "AMZN")
        .hasMessage("ticker is given 2 times; expected at most once");
    assertThatThrownBy(() -> params("x", "1").allowOnly(java.util.Set.of()))
        .hasMessage("unknown query parameter 'x'; expected none");
  }

  @Test
  void tickersAreUpperCaseSymbols() {
    badRequest(AnnouncementQuery::parse, "ticker", "meta")
        .hasMessage("ticker must be an upper-case ticker symbol such as META, not 'meta'");
    badRequest(WindowQuery::parse, "dimension", "ticker", "key", "Meta Platforms")
        .hasMessage("key must be an upper-case ticker symbol such as META, not 'Meta Platforms'");
    assertThat(ReactionQuery.parse(params("ticker", "BRK.B")).ticker()).contains("BRK.B");
  }

  @Test
  void windowDimensionAndPeriod() {
    badRequest(WindowQuery::parse).hasMessage("dimension is required: one of ticker, sector, market");
    badRequest(WindowQuery::parse, "dimension", "company")
        .hasMessage("dimension must be one of ticker, sector, market, not 'company'");
    badRequest(WindowQuery::parse, "dimension", "sector", "period", "year")
        .hasMessage("period must be one of week, month, not 'year'");
    badRequest(WindowQuery::parse, "dimension", "market", "key", "Internet")
        .hasMessage("key must be ALL or absent for dimension market, not 'Internet'");

    assertThat(WindowQuery.parse(params("dimension", "market", "key", "ALL", "period", "month")))
        .isEqualTo(new WindowQuery(WindowDimension.MARKET, Optional.empty(), Optional.of(WindowPeriod.MONTH), TimeRange.ALL, 100));
    assertThat(WindowQuery.parse(params("dimension", "SECTOR", "key", "Internet", "period", "Week", "from", "2022-11-01")))
        .isEqualTo(new WindowQuery(WindowDimension.SECTOR, Optional.of("Internet"), Optional.of(WindowPeriod.WEEK),
            new TimeRange(Instant.parse("2022-11-01T04:00:00Z"), Instant.MAX), 100));
  }
  @Test
  void injectionAndMarkupInParametersAreRefusedOrTakenLiterally() {
    List<String> hostile = List.of("META' OR '1'='1", "<script>alert(1)</script>", "../../etc/passwd", "ME\u0000TA",
        "META;DROP TABLE x", "${jndi:ldap://x/a}", "%27", "M".repeat(10_000));
    for (String h : hostile) {
      badRequest(AnnouncementQuery::parse, "ticker", h)
          .hasMessage("ticker must be an upper-case ticker symbol such as META, not '" + h.trim() + "'");
      badRequest(WindowQuery::parse, "dimension", h)
          .hasMessage("dimension must be one of ticker, sector, market, not '" + h.trim() + "'");
      badRequest(WindowQuery::parse, "dimension", "market", "period", h)
          .hasMessage("period must be one of week, month, not '" + h.trim() + "'");
      badRequest(ReactionQuery::parse, "limit", h)
          .hasMessage("limit must be a whole number from 1 to 1000, not '" + h.trim() + "'");
      badRequest(ReactionQuery::parse, "from", h).hasMessageStartingWith("from must be an ISO date");
      badRequest(AnnouncementQuery::parse, h, "x").hasMessageStartingWith("unknown query parameter '" + h + "'");
    }
    // a sector is free text: any value is only compared with the stored ones, never interpreted
    assertThat(WindowQuery.parse(params("dimension", "sector", "key", "<script>alert(1)</script>")).key())
        .contains("<script>alert(1)</script>");
  }

  @Test
  void extremeNumbersAndDatesAreRefusedOrInRange() {
    for (String bad : List.of("-1", "-2147483648", "2147483648", "1e3", "0x10", "1_000", "NaN", "Infinity", "")) {
      if (bad.isEmpty()) {
        assertThat(AnnouncementQuery.parse(params("limit", bad)).limit()).as("empty is absent").isEqualTo(100);
      } else {
        badRequest(AnnouncementQuery::parse, "limit", bad).hasMessage("limit must be a whole number from 1 to 1000, not '" + bad + "'");
      }
    }
    // the far ends of what java.time parses: in range, or a 400, never an exception from the arithmetic
    assertThat(TimeRange.parse(Optional.of("-999999999-01-01T00:00:00+18:00"), Optional.of("+999999999-12-31T23:59:59.999999999-18:00"))
        .contains(Instant.parse("2022-11-09T00:00:00Z"))).isTrue();
    assertThat(TimeRange.parse(Optional.of("0000-01-01"), Optional.of("9999-12-31")).contains(Instant.parse("2022-11-09T00:00:00Z")))
        .isTrue();
    for (String bad : List.of("+999999999-12-31", "2022-11-09T25:00:00Z", "2022-02-29", "2022-11-09T10:00:00+19:00", "2022-11-09 10:00Z")) {
      badRequest(ReactionQuery::parse, "to", bad).hasMessage(
          "to must be an ISO date (2022-11-09, a New York date) or an ISO instant (2022-11-09T14:30:00Z), not '" + bad + "'");
    }
  }
}
