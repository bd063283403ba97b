package dev.layoffsignals.extractor;

import java.time.Instant;
import java.util.List;

/** One extractor for all rule tests: building it reads the gazetteer once. */
final class ExtractorTestSupport {

  static final LayoffExtractor EXTRACTOR = LayoffExtractor.withDefaultGazetteer();

  private ExtractorTestSupport() {}

  static List<LayoffMention> extract(String title, String body) {
    return EXTRACTOR.extract(
        new Article("t", title, body, null, Instant.parse("2025-06-01T00:00:00Z")));
  }

  static List<LayoffMention> extractBody(String body) {
    return extract("", body);
  }
}
