package dev.layoffsignals.producers;

import picocli.CommandLine.Option;

/**
 * Whether a producing command ends with a heartbeat (see {@link Heartbeats}): the option every
 * producing command shares, {@code --heartbeat} / {@code --no-heartbeat}. Each command has its own
 * default: {@code replay} sends one, the others only when asked.
 */
public final class HeartbeatOptions {

  @Option(names = "--heartbeat", negatable = true,
      description = "At the end, send a heartbeat (watermark: the largest event time published) to every partition"
          + " of the heartbeats topic, so the pipeline's clock also moves on partitions that got no data."
          + " Default: on for replay, off for the other commands.")
  Boolean enabled;

  /** Whether heartbeats are on, given the command's default. */
  boolean enabled(boolean byDefault) {
    return enabled == null ? byDefault : enabled;
  }

  /** Whether the user said {@code --no-heartbeat}. */
  boolean disabledExplicitly() {
    return Boolean.FALSE.equals(enabled);
  }
}
