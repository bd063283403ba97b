package dev.layoffsignals.cli;

import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.WindowDimension;
import dev.layoffsignals.schemas.WindowPeriod;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the demo prints once the replay is processed: the announcements whose share price moved
 * most (|CAR[0,+1]|) and the market-wide monthly aggregates of the last twelve months of data.
 */
final class DemoSummary {

  static final int TOP = 15;
  static final int MONTHS = 12;
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private DemoSummary() {
  }

  /** The reactions with the largest |CAR[0,+1]|, largest first (ties by announcement id). */
  static List<MarketReaction> largestMoves(Collection<MarketReaction> reactions) {
    return reactions.stream()
        .filter(r -> r.getCar0P1() != null)
        .sorted(Comparator.comparingDouble((MarketReaction r) -> -Math.abs(r.getCar0P1()))
            .thenComparing(MarketReaction::getAnnouncementId))
        .limit(TOP)
        .toList();
  }

  /** The market-wide monthly windows of the last {@value #MONTHS} months that have any, oldest first. */
  static List<ReactionWindow> lastMonths(Collection<ReactionWindow> windows) {
    List<ReactionWindow> monthly = windows.stream()
        .filter(w -> w.getDimension() == WindowDimension.MARKET && w.getPeriod() == WindowPeriod.MONTH)
        .sorted(Comparator.comparing(ReactionWindow::getWindowStart))
        .toList();
    return monthly.subList(Math.max(0, monthly.size() - MONTHS), monthly.size());
  }

  static void print(PrintWriter out, Collection<MarketReaction> reactions, Collection<ReactionWindow> windows) {
    out.printf("%nThe %d announcements with the largest |CAR[0,+1]| (abnormal return vs the benchmark, day 0 and +1):%n", TOP);
    out.printf("  %-24s %-6s %-10s %9s %10s %10s %10s  %s%n",
        "company", "ticker", "day 0", "headcount", "day-0 ret", "CAR[0,+1]", "CAR[0,+5]", "status");
    for (MarketReaction r : largestMoves(reactions)) {
      out.printf("  %-24s %-6s %-10s %9s %10s %10s %10s  %s%n",
          truncate(r.getCompany(), 24), r.getTicker(), r.getDay0(),
          r.getHeadcount() == null ? "-" : String.format(Locale.ROOT, "%,d", r.getHeadcount()),
          percent(r.getDay0Return()), percent(r.getCar0P1()), percent(r.getCar0P5()), r.getStatus());
    }
    out.printf("%nMarket-wide, by month (the last %d months of data):%n", MONTHS);
    out.printf("  %-7s %13s %10s %9s %14s %14s %10s  %s%n",
        "month", "announcements", "headcount", "reactions", "mean CAR[0,+1]", "median", "negative", "status");
    for (ReactionWindow w : lastMonths(windows)) {
      LocalDate month = LocalDate.ofInstant(w.getWindowStart(), NEW_YORK);
      out.printf("  %-7s %13d %10s %9d %14s %14s %10s  %s%n",
          month.toString().substring(0, 7), w.getAnnouncementCount(), String.format(Locale.ROOT, "%,d", w.getTotalHeadcount()),
          w.getReactionCount(), percent(w.getMeanCar0P1()), percent(w.getMedianCar0P1()),
          w.getNegativeCar0P1Share() == null ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * w.getNegativeCar0P1Share()),
          w.getStatus());
    }
    out.flush();
  }

  /** {@code +5.18 %}; {@code -} when unknown. */
  static String percent(Double fraction) {
    return fraction == null || !Double.isFinite(fraction) ? "-" : String.format(Locale.ROOT, "%+.2f %%", 100 * fraction);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
