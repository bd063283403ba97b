package dev.layoffsignals.streams.dedup;

import dev.layoffsignals.schemas.AnnouncementSource;
import dev.layoffsignals.schemas.HeadcountQualifier;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.LayoffReason;
import dev.layoffsignals.schemas.TimePrecision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Groups one company's layoff reports into announcements.
 *
 * <p>The grouping is a pure function of the <em>set</em> of reports: they are sorted by
 * (announcement time, report id) and swept once, each report joining the first open layoff whose
 * first report is at most {@link SameLayoffRule#MAX_DAYS_APART} days away and whose headcount
 * agrees, or starting a new one. Arrival order therefore never changes the result, which is what
 * makes a replay at any speed, or a shuffled one within the grace period, end in the same
 * announcements as a live run. (A greedy first-come merge would not: with reports on days 0, 2.5
 * and 5, arriving 0-2.5-5 gives two layoffs and 5-2.5-0 gives one.)
 *
 * <p>A merged announcement keeps the earliest time, the most precise figures and every source;
 * its id is the id of its earliest report; its {@code version} counts how many reports, taken in
 * time order, added information.
 */
public final class AnnouncementClustering {

  /** Time, then id: the canonical order of reports. */
  public static final Comparator<LayoffAnnouncement> REPORT_ORDER =
      Comparator.comparing(LayoffAnnouncement::getAnnouncedAt).thenComparing(LayoffAnnouncement::getAnnouncementId);

  private AnnouncementClustering() {
  }

  /**
   * Merges the reports of one company into announcements, in the order of their first report.
   *
   * @param reports single-source reports (each with exactly one source), any order, no duplicates by id
   */
  public static List<LayoffAnnouncement> merge(List<LayoffAnnouncement> reports) {
    return cluster(reports).stream().map(Layoff::announcement).toList();
  }

  /**
   * One layoff: its merged announcement and its reports in canonical order (the first one
   * anchors the {@link SameLayoffRule}).
   */
  public record Layoff(LayoffAnnouncement announcement, List<LayoffAnnouncement> reports) {
    public Layoff {
      reports = List.copyOf(reports);
    }

    /** The report the layoff's time window is measured from. */
    public LayoffAnnouncement first() {
      return reports.get(0);
    }
  }

  /**
   * As {@link #merge}, keeping which reports make up each announcement: deduplication needs it
   * to forget the reports of layoffs that no new report can join any more.
   */
  public static List<Layoff> cluster(List<LayoffAnnouncement> reports) {
    List<LayoffAnnouncement> sorted = new ArrayList<>(reports);
    sorted.sort(REPORT_ORDER);
    List<Cluster> clusters = new ArrayList<>();
    for (LayoffAnnouncement report : sorted) {
      Cluster home = null;
      for (Cluster cluster : clusters) {
        if (SameLayoffRule.matches(report, cluster.first().getAnnouncedAt(), cluster.merged.getHeadcount())) {
          home = cluster;
          break;
        }
      }
      if (home == null) {
        clusters.add(new Cluster(report));
      } else {
        home.add(report);
      }
    }
    return clusters.stream().map(c -> new Layoff(c.merged, c.reports)).toList();
  }

  /** One layoff being assembled from its reports, in canonical order. */
  private static final class Cluster {
    private final List<LayoffAnnouncement> reports = new ArrayList<>();
    private LayoffAnnouncement merged;

    Cluster(LayoffAnnouncement first) {
      reports.add(first);
      merged = copyOf(first);
      merged.setSources(sortedSources(List.of(first)));
      merged.setSourceCount(1);
      merged.setVersion(1);
      merged.setReasons(canonicalReasons(first.getReasons()));
    }

    LayoffAnnouncement first() {
      return reports.get(0);
    }

    void add(LayoffAnnouncement report) {
      reports.add(report);
      LayoffAnnouncement next = combine(merged, report);
      boolean informative = !sameInformation(merged, next);
      next.setSources(sortedSources(reports));
      next.setSourceCount(next.getSources().size());
      next.setVersion(merged.getVersion() + (informative ? 1 : 0));
      merged = next;
    }
  }

  /** {@code current} with what {@code report} knows better. {@code current} is never later than {@code report}. */
  static LayoffAnnouncement combine(LayoffAnnouncement current, LayoffAnnouncement report) {
    LayoffAnnouncement b = copyOf(current);
    if (precision(report.getHeadcount(), report.getHeadcountQualifier())
        > precision(current.getHeadcount(), current.getHeadcountQualifier())) {
      b.setHeadcount(report.getHeadcount());
      b.setHeadcountQualifier(report.getHeadcountQualifier());
      if (report.getEvidence() != null) {
        b.setEvidence(report.getEvidence());
      }
    }
    if (current.getWorkforcePct() == null && report.getWorkforcePct() != null) {
      b.setWorkforcePct(report.getWorkforcePct());
    }
    if (current.getDivision() == null && report.getDivision() != null) {
      b.setDivision(report.getDivision());
    }
    if (current.getTicker() == null && report.getTicker() != null) {
      b.setTicker(report.getTicker());
    }
    if (current.getSector() == null && report.getSector() != null) {
      b.setSector(report.getSector());
    }
    if (current.getEvidence() == null && report.getEvidence() != null) {
      b.setEvidence(report.getEvidence());
    }
    if (current.getTimePrecision() == TimePrecision.DATE && report.getTimePrecision() == TimePrecision.INSTANT
        && SameLayoffRule.daysApart(current.getAnnouncedAt(), report.getAnnouncedAt()) == 0) {
      // same day, but now we know when: a date-only 00:00 is a convention, the instant is a fact
      b.setAnnouncedAt(report.getAnnouncedAt());
      b.setTimePrecision(TimePrecision.INSTANT);
    }
    Set<LayoffReason> reasons = EnumSet.noneOf(LayoffReason.class);
    reasons.addAll(current.getReasons());
    reasons.addAll(report.getReasons());
    b.setReasons(new ArrayList<>(reasons));
    b.setConfidence(Math.max(current.getConfidence(), report.getConfidence()));
    return b;
  }

  /**
   * A new record with the values of {@code a}, for setters to change: the values are shared, not
   * copied (records and their lists are never modified once built; changes set new ones). Avro's
   * {@code newBuilder(a)} deep-copies every field through its generic code, and deduplication did
   * that for every report.
   */
  static LayoffAnnouncement copyOf(LayoffAnnouncement a) {
    LayoffAnnouncement copy = new LayoffAnnouncement();
    int fields = LayoffAnnouncement.getClassSchema().getFields().size();
    for (int i = 0; i < fields; i++) {
      copy.put(i, a.get(i));
    }
    return copy;
  }

  /** Higher is more precise: an exact figure beats an approximate one beats a bound beats an order of magnitude. */
  static int precision(Integer headcount, HeadcountQualifier qualifier) {
    if (headcount == null) {
      return 0;
    }
    if (qualifier == null) {
      return 1;
    }
    return switch (qualifier) {
      case EXACT -> 6;
      case APPROX -> 5;
      case AT_LEAST, UP_TO -> 4;
      case THOUSANDS, HUNDREDS -> 2;
    };
  }

  private static boolean sameInformation(LayoffAnnouncement a, LayoffAnnouncement b) {
    return Objects.equals(a.getHeadcount(), b.getHeadcount())
        && a.getHeadcountQualifier() == b.getHeadcountQualifier()
        && Objects.equals(a.getWorkforcePct(), b.getWorkforcePct())
        && Objects.equals(a.getDivision(), b.getDivision())
        && Objects.equals(a.getTicker(), b.getTicker())
        && Objects.equals(a.getSector(), b.getSector())
        && a.getAnnouncedAt().equals(b.getAnnouncedAt())
        && a.getReasons().equals(b.getReasons());
  }

  private static List<LayoffReason> canonicalReasons(List<LayoffReason> reasons) {
    Set<LayoffReason> set = EnumSet.noneOf(LayoffReason.class);
    set.addAll(reasons);
    return new ArrayList<>(set);
  }

  private static List<AnnouncementSource> sortedSources(List<LayoffAnnouncement> reports) {
    // keyed by (time, id) so that a report seen twice is one source
    TreeMap<String, AnnouncementSource> byKey = new TreeMap<>();
    for (LayoffAnnouncement report : reports) {
      for (AnnouncementSource s : report.getSources()) {
        String key = zeroPadded20(s.getPublishedAt().toEpochMilli()) + '|' + s.getSourceId() + '|' + s.getKind();
        byKey.putIfAbsent(key, s);
      }
    }
    return new ArrayList<>(byKey.values());
  }

  /**
   * {@code String.format("%020d", value)} without the formatter, which was a hot spot of
   * deduplication (every report and every daily cleanup builds these keys).
   */
  static String zeroPadded20(long value) {
    String digits = value < 0 ? Long.toString(value).substring(1) : Long.toString(value);
    int width = value < 0 ? 19 : 20;
    StringBuilder out = new StringBuilder(20);
    if (value < 0) {
      out.append('-');
    }
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits).toString();
  }
}
