package dev.layoffsignals.eventstudy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reference run: the {@link EventStudy} over all closes at once, as the streaming topology
 * must end up after it has seen the same closes in any order. With all the data, a reaction is
 * FINAL or INCOMPLETE unless its window runs past the end of the data (then PROVISIONAL, as the
 * topology would also say).
 */
public final class BatchEventStudy {

  private final EventStudy eventStudy;

  public BatchEventStudy(EventStudyParameters parameters) {
    this.eventStudy = new EventStudy(parameters);
  }

  /** The reaction to one announcement, from every close of the symbol and of the benchmark. */
  public Optional<Reaction> reaction(Instant announcedAt, Collection<DailyClose> symbolCloses,
      Collection<DailyClose> benchmarkCloses) {
    return eventStudy.evaluate(announcedAt, CloseHistory.ofAll(symbolCloses), CloseHistory.ofAll(benchmarkCloses));
  }

  /**
   * The reactions to several announcements of one symbol, in the order of {@code announcements};
   * an announcement without a reaction (no day 0 in the data, or no symbol close on day -1) is
   * left out.
   */
  public List<Reaction> reactions(List<Instant> announcements, Collection<DailyClose> symbolCloses,
      Collection<DailyClose> benchmarkCloses) {
    Objects.requireNonNull(announcements, "announcements");
    CloseHistory symbol = CloseHistory.ofAll(symbolCloses);
    CloseHistory benchmark = CloseHistory.ofAll(benchmarkCloses);
    List<Reaction> reactions = new ArrayList<>();
    for (Instant announcedAt : announcements) {
      eventStudy.evaluate(announcedAt, symbol, benchmark).ifPresent(reactions::add);
    }
    return List.copyOf(reactions);
  }
}
