package dev.layoffsignals.streams.reaction;

import dev.layoffsignals.eventstudy.CloseHistory;
import dev.layoffsignals.eventstudy.EventStudy;
import dev.layoffsignals.eventstudy.Reaction;
import dev.layoffsignals.eventstudy.SessionCalendar;
import dev.layoffsignals.schemas.AnnouncementSource;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.streams.dedup.SameLayoffRule;
import dev.layoffsignals.streams.events.MemberChange;
import dev.layoffsignals.streams.events.ReactOutput;
import dev.layoffsignals.streams.events.ReactionChange;
import dev.layoffsignals.streams.windows.Member;
import dev.layoffsignals.streams.windows.WindowRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one open announcement amounts to, given the closes known and the clock: its reaction, its
 * window memberships, and whether it is settled. A function of its arguments (it only remembers
 * the last record it built per announcement, to build it again only when its inputs change): the
 * reaction processor calls it after every change, and emits what differs from what it emitted
 * before.
 *
 * <p>Settled means no input still to come can change anything, because every input that could
 * is older than the clock (every upstream task has passed it by the grace):
 * <ul>
 *   <li>the announcement itself: no report can join it once the clock is past
 *       {@link SameLayoffRule#closedFrom};</li>
 *   <li>a reaction the event study calls FINAL or INCOMPLETE: the clock is past its as-of, the
 *       last close that decided it;</li>
 *   <li>no reaction but a day 0: the clock is past the close of day 0 (a close of day -1 would be
 *       older);</li>
 *   <li>no day 0, and no benchmark session before the announcement: none can come, since the
 *       clock is past the announcement.</li>
 * </ul>
 * Only a settled reaction is published FINAL or INCOMPLETE; until then it is PROVISIONAL, so a
 * FINAL record is the same whatever the order, speed or parallelism of the input.
 */
public final class AnnouncementEvaluator {

  private static final int MAX_REMEMBERED = 100_000;

  private final EventStudy study;
  private final String benchmark;
  /**
   * Per announcement, the last {@code MarketReaction} built and what it was built from. Most
   * evaluations change nothing, or only the reaction's as-of; building the record and comparing
   * it field by field with the last one (Avro's generic equals) was a fifth of the evaluation's
   * cost (docs/benchmarks.md). Keyed by the announcement instance itself: a new version of it
   * always builds anew. Forgotten when the announcement settles or is retracted.
   */
  private final Map<String, Built> lastBuilt = new HashMap<>();

  private record Built(LayoffAnnouncement announcement, Reaction reaction, ReactionStatus status, MarketReaction record) {
  }

  public AnnouncementEvaluator(EventStudy study) {
    this.study = study;
    this.benchmark = study.parameters().benchmarkSymbol();
  }

  /**
   * @param next the state to keep, or null when the announcement is settled and leaves the store
   * @param outputs the reaction and membership changes to emit, in this order
   * @param settlesAt for an announcement not settled: the earliest clock at which it would be,
   *     with the same closes ({@link Long#MAX_VALUE} when only more closes can settle it). Until
   *     the clock reaches it, evaluating the announcement again without new closes changes nothing.
   */
  public record Outcome(OpenAnnouncement next, List<ReactOutput> outputs, long settlesAt) {
    public boolean settled() {
      return next == null;
    }
  }

  /**
   * @param symbolCloses the ticker's closes (empty when it has none or no ticker)
   * @param clock the task's clock, epoch ms; {@link dev.layoffsignals.streams.time.WatermarkTracker#NONE} settles nothing
   */
  public Outcome evaluate(OpenAnnouncement open, CloseHistory benchmarkCloses, CloseHistory symbolCloses, long clock) {
    LayoffAnnouncement a = open.announcement();
    Instant announcedAt = a.getAnnouncedAt();
    Optional<LocalDate> day0 = SessionCalendar.of(benchmarkCloses).dayZero(announcedAt);
    Optional<Reaction> reaction = a.getTicker() == null
        ? Optional.empty()
        : study.evaluate(announcedAt, symbolCloses, benchmarkCloses);

    // settled once the clock is at or past settlesAt: every condition is "clock >= t" or "clock > t"
    long fixedFrom = SameLayoffRule.closedFrom(announcedAt).toEpochMilli();
    long settlesAt;
    if (reaction.isPresent()) {
      Reaction r = reaction.get();
      settlesAt = r.status() == Reaction.Status.PROVISIONAL ? Long.MAX_VALUE : Math.max(fixedFrom, r.asOf().toEpochMilli() + 1);
    } else if (day0.isPresent()) {
      settlesAt = Math.max(fixedFrom, SessionCalendar.closeOf(day0.get()).toEpochMilli() + 1);
    } else {
      settlesAt = noSessionBefore(benchmarkCloses, announcedAt) ? Math.max(fixedFrom, announcedAt.toEpochMilli() + 1) : Long.MAX_VALUE;
    }
    boolean settled = clock >= settlesAt;

    List<ReactOutput> outputs = new ArrayList<>();
    MarketReaction published = reaction
        .map(r -> record(a, r, settled ? Reactions.settledStatus(r) : ReactionStatus.PROVISIONAL, open.lastReaction()))
        .orElse(null);
    if (published != open.lastReaction() && !Objects.equals(published, open.lastReaction())) {
      outputs.add(new ReactionChange(open.id(), published));
    }

    OpenAnnouncement.Membership membership = day0
        .map(d -> new OpenAnnouncement.Membership(
            WindowRef.of(d, a.getTicker(), a.getSector()),
            new Member(open.id(), a.getCompany(), a.getTicker(), a.getHeadcount(),
                reaction.flatMap(r -> optional(r.car0P1())).orElse(null),
                reaction.flatMap(r -> optional(r.car0P5())).orElse(null),
                settled),
            reaction.map(Reaction::asOf).orElseGet(() -> latestSource(a))))
        .orElse(null);
    outputs.addAll(membershipChanges(open.id(), open.lastMembership(), membership));

    if (settled) {
      lastBuilt.remove(open.id());
    }
    return new Outcome(settled ? null : new OpenAnnouncement(a, published, membership), outputs, settlesAt);
  }

  /**
   * The record of a reaction: the one built last time for the same inputs, else a new one, or
   * {@code last} itself when equal to it (so that the next comparisons stop at identity).
   */
  private MarketReaction record(LayoffAnnouncement a, Reaction reaction, ReactionStatus status, MarketReaction last) {
    Built built = lastBuilt.get(a.getAnnouncementId());
    if (built != null && built.announcement() == a && built.status() == status && built.reaction().equals(reaction)) {
      return built.record();
    }
    MarketReaction record = Reactions.toRecord(a, reaction, status, benchmark);
    if (record.equals(last)) {
      record = last;
    }
    if (lastBuilt.size() >= MAX_REMEMBERED) {
      lastBuilt.clear(); // announcements that never settled here (moved to another key): start over
    }
    lastBuilt.put(a.getAnnouncementId(), new Built(a, reaction, status, record));
    return record;
  }

  /** Forgets what was built for an announcement that no longer exists. */
  public void forget(String announcementId) {
    lastBuilt.remove(announcementId);
  }

  /** What undoes everything emitted for an announcement that no longer exists. */
  public static List<ReactOutput> retraction(OpenAnnouncement open) {
    List<ReactOutput> outputs = new ArrayList<>();
    if (open.lastReaction() != null) {
      outputs.add(new ReactionChange(open.id(), null));
    }
    outputs.addAll(membershipChanges(open.id(), open.lastMembership(), null));
    return outputs;
  }

  static List<ReactOutput> membershipChanges(String id, OpenAnnouncement.Membership before,
      OpenAnnouncement.Membership after) {
    List<ReactOutput> changes = new ArrayList<>();
    if (before != null) {
      for (WindowRef ref : before.windows()) {
        if (after == null || !after.windows().contains(ref)) {
          changes.add(MemberChange.left(ref, id));
        }
      }
    }
    if (after != null) {
      // a member whose figures did not change (its reaction only moved in time: a benchmark close
      // before the symbol's, a session past day +5) re-emits nothing; its windows' as-of moves with
      // its next change, at the latest when it settles, so a FINAL window is the same either way
      boolean sameState = before != null && before.member().equals(after.member());
      for (WindowRef ref : after.windows()) {
        if (!sameState || !before.windows().contains(ref)) {
          changes.add(new MemberChange(ref, id, after.member(), after.asOf()));
        }
      }
    }
    return changes;
  }

  /** Whether the benchmark has no session whose close is before {@code instant}. */
  static boolean noSessionBefore(CloseHistory benchmarkCloses, Instant instant) {
    return benchmarkCloses.isEmpty()
        || !SessionCalendar.closeOf(benchmarkCloses.dateAt(0)).isBefore(instant);
  }

  /** Event time of the latest source: when the announcement last changed, as far as its data tell. */
  static Instant latestSource(LayoffAnnouncement a) {
    Instant latest = a.getAnnouncedAt();
    for (AnnouncementSource s : a.getSources()) {
      if (s.getPublishedAt().isAfter(latest)) {
        latest = s.getPublishedAt();
      }
    }
    return latest;
  }

  private static Optional<Double> optional(OptionalDouble d) {
    return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
  }
}
