package dev.layoffsignals.streams.windows;

import dev.layoffsignals.schemas.ReactionWindow;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One open window: its members (by announcement id) and the aggregate last emitted for it.
 *
 * @param lastEmitted the record last sent to reaction-windows, or null
 */
public record WindowState(WindowRef ref, Map<String, Entry> members, ReactionWindow lastEmitted) {

  public WindowState {
    Objects.requireNonNull(ref, "ref");
    members = new TreeMap<>(members);
  }

  /** A member and the event time of its state. */
  public record Entry(Member member, Instant asOf) {
    public Entry {
      Objects.requireNonNull(member, "member");
      Objects.requireNonNull(asOf, "asOf");
    }
  }

  public static WindowState empty(WindowRef ref) {
    return new WindowState(ref, Map.of(), null);
  }

  /** This state with a member added, replaced, or (entry null) removed. */
  public WindowState with(String announcementId, Entry entry) {
    TreeMap<String, Entry> next = new TreeMap<>(members);
    if (entry == null) {
      next.remove(announcementId);
    } else {
      next.put(announcementId, entry);
    }
    return new WindowState(ref, next, lastEmitted);
  }

  public WindowState emitted(ReactionWindow record) {
    return new WindowState(ref, members, record);
  }

  /** The latest as-of of the members: when the window last changed, as far as its data tell. */
  public Instant asOf() {
    Instant latest = null;
    for (Entry e : members.values()) {
      if (latest == null || e.asOf().isAfter(latest)) {
        latest = e.asOf();
      }
    }
    return latest;
  }
}
