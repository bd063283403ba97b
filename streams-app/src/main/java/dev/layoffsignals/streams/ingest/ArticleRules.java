package dev.layoffsignals.streams.ingest;

import dev.layoffsignals.extractor.Language;
import dev.layoffsignals.extractor.LayoffExtractor;
import dev.layoffsignals.extractor.LayoffMention;
import dev.layoffsignals.schemas.AnnouncementSource;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.HeadcountQualifier;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.LayoffReason;
import dev.layoffsignals.schemas.SourceKind;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.streams.dedup.RoutingKeys;
import dev.layoffsignals.streams.events.Report;
import dev.layoffsignals.streams.events.TickerEvent;
import dev.layoffsignals.streams.metrics.SignalMetrics;
import dev.layoffsignals.streams.time.EventTimes;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;

/**
 * News articles: each goes through the extractor, and every layoff it reports becomes a
 * single-source report with id {@code <article id>#<company slug>}, stamped with the article's
 * publication time (the time the news became public, and the event time every watermark is about).
 */
public final class ArticleRules implements IngestRules<Article> {

  private final LayoffExtractor extractor;
  private final SignalMetrics metrics;

  public ArticleRules(LayoffExtractor extractor, SignalMetrics metrics) {
    this.extractor = Objects.requireNonNull(extractor, "extractor");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public Optional<String> invalid(Article article) {
    if (article.getArticleId() == null || article.getArticleId().isBlank()) {
      return Optional.of("article_id is blank");
    }
    if (!EventTimes.isPlausible(article.getPublishedAt())) {
      return Optional.of(EventTimes.outOfRange("published_at", article.getPublishedAt()));
    }
    return Optional.empty();
  }

  @Override
  public Instant eventTime(Article article) {
    return article.getPublishedAt();
  }

  @Override
  public List<KeyValue<String, TickerEvent>> events(Article article) {
    dev.layoffsignals.extractor.Article input = new dev.layoffsignals.extractor.Article(article.getArticleId(),
        article.getTitle(), article.getBody(), Language.parse(article.getLanguage()).orElse(null), article.getPublishedAt());
    List<KeyValue<String, TickerEvent>> events = new ArrayList<>();
    long start = System.nanoTime();
    List<LayoffMention> mentions = extractor.extract(input);
    metrics.articleProcessed(System.nanoTime() - start, mentions.size());
    for (LayoffMention mention : mentions) {
      LayoffAnnouncement report = report(article, mention);
      Optional<String> problem = RecordRules.reportProblem(report);
      if (problem.isPresent()) {
        throw new InvalidRecordException("the extractor's report on " + mention.companyName() + " is impossible: " + problem.get());
      }
      events.add(KeyValue.pair(RoutingKeys.of(report.getTicker(), report.getCompany()), new Report(report)));
    }
    return events;
  }

  static LayoffAnnouncement report(Article article, LayoffMention m) {
    String id = article.getArticleId() + "#" + slug(m.companyName());
    List<LayoffReason> reasons = new ArrayList<>();
    for (dev.layoffsignals.extractor.LayoffReason r : m.reasons()) {
      reasons.add(byName(LayoffReason.class, r.name(), "reason"));
    }
    return LayoffAnnouncement.newBuilder()
        .setAnnouncementId(id)
        .setCompany(m.companyName())
        .setTicker(m.ticker())
        .setSector(m.sector())
        .setAnnouncedAt(article.getPublishedAt())
        .setTimePrecision(TimePrecision.INSTANT)
        .setHeadcount(m.headcount())
        .setHeadcountQualifier(m.headcountQualifier() == null ? null
            : byName(HeadcountQualifier.class, m.headcountQualifier().name(), "headcount qualifier"))
        .setWorkforcePct(m.workforcePct())
        .setDivision(m.division())
        .setReasons(reasons)
        .setEvidence(m.evidence())
        .setConfidence(m.confidence())
        .setSources(new ArrayList<>(List.of(AnnouncementSource.newBuilder()
            .setSourceId(article.getArticleId())
            .setKind(SourceKind.ARTICLE)
            .setUrl(article.getUrl())
            .setPublishedAt(article.getPublishedAt())
            .build())))
        .setSourceCount(1)
        .setVersion(1)
        .build();
  }

  /** {@code "Meta Platforms"} is {@code meta-platforms}; accents folded, anything else a dash. */
  static String slug(String company) {
    String folded = Normalizer.normalize(company, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String slug = folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    return slug.isEmpty() ? "company" : slug;
  }

  private static <E extends Enum<E>> E byName(Class<E> type, String name, String what) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException("the extractor's " + what + " " + name + " has no symbol in " + type.getSimpleName());
    }
  }
}
