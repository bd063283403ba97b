package dev.layoffsignals.streams.events;

/**
 * What travels on the {@code ticker-events} repartition topic, keyed by ticker (or by company for
 * reports without one): session closes, single-source layoff reports, and the watermarks of the
 * tasks that wrote them.
 */
public sealed interface TickerEvent permits Close, Report, Watermark {
}
