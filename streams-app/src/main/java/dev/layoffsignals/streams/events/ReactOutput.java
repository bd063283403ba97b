package dev.layoffsignals.streams.events;

/**
 * What the reaction processor emits: announcement changes (to layoff-announcements), reaction
 * changes (to market-reactions), window membership changes and the clock (to window-members).
 */
public sealed interface ReactOutput permits AnnouncementChange, ReactionChange, MemberChange, Watermark {
}
