package dev.layoffsignals.extractor;

import java.time.Instant;
import java.util.Objects;

/**
 * One news article as the extractor sees it.
 *
 * @param id          stable identifier, copied to every announcement found in the article
 * @param title       headline; may be empty
 * @param body        text of the article; may be empty
 * @param language    language when the source knows it, null to let the extractor detect it
 * @param publishedAt publication time when known, null otherwise; used to tell older events
 *                    ("in 2022 it cut...") from the news
 */
public record Article(
    String id, String title, String body, Language language, Instant publishedAt) {

  public Article {
    Objects.requireNonNull(id, "id");
    title = title == null ? "" : title;
    body = body == null ? "" : body;
  }

  /** An article of unknown language and date. */
  public static Article of(String id, String title, String body) {
    return new Article(id, title, body, null, null);
  }
}
