package dev.layoffsignals.streams.events;

/**
 * A promise from one upstream task: no record it sends from now on derives from input whose event
 * time is before {@code time}. The upstream's {@code source} is its partition number; the
 * downstream's clock is the minimum over all upstream tasks (see
 * {@link dev.layoffsignals.streams.time.WatermarkTracker}).
 *
 * @param source partition (task) number of the sender
 * @param time epoch milliseconds
 */
public record Watermark(int source, long time) implements TickerEvent, ReactInput, ReactOutput, WindowEvent {
}
