package dev.layoffsignals.producers.articles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layoffsignals.producers.BadRecord;
import dev.layoffsignals.producers.Fields;
import dev.layoffsignals.schemas.Article;
import java.time.Instant;
import java.util.Locale;

/**
 * One article from a JSON object in the corpus format: {@code id, lang, published_at, source, title,
 * body, url}; other fields ({@code expected}, {@code note}, ...) are ignored. Common alternative
 * names are accepted ({@code article_id}, {@code language}, {@code headline}, {@code text},
 * {@code content}, {@code link}, {@code publishedAt}, {@code date}).
 */
public final class ArticleJson {

  private ArticleJson() {
  }

  public static Article toArticle(JsonNode node) throws BadRecord {
    if (node == null || !node.isObject()) {
      throw new BadRecord("expected a JSON object");
    }
    String title = text(node, "title", "headline");
    String body = text(node, "body", "text", "content");
    if (isBlank(title) && isBlank(body)) {
      throw new BadRecord("no title and no body");
    }
    String published = text(node, "published_at", "publishedAt", "published", "date");
    if (isBlank(published)) {
      throw new BadRecord("missing published_at");
    }
    long at = Fields.eventTime(publishedAt(published), "published_at");
    String url = text(node, "url", "link");
    String id = ArticleIds.of(text(node, "id", "article_id", "guid"), url, title, body);
    return new Article(id, Instant.ofEpochMilli(at), title == null ? "" : title, body == null ? "" : body,
        language(text(node, "lang", "language")), blankToNull(url), blankToNull(text(node, "source", "publisher")));
  }

  /** ISO 8601 with an offset, epoch milliseconds, or a New York local date-time. */
  static long publishedAt(String value) throws BadRecord {
    try {
      return Fields.instant(value, "published_at");
    } catch (BadRecord e) {
      throw new BadRecord("bad published_at '" + value.trim() + "' (expected ISO 8601, e.g. 2022-11-09T12:05:00Z)");
    }
  }

  /** {@code en-US} is {@code en}; blank is null (the extractor detects it). */
  static String language(String lang) {
    if (isBlank(lang)) {
      return null;
    }
    String l = lang.trim().toLowerCase(Locale.ROOT);
    int sep = l.indexOf('-') >= 0 ? l.indexOf('-') : l.indexOf('_');
    return sep > 0 ? l.substring(0, sep) : l;
  }

  static String blankToNull(String s) {
    return isBlank(s) ? null : s.trim();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String text(JsonNode node, String... names) {
    for (String n : names) {
      JsonNode v = node.get(n);
      if (v != null && !v.isNull()) {
        return v.isValueNode() ? v.asText() : v.toString();
      }
    }
    return null;
  }
}
