package dev.layoffsignals.producers.layoffs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.producers.Drain;
import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.Rejection;
import dev.layoffsignals.producers.Rejects;
import dev.layoffsignals.schemas.AnnouncementSource;
import dev.layoffsignals.schemas.HeadcountQualifier;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.SourceKind;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.topics.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LayoffsFyiSourceTest {

  static final String HEADER =
      "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added\n";

  /** A two-company gazetteer standing in for the extractor's. */
  static final CompanyResolver COMPANIES = name -> Optional.ofNullable(Map.of(
      "Meta", new CompanyResolver.KnownCompany("Meta Platforms", "META", "Internet"),
      "Stripe", new CompanyResolver.KnownCompany("Stripe", null, "Fintech")).get(name));

  static List<Event> read(String csv, Rejects rejects) throws IOException {
    return Drain.events(new LayoffsFyiSource("layoffs.csv", new StringReader(csv), COMPANIES, rejects));
  }

  @Test
  @DisplayName("a known listed company: canonical name, ticker and sector from the gazetteer; 00:00 New York; fraction as percent")
  void knownCompany() throws IOException {
    List<Event> events = read(HEADER
        + "Meta,SF Bay Area,11000.0,11/9/2022,0.13,Consumer,https://example.com/meta,Post-IPO,26000,United States,11/9/2022\n",
        Rejects.collecting());

    String id = LayoffsFyiSource.recordId("Meta", LocalDate.of(2022, 11, 9), 11000, "https://example.com/meta");
    Instant midnightNy = Instant.parse("2022-11-09T05:00:00Z");   // EST, UTC-5
    assertThat(events).hasSize(1);
    Event e = events.get(0);
    assertThat(e.topic()).isEqualTo(Topics.LAYOFF_RECORDS);
    assertThat(e.key()).isEqualTo(id).matches("lfyi-[0-9a-f]{16}");
    assertThat(e.timestamp()).isEqualTo(midnightNy.toEpochMilli());
    assertThat(e.value()).isEqualTo(LayoffAnnouncement.newBuilder()
        .setAnnouncementId(id)
        .setCompany("Meta Platforms")
        .setTicker("META")
        .setSector("Internet")
        .setAnnouncedAt(midnightNy)
        .setTimePrecision(TimePrecision.DATE)
        .setHeadcount(11000)
        .setHeadcountQualifier(HeadcountQualifier.EXACT)
        .setWorkforcePct(13.0)
        .setDivision(null)
        .setReasons(List.of())
        .setEvidence(null)
        .setConfidence(1.0)
        .setSources(List.of(new AnnouncementSource(id, SourceKind.LAYOFFS_FYI, "https://example.com/meta", midnightNy)))
        .setSourceCount(1)
        .setVersion(1)
        .build());
  }

  @Test
  @DisplayName("quoted fields with commas; blank headcount and percentage; unknown company kept as given with the row's industry")
  void quotedFieldsAndBlanks() throws IOException {
    List<Event> events = read(HEADER
        + "Acme Robotics,\"Bengaluru,Non-U.S.\",,3/10/2024,,\"Hardware, Robotics\",https://example.com/a,Series B,40,India,3/11/2024\n"
        + "Stripe,SF Bay Area,300.0,11/3/2024,0.035,Finance,,Private,8700,United States,11/4/2024\n",
        Rejects.collecting());

    LayoffAnnouncement acme = (LayoffAnnouncement) events.get(0).value();
    assertThat(acme.getCompany()).isEqualTo("Acme Robotics");
    assertThat(acme.getTicker()).isNull();
    assertThat(acme.getSector()).isEqualTo("Hardware, Robotics");
    assertThat(acme.getHeadcount()).isNull();
    assertThat(acme.getHeadcountQualifier()).isNull();
    assertThat(acme.getWorkforcePct()).isNull();
    // 2024-03-10 is the spring DST change: midnight is still EST
    assertThat(acme.getAnnouncedAt()).isEqualTo(Instant.parse("2024-03-10T05:00:00Z"));

    LayoffAnnouncement stripe = (LayoffAnnouncement) events.get(1).value();
    assertThat(stripe.getCompany()).isEqualTo("Stripe");
    assertThat(stripe.getTicker()).as("private company: no ticker").isNull();
    assertThat(stripe.getSector()).isEqualTo("Fintech");
    assertThat(stripe.getWorkforcePct()).isEqualTo(3.5);
    assertThat(stripe.getSources().get(0).getUrl()).isNull();
    // 2024-11-03 is the fall DST change: midnight is still EDT
    assertThat(stripe.getAnnouncedAt()).isEqualTo(Instant.parse("2024-11-03T04:00:00Z"));
  }

  @Test
  @DisplayName("the id depends only on company, date, headcount and source, and a repeated row gets the same id")
  void stableIds() throws IOException {
    String row = "Terminus,Atlanta,,5/27/2022,,Marketing,https://example.com/t,Series C,120,United States,5/28/2022\n";
    String again = "Terminus,Atlanta,,5/27/2022,,Marketing,https://example.com/t,Unknown,192,United States,2/19/2023\n";
    List<Event> events = read(HEADER + row + again, Rejects.collecting());

    assertThat(events.get(0).key()).isEqualTo(events.get(1).key())
        .isEqualTo(LayoffsFyiSource.recordId("Terminus", LocalDate.of(2022, 5, 27), null, "https://example.com/t"));
    assertThat(LayoffsFyiSource.recordId("Terminus", LocalDate.of(2022, 5, 27), 10, "https://example.com/t"))
        .isNotEqualTo(events.get(0).key());
  }

  static Stream<Arguments> badRows() {
    return Stream.of(
        Arguments.of(",Seattle,10.0,1/5/2023,,Retail,u,Post-IPO,1,United States,1/5/2023", "missing company"),
        Arguments.of("Amazon,Seattle,10.0,13/45/2023,,Retail,u,Post-IPO,1,United States,1/5/2023",
            "bad date '13/45/2023' in date (expected YYYY-MM-DD or M/D/YYYY)"),
        Arguments.of("Amazon,Seattle,10.0,,,Retail,u,Post-IPO,1,United States,1/5/2023", "missing date"),
        Arguments.of("Amazon,Seattle,-10.0,1/5/2023,,Retail,u,Post-IPO,1,United States,1/5/2023", "negative total_laid_off -10.0"),
        Arguments.of("Amazon,Seattle,ten,1/5/2023,,Retail,u,Post-IPO,1,United States,1/5/2023", "not a number 'ten' in total_laid_off"),
        Arguments.of("Amazon,Seattle,10.5,1/5/2023,,Retail,u,Post-IPO,1,United States,1/5/2023", "not a whole number '10.5' in total_laid_off"),
        Arguments.of("Amazon,Seattle,10.0,1/5/2023,13,Retail,u,Post-IPO,1,United States,1/5/2023",
            "percentage_laid_off 13 is not a fraction between 0 and 1"),
        Arguments.of("Amazon,Seattle,10.0,1/5/2023,NaN,Retail,u,Post-IPO,1,United States,1/5/2023", "not a number 'NaN' in percentage_laid_off"),
        Arguments.of("Amazon,Seattle,10.0,1/5/2023", "expected 11 fields, found 4"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badRows")
  void badRow(String row, String reason) throws IOException {
    Rejects rejects = Rejects.collecting();
    List<Event> events = read(HEADER + row + "\n"
        + "Amazon,Seattle,10000.0,11/16/2022,,Retail,u,Post-IPO,1,United States,11/16/2022\n", rejects);

    assertThat(rejects.rejections()).containsExactly(new Rejection("layoffs.csv", 2, reason, row));
    assertThat(events).extracting(Event::line).containsExactly(3L);
  }

  @Test
  void unknownColumnSet() throws IOException {
    Rejects rejects = Rejects.collecting();
    assertThat(read("name,when\nAmazon,1/5/2023\n", rejects)).isEmpty();
    assertThat(rejects.rejections()).extracting(Rejection::describe).containsExactly(
        "layoffs.csv:1: unknown column set [name, when]; expected a layoffs.fyi export with at least company and date"
            + " (and total_laid_off, percentage_laid_off, industry, source); file skipped");
  }

  @Test
  @DisplayName("the shipped export: every one of the 4,277 rows parses, dates 2020-03-11 .. 2026-01-28")
  void shippedFile() throws IOException {
    Rejects rejects = Rejects.collecting();
    List<Event> events = new ArrayList<>();
    try (LayoffsFyiSource s = LayoffsFyiSource.open(Path.of("../data/historical/layoffs.csv"), COMPANIES, rejects)) {
      Event e;
      while ((e = s.next()) != null) {
        events.add(e);
      }
      assertThat(s.stats().read()).isEqualTo(4277);
      assertThat(s.stats().events()).isEqualTo(4277);
    }
    assertThat(rejects.rejections()).isEmpty();
    assertThat(events.stream().mapToLong(Event::timestamp).min().getAsLong())
        .isEqualTo(Instant.parse("2020-03-11T04:00:00Z").toEpochMilli());
    assertThat(events.stream().mapToLong(Event::timestamp).max().getAsLong())
        .isEqualTo(Instant.parse("2026-01-28T05:00:00Z").toEpochMilli());
    assertThat(events.stream().filter(e -> ((LayoffAnnouncement) e.value()).getHeadcount() == null)).hasSize(1476);
    assertThat(events.stream().filter(e -> ((LayoffAnnouncement) e.value()).getWorkforcePct() == null)).hasSize(1577);
    // one row is in the export twice (Terminus, 5/27/2022): 4,276 distinct ids
    assertThat(events.stream().map(Event::key).distinct()).hasSize(4276);
  }
}
