package dev.layoffsignals.streams.reaction;

import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.streams.windows.Member;
import dev.layoffsignals.streams.windows.WindowRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An announcement whose reaction or window membership may still change, with what was last
 * emitted for it, so that only changes are emitted and a retraction can undo them.
 *
 * @param lastReaction the reaction last sent to market-reactions, or null
 * @param lastMembership the windows it was last sent to as a member, with that member state, or null
 */
public record OpenAnnouncement(LayoffAnnouncement announcement, MarketReaction lastReaction, Membership lastMembership) {

  public OpenAnnouncement {
    Objects.requireNonNull(announcement, "announcement");
  }

  public String id() {
    return announcement.getAnnouncementId();
  }

  public OpenAnnouncement withAnnouncement(LayoffAnnouncement updated) {
    return new OpenAnnouncement(updated, lastReaction, lastMembership);
  }

  /** Membership of one announcement in its windows. */
  public record Membership(List<WindowRef> windows, Member member, Instant asOf) {
    public Membership {
      windows = List.copyOf(windows);
      Objects.requireNonNull(member, "member");
      Objects.requireNonNull(asOf, "asOf");
    }
  }
}
