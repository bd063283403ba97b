package dev.layoffsignals.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scores the extractor on every labelled article (the shared corpus and ours) at the company
 * level, then the figures of the matched announcements, and fails below the agreed thresholds.
 * A company listed in an article's optional {@code tolerated} field (an older event the article
 * mentions in passing) counts neither for nor against precision.
 */
class CorpusScoringTest {

  private static final String[] CORPORA = {
    "corpus/articles.jsonl",
    "corpus/articles-extra.jsonl",
    "corpus/articles-holdout.jsonl",
    "corpus/articles-holdout2.jsonl",
    "corpus/articles-holdout3.jsonl",
    "corpus/articles-holdout4.jsonl",
    "corpus/articles-holdout5.jsonl",
    "corpus/articles-holdout6.jsonl"
  };
  private static final double MIN_PRECISION = 0.95;
  private static final double MIN_RECALL = 0.95;
  private static final double MIN_FIGURE_ACCURACY = 0.90;

  private final ObjectMapper mapper = new ObjectMapper();
  private final ArticleReader reader = new ArticleReader(mapper);
  private final LayoffExtractor extractor = LayoffExtractor.withDefaultGazetteer();

  @Test
  void extractorMeetsPrecisionRecallAndFigureAccuracyOnAllLabelledArticles() throws Exception {
    Score total = new Score();
    for (String corpus : CORPORA) {
      Score score = new Score();
      for (String line : lines(corpus)) {
        if (!line.isBlank()) {
          scoreArticle(mapper.readTree(line), corpus, score);
        }
      }
      System.out.println(corpus + ": " + score.summary());
      total.add(score);
    }
    System.out.println("ALL: " + total.summary());
    assertThat(total.articles).as("labelled articles").isGreaterThanOrEqualTo(27 + 30);
    assertThat(total.precision()).as("precision").isGreaterThanOrEqualTo(MIN_PRECISION);
    assertThat(total.recall()).as("recall").isGreaterThanOrEqualTo(MIN_RECALL);
    assertThat(total.figureAccuracy())
        .as("figure accuracy")
        .isGreaterThanOrEqualTo(MIN_FIGURE_ACCURACY);
  }

  private void scoreArticle(JsonNode node, String corpus, Score score) throws Exception {
    Article article = reader.readJsonLine(node.toString(), corpus, 0);
    List<LayoffMention> found = extractor.extract(article);
    Set<String> tolerated = new HashSet<>();
    for (JsonNode t : node.path("tolerated")) {
      tolerated.add(canonical(t.asText()));
    }
    List<LayoffMention> unmatched = new ArrayList<>(found);
    score.articles++;
    for (JsonNode exp : node.get("expected")) {
      String company = canonical(exp.get("company").asText());
      LayoffMention match = null;
      for (LayoffMention m : unmatched) {
        if (m.companyName().equals(company)) {
          match = m;
        }
      }
      if (match == null) {
        score.falseNegatives++;
        System.out.println("MISSED " + article.id() + " " + company);
        continue;
      }
      unmatched.remove(match);
      score.truePositives++;
      checkFigure(
          score, article.id(), "headcount", intOrNull(exp.get("headcount")), match.headcount());
      checkFigure(
          score,
          article.id(),
          "qualifier",
          textOrNull(exp.get("headcount_qualifier")),
          match.headcountQualifier() == null ? null : match.headcountQualifier().name());
      checkFigure(
          score,
          article.id(),
          "pct",
          pctOrNull(exp.get("workforce_pct")),
          roundPct(match.workforcePct()));
    }
    for (LayoffMention m : unmatched) {
      if (!tolerated.contains(m.companyName())) {
        score.falsePositives++;
        System.out.println(
            "SPURIOUS " + article.id() + " " + m.companyName() + " <- " + m.evidence());
      }
    }
  }

  private String canonical(String name) {
    return extractor.gazetteer().lookup(name).map(Company::canonicalName).orElse(name);
  }

  private static void checkFigure(
      Score score, String id, String field, Object expected, Object actual) {
    score.figures++;
    boolean ok = expected == null ? actual == null : expected.equals(actual);
    if (ok) {
      score.figuresCorrect++;
    } else {
      System.out.println("FIGURE " + id + " " + field + " expected " + expected + " got " + actual);
    }
  }

  private static Integer intOrNull(JsonNode n) {
    return n == null || n.isNull() ? null : n.asInt();
  }

  private static String textOrNull(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  private static String pctOrNull(JsonNode n) {
    return n == null || n.isNull() ? null : String.format(Locale.ROOT, "%.1f", n.asDouble());
  }

  private static String roundPct(Double pct) {
    return pct == null ? null : String.format(Locale.ROOT, "%.1f", pct);
  }

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = CorpusScoringTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static final class Score {
    int articles;
    int truePositives;
    int falsePositives;
    int falseNegatives;
    int figures;
    int figuresCorrect;

    void add(Score o) {
      articles += o.articles;
      truePositives += o.truePositives;
      falsePositives += o.falsePositives;
      falseNegatives += o.falseNegatives;
      figures += o.figures;
      figuresCorrect += o.figuresCorrect;
    }

    double precision() {
      int predicted = truePositives + falsePositives;
      return predicted == 0 ? 1.0 : (double) truePositives / predicted;
    }

    double recall() {
      int expected = truePositives + falseNegatives;
      return expected == 0 ? 1.0 : (double) truePositives / expected;
    }

    double figureAccuracy() {
      return figures == 0 ? 1.0 : (double) figuresCorrect / figures;
    }

    String summary() {
      return String.format(
          Locale.ROOT,
          "articles=%d tp=%d fp=%d fn=%d precision=%.3f recall=%.3f figure_accuracy=%.3f (%d/%d figures)",
          articles,
          truePositives,
          falsePositives,
          falseNegatives,
          precision(),
          recall(),
          figureAccuracy(),
          figuresCorrect,
          figures);
    }
  }
}
