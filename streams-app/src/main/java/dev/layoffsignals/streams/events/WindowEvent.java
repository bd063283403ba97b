package dev.layoffsignals.streams.events;

/** What travels on the {@code window-members} repartition topic, keyed by window. */
public sealed interface WindowEvent permits MemberChange, Watermark {
}
