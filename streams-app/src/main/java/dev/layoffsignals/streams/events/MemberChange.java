package dev.layoffsignals.streams.events;

import dev.layoffsignals.streams.windows.Member;
import dev.layoffsignals.streams.windows.WindowRef;
import java.time.Instant;
import java.util.Objects;

/**
 * An announcement joined a window or changed in it ({@code member != null}), or left it.
 *
 * @param asOf event time of the member's latest state: its reaction's as-of, or its latest source
 */
public record MemberChange(WindowRef window, String announcementId, Member member, Instant asOf)
    implements ReactOutput, WindowEvent {

  public MemberChange {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(announcementId, "announcementId");
    if (member != null) {
      Objects.requireNonNull(asOf, "asOf");
    }
  }

  public static MemberChange left(WindowRef window, String announcementId) {
    return new MemberChange(window, announcementId, null, null);
  }
}
