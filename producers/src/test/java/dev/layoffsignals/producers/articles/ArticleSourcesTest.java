package dev.layoffsignals.producers.articles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.producers.Drain;
import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.EventSource;
import dev.layoffsignals.producers.Rejection;
import dev.layoffsignals.producers.Rejects;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.topics.Topics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleSourcesTest {

  private static final InputStream NO_STDIN = new ByteArrayInputStream(new byte[0]);

  @TempDir
  Path dir;

  @Test
  @DisplayName("the shared corpus: every line parses, ids as given, timestamp = published_at")
  void corpus() throws IOException {
    Rejects rejects = Rejects.collecting();
    List<Event> events = Drain.events(ArticleSources.open("src/test/resources/corpus/articles.jsonl", NO_STDIN, rejects));

    assertThat(rejects.rejections()).isEmpty();
    assertThat(events).hasSize(27);
    Event meta = events.get(0);
    assertThat(meta.topic()).isEqualTo(Topics.ARTICLES);
    assertThat(meta.key()).isEqualTo("en-meta-2022-11-09");
    assertThat(meta.timestamp()).isEqualTo(Instant.parse("2022-11-09T12:05:00Z").toEpochMilli());
    Article a = (Article) meta.value();
    assertThat(a.getTitle()).isEqualTo("Meta to cut 11,000 jobs in first mass layoff");
    assertThat(a.getLanguage()).isEqualTo("en");
    assertThat(a.getSource()).isEqualTo("example-wire");
    assertThat(a.getUrl()).isNull();
    assertThat(a.getBody()).startsWith("Meta Platforms said on Wednesday");
  }

  @Test
  @DisplayName("bad JSON lines are rejected with file and line; blank lines are skipped; the rest goes on")
  void badJsonLines() throws IOException {
    Path f = dir.resolve("a.jsonl");
    Files.writeString(f, String.join("\n",
        "{\"id\":\"x1\",\"published_at\":\"2023-01-18T12:00:00Z\",\"title\":\"T1\",\"body\":\"B1\"}",
        "{\"id\":\"x2\",\"published_at\":\"2023-01-18T12:00:00Z\",\"title\":\"T2\"",
        "",
        "{\"id\":\"x3\",\"title\":\"T3\",\"body\":\"B3\"}",
        "{\"id\":\"x4\",\"published_at\":\"last tuesday\",\"title\":\"T4\"}",
        "{\"id\":\"x5\",\"published_at\":\"2023-01-18T12:00:00Z\"}",
        "[1,2]",
        "{\"id\":\"x6\",\"published_at\":\"2023-01-18T13:00:00+01:00\",\"title\":\"T6\",\"lang\":\"fr-FR\"}"));
    Rejects rejects = Rejects.collecting();
    List<Event> events = Drain.events(ArticleSources.open(f.toString(), NO_STDIN, rejects));

    assertThat(events).extracting(Event::key).containsExactly("x1", "x6");
    assertThat(events.get(1).timestamp()).isEqualTo(Instant.parse("2023-01-18T12:00:00Z").toEpochMilli());
    assertThat(((Article) events.get(1).value()).getLanguage()).isEqualTo("fr");
    assertThat(rejects.rejections()).extracting(Rejection::line).containsExactly(2L, 4L, 5L, 6L, 7L);
    assertThat(rejects.rejections()).extracting(Rejection::file).containsOnly(f.toString());
    assertThat(rejects.rejections()).extracting(Rejection::reason).satisfiesExactly(
        r -> assertThat(r).startsWith("unparseable JSON: "),
        r -> assertThat(r).isEqualTo("missing published_at"),
        r -> assertThat(r).isEqualTo("bad published_at 'last tuesday' (expected ISO 8601, e.g. 2022-11-09T12:05:00Z)"),
        r -> assertThat(r).isEqualTo("no title and no body"),
        r -> assertThat(r).isEqualTo("expected a JSON object"));
  }

  @Test
  @DisplayName("ids: given, else url- and a hash of the URL, else txt- and a hash of the text, stable across white space")
  void articleIds() {
    assertThat(ArticleIds.of(" given-1 ", "https://x", "t", "b")).isEqualTo("given-1");
    String byUrl = ArticleIds.of(null, "https://example.com/a", "t", "b");
    assertThat(byUrl).matches("url-[0-9a-f]{20}").isEqualTo(ArticleIds.of("", "https://example.com/a", "other", "text"));
    String byText = ArticleIds.of(null, null, "Meta cuts jobs", "Meta said  on\nWednesday.");
    assertThat(byText).matches("txt-[0-9a-f]{20}")
        .isEqualTo(ArticleIds.of(null, " ", "Meta cuts jobs", "Meta said on Wednesday."))
        .isNotEqualTo(ArticleIds.of(null, null, "Meta cuts jobs", "Meta said on Thursday."));
    // fixed value: a change of the hashing would re-key every article already published
    assertThat(ArticleIds.of(null, "https://example.com/a", null, null)).isEqualTo("url-" + ArticleIds.sha256Prefix("https://example.com/a"));
  }

  @Test
  @DisplayName("RSS 2.0: guid, link, pubDate (RFC 822), content:encoded over description, channel title and language")
  void rss() throws IOException {
    Path f = dir.resolve("feed.rss");
    Files.writeString(f, """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel>
            <title>Tech Wire</title>
            <language>en-us</language>
            <image><title>logo</title></image>
            <item>
              <title>Meta to cut 11,000 jobs</title>
              <link>https://example.com/meta</link>
              <guid isPermaLink="false">wire-123</guid>
              <pubDate>Wed, 09 Nov 2022 12:05:00 GMT</pubDate>
              <description>short</description>
              <content:encoded><![CDATA[<p>Meta said it will lay off <b>11,000</b> employees.</p><p>Shares &amp; bonds rose.</p>]]></content:encoded>
            </item>
            <item>
              <title>No guid here</title>
              <link>https://example.com/b</link>
              <pubDate>Thu, 10 Nov 2022 08:00:00 -0500</pubDate>
              <description>Text &lt;i&gt;with&lt;/i&gt; markup</description>
            </item>
            <item>
              <title>Undated</title>
              <description>no date</description>
            </item>
          </channel>
        </rss>
        """);
    Rejects rejects = Rejects.collecting();
    List<Event> events = Drain.events(ArticleSources.open(f.toString(), NO_STDIN, rejects));

    assertThat(events).hasSize(2);
    assertThat(events.get(0).value()).isEqualTo(new Article("wire-123", Instant.parse("2022-11-09T12:05:00Z"),
        "Meta to cut 11,000 jobs", "Meta said it will lay off 11,000 employees.\nShares & bonds rose.", "en",
        "https://example.com/meta", "Tech Wire"));
    assertThat(events.get(1).key()).isEqualTo(ArticleIds.of(null, "https://example.com/b", null, null));
    assertThat(events.get(1).timestamp()).isEqualTo(Instant.parse("2022-11-10T13:00:00Z").toEpochMilli());
    assertThat(((Article) events.get(1).value()).getBody()).isEqualTo("Text with markup");
    assertThat(rejects.rejections()).extracting(Rejection::describe).containsExactly(
        f + ":21: item has no publication date (pubDate, published, updated or dc:date)");
  }

  @Test
  @DisplayName("Atom: id, alternate link, published over updated, content over summary, feed title and xml:lang")
  void atom() throws IOException {
    Path f = dir.resolve("feed.atom");
    Files.writeString(f, """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
          <title>Les Echos Tech</title>
          <entry>
            <title>Ubisoft supprime 185 postes</title>
            <link rel="self" href="https://example.fr/self"/>
            <link rel="alternate" href="https://example.fr/ubisoft"/>
            <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
            <updated>2024-01-30T10:00:00Z</updated>
            <published>2024-01-29T09:00:00+01:00</published>
            <summary>Résumé</summary>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Le groupe réduit ses effectifs.</p></div></content>
          </entry>
        </feed>
        """);
    List<Event> events = Drain.events(ArticleSources.open(f.toString(), NO_STDIN, Rejects.collecting()));

    assertThat(events).extracting(Event::value).containsExactly(new Article("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
        Instant.parse("2024-01-29T08:00:00Z"), "Ubisoft supprime 185 postes", "Le groupe réduit ses effectifs.", "fr",
        "https://example.fr/ubisoft", "Les Echos Tech"));
  }

  @Test
  @DisplayName("XML external entities are not resolved: the feed is rejected, the file is not read")
  void noExternalEntities() throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    Path f = dir.resolve("evil.xml");
    Files.writeString(f, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<rss><channel><item><title>&xxe;</title><pubDate>Wed, 09 Nov 2022 12:05:00 GMT</pubDate></item></channel></rss>\n");
    Rejects rejects = Rejects.collecting();
    List<Event> events = Drain.events(ArticleSources.open(f.toString(), NO_STDIN, rejects));

    assertThat(events).isEmpty();
    assertThat(rejects.rejections()).hasSize(1);
    assertThat(rejects.rejections().get(0).reason()).startsWith("malformed XML").doesNotContain("TOP-SECRET");
  }

  @Test
  @DisplayName("a directory: .txt with headers, .txt without (file time), .json object, other files rejected; name order")
  void directory() throws IOException {
    Path d = Files.createDirectory(dir.resolve("in"));
    Files.writeString(d.resolve("a.txt"), "Title: IBM trims staff\nPublished: 2023-01-25T21:00:00Z\nSource: wire\n\nIBM will cut 3,900 jobs.\n");
    Path plain = Files.writeString(d.resolve("b.txt"), "SAP to cut 3,000\n\nSAP said on Thursday.\n");
    Files.setLastModifiedTime(plain, FileTime.from(Instant.parse("2023-01-26T07:00:00Z")));
    Files.writeString(d.resolve("c.json"), "{\"url\":\"https://example.com/c\",\"published_at\":\"2023-01-27T10:00:00Z\",\"title\":\"C\"}");
    Files.writeString(d.resolve("notes.md"), "# not an article");
    Rejects rejects = Rejects.collecting();
    EventSource source = ArticleSources.open(d.toString(), NO_STDIN, rejects);
    List<Event> events = Drain.events(source);

    assertThat(events).extracting(e -> ((Article) e.value()).getTitle()).containsExactly("IBM trims staff", "SAP to cut 3,000", "C");
    assertThat(events).extracting(e -> Instant.ofEpochMilli(e.timestamp()).toString())
        .containsExactly("2023-01-25T21:00:00Z", "2023-01-26T07:00:00Z", "2023-01-27T10:00:00Z");
    assertThat(((Article) events.get(0).value()).getBody()).isEqualTo("IBM will cut 3,900 jobs.");
    assertThat(((Article) events.get(0).value()).getSource()).isEqualTo("wire");
    assertThat(((Article) events.get(1).value()).getBody()).isEqualTo("SAP said on Thursday.");
    assertThat(events.get(2).key()).isEqualTo(ArticleIds.of(null, "https://example.com/c", null, null));
    assertThat(rejects.rejections()).extracting(Rejection::describe).containsExactly(
        d.resolve("notes.md") + ":0: unsupported file type (expected .txt, .json, .jsonl, .xml, .rss or .atom)");
    assertThat(source.stats().read()).isEqualTo(4);
    assertThat(source.stats().events()).isEqualTo(3);
  }

  @Test
  @DisplayName("standard input: JSON lines or a feed, told apart by the first character")
  void standardInput() throws IOException {
    InputStream jsonl = new ByteArrayInputStream(
        "\n{\"id\":\"s1\",\"published_at\":\"2023-01-18T12:00:00Z\",\"title\":\"T\"}\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Drain.events(ArticleSources.open("-", jsonl, Rejects.collecting()))).extracting(Event::key).containsExactly("s1");

    InputStream rss = new ByteArrayInputStream(("  <rss><channel><item><guid>g1</guid><title>T</title>"
        + "<pubDate>Wed, 09 Nov 2022 12:05:00 GMT</pubDate></item></channel></rss>").getBytes(StandardCharsets.UTF_8));
    assertThat(Drain.events(ArticleSources.open("-", rss, Rejects.collecting()))).extracting(Event::key).containsExactly("g1");
  }
}
