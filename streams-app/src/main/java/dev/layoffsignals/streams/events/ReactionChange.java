package dev.layoffsignals.streams.events;

import dev.layoffsignals.schemas.MarketReaction;
import java.util.Objects;

/** A new state of one announcement's reaction, or ({@code reaction == null}) its removal. */
public record ReactionChange(String announcementId, MarketReaction reaction) implements ReactOutput {

  public ReactionChange {
    Objects.requireNonNull(announcementId, "announcementId");
  }
}
