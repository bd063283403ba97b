package dev.layoffsignals.producers;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on the error stream, redrawn at most four times a second: records so far,
 * rate, and, when the total is known, percentage and ETA; then the count per topic.
 */
public final class Progress {

  private static final long REDRAW_NANOS = 250_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private long lastDraw;
  private long total = -1;
  private boolean drawn;

  public Progress(PrintWriter err, boolean enabled, LongSupplier nanoTime) {
    this.err = err;
    this.enabled = enabled;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    this.lastDraw = startNanos;
  }

  public void expect(OptionalLong totalEvents) {
    total = totalEvents.orElse(-1);
  }

  /** Called per record; cheap unless a redraw is due. */
  public void update(long done, Map<String, long[]> perTopic) {
    if (!enabled || (done & 1023) != 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    draw(done, perTopic, now);
  }

  /** Draws the final state and ends the line. */
  public void finish(long done, Map<String, long[]> perTopic) {
    if (!enabled) {
      return;
    }
    draw(done, perTopic, nanoTime.getAsLong());
    err.println();
    err.flush();
  }

  private void draw(long done, Map<String, long[]> perTopic, long now) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    double rate = done / seconds;
    StringBuilder sb = new StringBuilder("\r");
    if (total > 0) {
      double f = Math.min(1.0, (double) done / total);
      int width = 24;
      int filled = (int) Math.round(f * width);
      sb.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
      sb.append(String.format(Locale.ROOT, "%5.1f%% %,d/%,d", f * 100, done, total));
      long eta = rate > 0 ? (long) ((total - done) / rate) : -1;
      sb.append(String.format(Locale.ROOT, "  %,.0f/s  ETA %s", rate, eta < 0 ? "?" : duration(eta)));
    } else {
      sb.append(String.format(Locale.ROOT, "%,d records  %,.0f/s  %s elapsed", done, rate, duration((long) seconds)));
    }
    perTopic.forEach((t, n) -> sb.append(String.format(Locale.ROOT, "  %s %,d", t, n[0])));
    sb.append("   ");
    err.print(sb);
    err.flush();
    drawn = true;
  }

  static String duration(long seconds) {
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
  }

  boolean drawn() {
    return drawn;
  }
}
