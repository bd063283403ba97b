package dev.layoffsignals.extractor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads articles in the corpus format (one JSON object per line with id, lang, published_at,
 * title, body; other fields ignored) and plain-text articles (first line the headline when more
 * lines follow, language detected).
 */
public final class ArticleReader {

  private final ObjectMapper mapper;

  public ArticleReader(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public ArticleReader() {
    this(new ObjectMapper());
  }

  /** One JSON line; {@code source} and {@code lineNumber} go into the error message. */
  public Article readJsonLine(String json, String source, int lineNumber)
      throws ArticleFormatException {
    JsonNode node;
    try {
      node = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ArticleFormatException(
          source, lineNumber, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new ArticleFormatException(source, lineNumber, "expected a JSON object", null);
    }
    JsonNode id = node.get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw new ArticleFormatException(source, lineNumber, "missing string field 'id'", null);
    }
    String title = text(node, "title");
    String body = text(node, "body");
    if (title.isEmpty() && body.isEmpty()) {
      throw new ArticleFormatException(
          source, lineNumber, "neither 'title' nor 'body' has text", null);
    }
    Instant published = null;
    String when = text(node, "published_at");
    if (!when.isEmpty()) {
      try {
        published = Instant.parse(when);
      } catch (DateTimeParseException e) {
        throw new ArticleFormatException(
            source, lineNumber, "published_at is not ISO-8601: " + when, e);
      }
    }
    Language language =
        Language.parse(text(node, "lang"))
            .orElseGet(() -> LanguageDetector.detect(title + "\n" + body));
    return new Article(id.asText(), title, body, language, published);
  }

  /** All lines of a JSON-lines text; blank lines are skipped. */
  public List<Article> readJsonLines(List<String> lines, String source)
      throws ArticleFormatException {
    List<Article> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        out.add(readJsonLine(lines.get(i), source, i + 1));
      }
    }
    return out;
  }

  /** A plain-text article: the first non-blank line is the headline when more text follows. */
  public Article readPlainText(String id, String text) {
    String trimmed = text.strip();
    int newline = trimmed.indexOf('\n');
    String title = "";
    String body = trimmed;
    if (newline > 0 && !trimmed.substring(newline).isBlank()) {
      title = trimmed.substring(0, newline).strip();
      body = trimmed.substring(newline + 1).strip();
    }
    return new Article(id, title, body, LanguageDetector.detect(trimmed), null);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }
}
