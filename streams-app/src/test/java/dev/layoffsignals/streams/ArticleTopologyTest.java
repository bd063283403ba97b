package dev.layoffsignals.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.AnnouncementSource;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.HeadcountQualifier;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.SourceKind;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.schemas.WindowStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** articles → extractor → reports: one layoff told by three articles. */
class ArticleTopologyTest {

  // Thanksgiving 2022-11-24 has no close
  static final List<LocalDate> SESSIONS = Sessions.between(LocalDate.of(2022, 10, 24), LocalDate.of(2022, 11, 30),
      Set.of(LocalDate.of(2022, 11, 24)));
  static final Prices PRICES = Prices.varied(SESSIONS);

  static final Article WIRE = article("en-wire", "2022-11-09T12:05:00Z", "en", "Meta to cut 11,000 jobs in first mass layoff",
      "Meta Platforms said on Wednesday it will lay off more than 11,000 employees, about 13% of its workforce, in the first"
          + " broad round of job cuts in the company's history. Shares of the Facebook parent rose about 5% in early trading.");
  static final Article PAPER = article("en-paper", "2022-11-09T15:00:00Z", "en", "Facebook owner Meta lays off 11,000",
      "Meta is laying off 11,000 employees, chief executive Mark Zuckerberg wrote in a letter to staff on Wednesday.");
  static final Article FRENCH = article("fr-presse", "2022-11-10T08:00:00Z", "fr", "Meta supprime 11 000 emplois",
      "La maison mère de Facebook, Meta, a annoncé mercredi la suppression de 11 000 postes, soit 13 % de ses effectifs.");

  @Test
  @DisplayName("three articles about one layoff: one announcement with three sources, one reaction, counted once")
  void threeArticlesOneLayoff() {
    try (TopologyFixture f = new TopologyFixture()) {
      for (LocalDate d : SESSIONS) {
        if (d.equals(LocalDate.of(2022, 11, 9))) {
          f.article(WIRE);
          f.article(PAPER);
        }
        if (d.equals(LocalDate.of(2022, 11, 10))) {
          f.article(FRENCH);
        }
        f.closes(d, PRICES.benchmark.get(d), "META", PRICES.symbol.get(d));
      }

      List<TestRecord<String, LayoffAnnouncement>> updates = TopologyFixture.all(f.announcements);
      assertThat(updates).extracting(TestRecord::key).containsOnly("en-wire#meta");
      LayoffAnnouncement merged = updates.get(updates.size() - 1).value();
      assertThat(merged.getCompany()).isEqualTo("Meta");
      assertThat(merged.getTicker()).isEqualTo("META");
      assertThat(merged.getAnnouncedAt()).isEqualTo(Instant.parse("2022-11-09T12:05:00Z"));
      assertThat(merged.getTimePrecision()).isEqualTo(TimePrecision.INSTANT);
      assertThat(merged.getHeadcount()).isEqualTo(11_000);
      assertThat(merged.getHeadcountQualifier()).as("an exact figure beats 'more than'").isEqualTo(HeadcountQualifier.EXACT);
      assertThat(merged.getWorkforcePct()).isEqualTo(13.0);
      assertThat(merged.getSourceCount()).isEqualTo(3);
      assertThat(merged.getSources()).extracting(AnnouncementSource::getUrl).containsExactly(
          "https://news.example/en-wire", "https://news.example/en-paper", "https://news.example/fr-presse");
      assertThat(merged.getSources()).extracting(AnnouncementSource::getKind).containsOnly(SourceKind.ARTICLE);

      Map<String, MarketReaction> reactions = TopologyFixture.latest(TopologyFixture.all(f.reactions));
      assertThat(reactions).containsOnlyKeys("en-wire#meta");
      assertThat(reactions.get("en-wire#meta").getStatus()).isEqualTo(ReactionStatus.FINAL);
      assertThat(reactions.get("en-wire#meta").getDay0()).isEqualTo(LocalDate.of(2022, 11, 9));

      ReactionWindow week = TopologyFixture.latest(TopologyFixture.all(f.windows)).get("TICKER|META|WEEK|2022-11-07");
      assertThat(week.getStatus()).isEqualTo(WindowStatus.FINAL);
      assertThat(week.getAnnouncementCount()).isEqualTo(1);
      assertThat(week.getTotalHeadcount()).isEqualTo(11_000L);
    }
  }

  @Test
  @DisplayName("an article that announces no layoff gives no event, and is not an error")
  void noLayoff() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.article(article("en-none", "2022-11-09T12:00:00Z", "en", "Meta shares rise after earnings",
          "Meta Platforms reported higher revenue and its shares rose 5% in early trading."));

      assertThat(f.announcements.isEmpty()).isTrue();
      assertThat(f.deadLetters.isEmpty()).isTrue();
      assertThat(f.late.isEmpty()).isTrue();
    }
  }

  static Article article(String id, String publishedAt, String language, String title, String body) {
    return Article.newBuilder().setArticleId(id).setPublishedAt(Instant.parse(publishedAt)).setTitle(title).setBody(body)
        .setLanguage(language).setUrl("https://news.example/" + id).setSource("test").build();
  }

}
