package dev.layoffsignals.streams.metrics;

import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.streams.errors.ErrorCategory;
import dev.layoffsignals.streams.errors.ErrorCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The domain's own meters, registered in the application's Micrometer registry (Prometheus names
 * in brackets):
 * <ul>
 *   <li>{@value #ARTICLES} ({@code layoff_signals_articles_processed_total}): articles read;</li>
 *   <li>{@value #EXTRACTION} ({@code layoff_signals_extraction_seconds}): time spent in the extractor per article;</li>
 *   <li>{@value #REPORTS}, tag {@code source} = {@code article} or {@code record}
 *       ({@code layoff_signals_reports_total}): layoff reports extracted from articles or read from imports;</li>
 *   <li>{@value #ANNOUNCEMENTS}, tag {@code change} = {@code created}, {@code merged} (an existing
 *       announcement updated by another report) or {@code retracted}
 *       ({@code layoff_signals_announcements_total});</li>
 *   <li>{@value #REACTIONS}, tag {@code status} ({@code layoff_signals_reactions_emitted_total});</li>
 *   <li>{@value #REJECTED}, tags {@code category} (LATE, INVALID, DESERIALIZATION, PROCESSING) and
 *       {@code topic} ({@code layoff_signals_rejected_records_total}): records sent to late-records or
 *       dead-letters;</li>
 *   <li>{@value #PROCESSED}, tag {@code topic} ({@code layoff_signals_records_processed_total}): input
 *       records that passed ingest (readable, valid, in time), whether or not they gave events. For
 *       every input topic, records read = processed + rejected (all categories).</li>
 * </ul>
 * Under exactly-once a transaction that aborts is processed again, so these count processing, not
 * committed results: after a failure they may run ahead of the output topics.
 */
public final class SignalMetrics implements ErrorCounter {

  public static final String ARTICLES = "layoff.signals.articles.processed";
  public static final String EXTRACTION = "layoff.signals.extraction";
  public static final String REPORTS = "layoff.signals.reports";
  public static final String ANNOUNCEMENTS = "layoff.signals.announcements";
  public static final String REACTIONS = "layoff.signals.reactions.emitted";
  public static final String REJECTED = "layoff.signals.rejected.records";
  public static final String PROCESSED = "layoff.signals.records.processed";

  /** Meters that count into nothing: a composite registry without members. */
  public static final SignalMetrics NONE = new SignalMetrics(new CompositeMeterRegistry());

  /** What a report, once deduplicated, did to the announcements. */
  public enum AnnouncementChange { CREATED, MERGED, RETRACTED }

  private final MeterRegistry registry;
  private final Counter articles;
  private final Timer extraction;
  private final Counter articleReports;
  private final Counter recordReports;
  private final Map<AnnouncementChange, Counter> announcements = new EnumMap<>(AnnouncementChange.class);
  private final Map<ReactionStatus, Counter> reactions = new EnumMap<>(ReactionStatus.class);
  private final Map<String, Counter> processed = new ConcurrentHashMap<>();

  public SignalMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    articles = Counter.builder(ARTICLES).description("Articles read").register(registry);
    extraction = Timer.builder(EXTRACTION).description("Time the extractor spends on one article").register(registry);
    articleReports = reports("article");
    recordReports = reports("record");
    for (AnnouncementChange c : AnnouncementChange.values()) {
      announcements.put(c, Counter.builder(ANNOUNCEMENTS).description("Changes of deduplicated announcements")
          .tag("change", c.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
    }
    for (ReactionStatus s : ReactionStatus.values()) {
      reactions.put(s, Counter.builder(REACTIONS).description("Market reactions emitted").tag("status", s.name())
          .register(registry));
    }
  }

  private Counter reports(String source) {
    return Counter.builder(REPORTS).description("Layoff reports extracted from articles or read from imports")
        .tag("source", source).register(registry);
  }

  public void articleProcessed(long extractionNanos, int reportsFound) {
    articles.increment();
    extraction.record(extractionNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    articleReports.increment(reportsFound);
  }

  public void recordRead() {
    recordReports.increment();
  }

  public void announcement(AnnouncementChange change) {
    announcements.get(change).increment();
  }

  public void reactionEmitted(ReactionStatus status) {
    reactions.get(status).increment();
  }

  @Override
  public void count(ErrorCategory category, String sourceTopic) {
    Counter.builder(REJECTED).description("Records sent to late-records or dead-letters")
        .tag("category", category.name())
        .tag("topic", sourceTopic == null ? "unknown" : sourceTopic)
        .register(registry)
        .increment();
  }

  @Override
  public void countProcessed(String sourceTopic) {
    // every input record passes here: the counter is built once per topic, and found with a plain
    // get afterwards (computeIfAbsent on a present key cost 2 % of the stream thread)
    String topic = sourceTopic == null ? "unknown" : sourceTopic;
    Counter counter = processed.get(topic);
    if (counter == null) {
      counter = processed.computeIfAbsent(topic, t -> Counter.builder(PROCESSED)
          .description("Input records that passed ingest (readable, valid, in time)")
          .tag("topic", t)
          .register(registry));
    }
    counter.increment();
  }
}
