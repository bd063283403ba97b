package dev.layoffsignals.streams.dedup;

import dev.layoffsignals.eventstudy.NewYorkDays;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.streams.events.AnnouncementChange;
import dev.layoffsignals.streams.events.Close;
import dev.layoffsignals.streams.events.ReactInput;
import dev.layoffsignals.streams.events.Report;
import dev.layoffsignals.streams.events.TickerEvent;
import dev.layoffsignals.streams.events.Watermark;
import dev.layoffsignals.streams.metrics.SignalMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Deduplication. The store keeps, per routing key, the reports of every layoff that a new report
 * could still join. On each report, that key's announcements are recomputed from the whole set
 * ({@link AnnouncementClustering}, per company) and the differences are forwarded: an upsert for
 * each new or changed announcement, a retraction for an id that no longer exists. On each clock
 * advance into a new New York day, the reports of layoffs closed for good
 * ({@link SameLayoffRule#closedFrom}, always a New York midnight: nothing closes within a day) are
 * forgotten. Closes and the clock pass through to the reaction processor.
 *
 * <p>A daily pass visits only the keys that can have a layoff closing: for each key the processor
 * keeps in memory (derived from the store, rebuilt after a restart) the earliest
 * {@link SameLayoffRule#closedFrom} of its reports, a lower bound of its layoffs' (each layoff's
 * first report is one of them). Reading and clustering every key every day was 9 % of the full
 * topology's stream-thread samples (JFR, docs/benchmarks.md).
 *
 * <p>Like the reaction and window processors, it keeps the store decoded in memory (and each
 * key's announcements as last clustered), written through to the store, which stays the truth:
 * decoding a key's reports and clustering them again on every report was half of its cost.
 */
public final class DedupProcessor implements Processor<String, TickerEvent, String, ReactInput> {

  private final String reportsStoreName;
  private final SignalMetrics metrics;
  private KeyValueStore<String, List<LayoffAnnouncement>> reports;
  private ProcessorContext<String, ReactInput> context;
  /** The New York date (epoch day) of the clock at which closed layoffs were last forgotten. */
  private long forgottenOn = Long.MIN_VALUE;
  /**
   * The store, decoded, with each key's announcements as clustered from those reports and the
   * earliest closedFrom (epoch ms) of the reports. Loaded at the first record after every
   * (re)initialisation of the task (restoration is over by then).
   */
  private Map<String, Decoded> decoded;

  private record Decoded(List<LayoffAnnouncement> reports, Map<String, LayoffAnnouncement> announcements, long closing) {
    Decoded(List<LayoffAnnouncement> reports, Map<String, LayoffAnnouncement> announcements) {
      this(reports, announcements, earliestClosing(reports));
    }
  }

  public DedupProcessor(String reportsStoreName, SignalMetrics metrics) {
    this.reportsStoreName = reportsStoreName;
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void init(ProcessorContext<String, ReactInput> context) {
    this.context = context;
    this.reports = context.getStateStore(reportsStoreName);
    this.forgottenOn = Long.MIN_VALUE;
    this.decoded = null;
  }

  @Override
  public void process(Record<String, TickerEvent> record) {
    TickerEvent event = record.value();
    if (event instanceof Close close) {
      context.forward(record.withValue(close));
    } else if (event instanceof Watermark watermark) {
      Instant clock = Instant.ofEpochMilli(watermark.time());
      long day = NewYorkDays.epochDay(watermark.time());
      if (day != forgottenOn) { // a layoff closes at a New York midnight: within a day, nothing more to forget
        forgetClosedLayoffs(clock);
        forgottenOn = day;
      }
      context.forward(record.withValue(watermark));
    } else if (event instanceof Report report) {
      onReport(record.key(), report.report(), record.timestamp());
    } else {
      throw new IllegalArgumentException("unexpected ticker event " + event);
    }
  }

  private void onReport(String key, LayoffAnnouncement report, long timestamp) {
    Decoded stored = byKey().get(key);
    List<LayoffAnnouncement> before = stored == null ? List.of() : stored.reports();
    List<LayoffAnnouncement> after = new ArrayList<>(before.size() + 1);
    for (LayoffAnnouncement r : before) {
      if (!r.getAnnouncementId().equals(report.getAnnouncementId())) {
        after.add(r);
      }
    }
    after.add(report); // a report seen again under the same id replaces the earlier one
    Map<String, LayoffAnnouncement> old = stored == null ? Map.of() : stored.announcements();
    Map<String, LayoffAnnouncement> now = announcements(after);
    put(key, after, now);
    for (String id : old.keySet()) {
      if (!now.containsKey(id)) {
        context.forward(new Record<>(id, new AnnouncementChange(key, id, null), timestamp));
        metrics.announcement(SignalMetrics.AnnouncementChange.RETRACTED);
      }
    }
    now.forEach((id, announcement) -> {
      if (!announcement.equals(old.get(id))) {
        metrics.announcement(old.containsKey(id) || announcement.getSourceCount() > 1
            ? SignalMetrics.AnnouncementChange.MERGED : SignalMetrics.AnnouncementChange.CREATED);
        context.forward(new Record<>(id, new AnnouncementChange(key, id, announcement),
            announcement.getAnnouncedAt().toEpochMilli()));
      }
    });
  }

  /** The announcements of one key's reports, by id (sorted, so emission order is a function of the data). */
  static Map<String, LayoffAnnouncement> announcements(List<LayoffAnnouncement> reports) {
    Map<String, LayoffAnnouncement> byId = new TreeMap<>();
    for (List<LayoffAnnouncement> company : byCompany(reports).values()) {
      for (AnnouncementClustering.Layoff layoff : AnnouncementClustering.cluster(company)) {
        byId.put(layoff.announcement().getAnnouncementId(), layoff.announcement());
      }
    }
    return byId;
  }

  /** The reports that a layoff still open at {@code clock} could involve; closed layoffs' reports are left out. */
  static List<LayoffAnnouncement> stillOpen(List<LayoffAnnouncement> reports, Instant clock) {
    List<LayoffAnnouncement> open = new ArrayList<>();
    for (List<LayoffAnnouncement> company : byCompany(reports).values()) {
      for (AnnouncementClustering.Layoff layoff : AnnouncementClustering.cluster(company)) {
        if (clock.isBefore(SameLayoffRule.closedFrom(layoff.first().getAnnouncedAt()))) {
          open.addAll(layoff.reports());
        }
      }
    }
    return open;
  }

  private static Map<String, List<LayoffAnnouncement>> byCompany(List<LayoffAnnouncement> reports) {
    Map<String, List<LayoffAnnouncement>> groups = new LinkedHashMap<>();
    for (LayoffAnnouncement r : reports) {
      groups.computeIfAbsent(RoutingKeys.companyKey(r.getCompany()), k -> new ArrayList<>()).add(r);
    }
    return groups;
  }

  private void forgetClosedLayoffs(Instant clock) {
    long now = clock.toEpochMilli();
    List<String> due = new ArrayList<>();
    byKey().forEach((key, stored) -> {
      if (now >= stored.closing()) {
        due.add(key);
      }
    });
    due.sort(null); // a fixed order of store writes, whatever the map's
    for (String key : due) {
      Decoded stored = byKey().get(key);
      List<LayoffAnnouncement> open = stillOpen(stored.reports(), clock);
      if (open.isEmpty()) {
        reports.delete(key);
        byKey().remove(key);
      } else if (open.size() != stored.reports().size()) {
        put(key, open, announcements(open));
      }
    }
  }

  private void put(String key, List<LayoffAnnouncement> keyReports, Map<String, LayoffAnnouncement> announcements) {
    reports.put(key, keyReports);
    byKey().put(key, new Decoded(keyReports, announcements));
  }

  /** {@link #decoded}, loaded on first use. */
  private Map<String, Decoded> byKey() {
    if (decoded == null) {
      decoded = new HashMap<>();
      try (KeyValueIterator<String, List<LayoffAnnouncement>> all = reports.all()) {
        while (all.hasNext()) {
          KeyValue<String, List<LayoffAnnouncement>> entry = all.next();
          decoded.put(entry.key, new Decoded(entry.value, announcements(entry.value)));
        }
      }
    }
    return decoded;
  }

  private static long closingOf(LayoffAnnouncement report) {
    return SameLayoffRule.closedFrom(report.getAnnouncedAt()).toEpochMilli();
  }

  private static long earliestClosing(List<LayoffAnnouncement> reports) {
    long earliest = Long.MAX_VALUE;
    for (LayoffAnnouncement r : reports) {
      earliest = Math.min(earliest, closingOf(r));
    }
    return earliest;
  }
}
