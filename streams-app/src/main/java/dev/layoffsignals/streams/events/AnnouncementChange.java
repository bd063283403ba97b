package dev.layoffsignals.streams.events;

import dev.layoffsignals.schemas.LayoffAnnouncement;
import java.util.Objects;

/**
 * A deduplicated announcement that is new or changed, or ({@code announcement == null}) that no
 * longer exists because its reports now form another announcement.
 *
 * @param routingKey the ticker, or {@code ~company} for announcements without one
 */
public record AnnouncementChange(String routingKey, String announcementId, LayoffAnnouncement announcement)
    implements ReactInput, ReactOutput {

  public AnnouncementChange {
    Objects.requireNonNull(routingKey, "routingKey");
    Objects.requireNonNull(announcementId, "announcementId");
  }

  public boolean retracted() {
    return announcement == null;
  }
}
