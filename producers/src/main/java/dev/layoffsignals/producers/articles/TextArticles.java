package dev.layoffsignals.producers.articles;

import dev.layoffsignals.producers.BadRecord;
import dev.layoffsignals.producers.Fields;
import dev.layoffsignals.schemas.Article;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An article from a plain-text file: optional header lines {@code Key: value} at the top (Title,
 * Published, Source, URL, Lang, Id; case-insensitive), ended by a blank line; then the text. Without
 * a Title header the first non-blank line is the title. Without a Published header the file's
 * last-modified time is the publication time (the only time a plain file has).
 */
public final class TextArticles {

  private static final Set<String> KEYS = Set.of("title", "published", "published_at", "date", "source", "url", "lang",
      "language", "id");

  private TextArticles() {
  }

  public static Article parse(String text, long lastModifiedMillis) throws BadRecord {
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    Map<String, String> headers = new HashMap<>();
    int i = 0;
    while (i < lines.length) {
      String l = lines[i];
      int colon = l.indexOf(':');
      if (colon <= 0 || !KEYS.contains(l.substring(0, colon).trim().toLowerCase(Locale.ROOT))) {
        break;
      }
      headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
      i++;
    }
    if (!headers.isEmpty() && i < lines.length && lines[i].isBlank()) {
      i++;
    }
    StringBuilder rest = new StringBuilder();
    for (int j = i; j < lines.length; j++) {
      rest.append(lines[j]).append('\n');
    }
    String body = rest.toString().trim();
    String title = headers.get("title");
    if (title == null) {
      int nl = body.indexOf('\n');
      title = (nl < 0 ? body : body.substring(0, nl)).trim();
      body = nl < 0 ? "" : body.substring(nl + 1).trim();
    }
    if (title.isBlank() && body.isBlank()) {
      throw new BadRecord("empty article");
    }
    String published = headers.getOrDefault("published", headers.getOrDefault("published_at", headers.get("date")));
    long at = Fields.eventTime(published == null ? lastModifiedMillis : ArticleJson.publishedAt(published),
        published == null ? "published_at (the file's last-modified time)" : "published_at");
    String url = headers.get("url");
    return new Article(ArticleIds.of(headers.get("id"), url, title, body), Instant.ofEpochMilli(at), title, body,
        ArticleJson.language(headers.getOrDefault("lang", headers.get("language"))), ArticleJson.blankToNull(url),
        ArticleJson.blankToNull(headers.get("source")));
  }
}
