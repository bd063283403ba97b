package dev.layoffsignals.streams.windows;

import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.WindowDimension;
import dev.layoffsignals.schemas.WindowMember;
import dev.layoffsignals.schemas.WindowStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The figures of one window, computed from its whole membership every time. Recomputing (instead
 * of adding deltas) is what makes an update replace what it updates: a second article about a
 * layoff changes a member, it never adds one, so no headcount is ever counted twice.
 *
 * <p>Sums run over members sorted by announcement id, so the doubles are the same whatever order
 * the members arrived in.
 */
public final class WindowAggregate {

  /** How many of the largest announcements a window lists. */
  public static final int LARGEST = 3;

  private static final Comparator<Member> BY_ID = Comparator.comparing(Member::announcementId);
  private static final Comparator<Member> BY_HEADCOUNT_DESC =
      Comparator.comparing(Member::headcount, Comparator.reverseOrder()).thenComparing(Member::announcementId);

  private WindowAggregate() {
  }

  /** Whether every member is settled (an empty window is). */
  public static boolean allSettled(Collection<Member> members) {
    return members.stream().allMatch(Member::settled);
  }

  public static ReactionWindow of(
      WindowDimension dimension, String value, CalendarWindow window, Collection<Member> members,
      WindowStatus status, Instant asOf) {
    List<Member> sorted = new ArrayList<>(members);
    sorted.sort(BY_ID);

    long totalHeadcount = 0;
    int withHeadcount = 0;
    double weightedSum = 0;
    long weights = 0;
    List<Double> car01 = new ArrayList<>();
    List<Double> car05 = new ArrayList<>();
    int negative = 0;
    for (Member m : sorted) {
      if (m.headcount() != null) {
        totalHeadcount += m.headcount();
        withHeadcount++;
        if (m.car05() != null) {
          weightedSum += m.headcount() * m.car05();
          weights += m.headcount();
        }
      }
      if (m.car01() != null) {
        car01.add(m.car01());
        if (m.car01() < 0) {
          negative++;
        }
      }
      if (m.car05() != null) {
        car05.add(m.car05());
      }
    }

    List<WindowMember> largest = sorted.stream()
        .filter(m -> m.headcount() != null)
        .sorted(BY_HEADCOUNT_DESC)
        .limit(LARGEST)
        .map(m -> WindowMember.newBuilder()
            .setAnnouncementId(m.announcementId())
            .setCompany(m.company())
            .setTicker(m.ticker())
            .setHeadcount(m.headcount())
            .build())
        .toList();

    return ReactionWindow.newBuilder()
        .setDimension(dimension)
        .setDimensionValue(value)
        .setPeriod(window.period())
        .setWindowStart(window.startInstant())
        .setWindowEnd(window.endInstant())
        .setStatus(status)
        .setAnnouncementCount(sorted.size())
        .setTotalHeadcount(totalHeadcount)
        .setWithHeadcount(withHeadcount)
        .setReactionCount(car01.size())
        .setMeanCar0P1(mean(car01))
        .setMedianCar0P1(median(car01))
        .setMeanCar0P5(mean(car05))
        .setMedianCar0P5(median(car05))
        .setNegativeCar0P1Share(car01.isEmpty() ? null : (double) negative / car01.size())
        .setHeadcountWeightedCar0P5(weights == 0 ? null : weightedSum / weights)
        .setLargest(new ArrayList<>(largest))
        .setAsOf(asOf)
        .build();
  }

  static Double mean(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
