package dev.layoffsignals.streams.ingest;

import dev.layoffsignals.schemas.AnnouncementSource;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.SourceKind;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.streams.dedup.RoutingKeys;
import dev.layoffsignals.streams.events.Report;
import dev.layoffsignals.streams.events.TickerEvent;
import dev.layoffsignals.streams.metrics.SignalMetrics;
import dev.layoffsignals.streams.time.EventTimes;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;

/** Structured layoff records (layoff-records), used as they are once valid. */
public final class RecordRules implements IngestRules<LayoffAnnouncement> {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private final SignalMetrics metrics;

  public RecordRules(SignalMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public Optional<String> invalid(LayoffAnnouncement a) {
    return reportProblem(a);
  }

  /** What is impossible in a layoff report, whatever its source; empty when it is valid. */
  public static Optional<String> reportProblem(LayoffAnnouncement a) {
    if (a.getAnnouncementId() == null || a.getAnnouncementId().isBlank()) {
      return Optional.of("announcement_id is blank");
    }
    if (a.getCompany() == null || a.getCompany().isBlank()) {
      return Optional.of("company is blank");
    }
    if (a.getTicker() != null && !RoutingKeys.isSymbol(a.getTicker())) {
      return Optional.of("ticker '" + a.getTicker() + "' is not an upper-case ticker symbol");
    }
    if (!EventTimes.isPlausible(a.getAnnouncedAt())) {
      return Optional.of(EventTimes.outOfRange("announced_at", a.getAnnouncedAt()));
    }
    if (a.getTimePrecision() == TimePrecision.DATE
        && !a.getAnnouncedAt().atZone(NEW_YORK).toLocalTime().equals(LocalTime.MIDNIGHT)) {
      return Optional.of("a date-only announcement must be stamped 00:00 America/New_York, not " + a.getAnnouncedAt());
    }
    if (a.getHeadcount() != null && a.getHeadcount() <= 0) {
      return Optional.of("headcount " + a.getHeadcount() + " is not positive");
    }
    Double pct = a.getWorkforcePct();
    if (pct != null && !(pct >= 0 && pct <= 100)) {
      return Optional.of("workforce_pct " + pct + " is not a percentage between 0 and 100");
    }
    if (!(a.getConfidence() >= 0 && a.getConfidence() <= 1)) {
      return Optional.of("confidence " + a.getConfidence() + " is not between 0 and 1");
    }
    return Optional.empty();
  }

  @Override
  public Instant eventTime(LayoffAnnouncement a) {
    return a.getAnnouncedAt();
  }

  @Override
  public List<KeyValue<String, TickerEvent>> events(LayoffAnnouncement a) {
    LayoffAnnouncement report = asReport(a);
    metrics.recordRead();
    return List.of(KeyValue.pair(RoutingKeys.of(report.getTicker(), report.getCompany()), new Report(report)));
  }

  /** The record as a report: it names at least itself as a source, and counts as a first version. */
  static LayoffAnnouncement asReport(LayoffAnnouncement a) {
    List<AnnouncementSource> sources = new ArrayList<>(a.getSources());
    if (sources.isEmpty()) {
      sources.add(AnnouncementSource.newBuilder()
          .setSourceId(a.getAnnouncementId()).setKind(SourceKind.OTHER).setUrl(null)
          .setPublishedAt(a.getAnnouncedAt()).build());
    }
    return LayoffAnnouncement.newBuilder(a).setSources(sources).setSourceCount(sources.size()).setVersion(1).build();
  }
}
