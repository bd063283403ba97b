package dev.layoffsignals.streams.events;

/** What the reaction processor consumes: closes, the clock, and announcement changes from deduplication. */
public sealed interface ReactInput permits Close, Watermark, AnnouncementChange {
}
