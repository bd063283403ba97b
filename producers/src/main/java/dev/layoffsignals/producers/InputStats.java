package dev.layoffsignals.producers;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one input (a file, a directory, a feed, standard input, the synthetic generator).
 *
 * <p>{@code read}, {@code rejected}, {@code events} and {@code skipped} are counted by the thread
 * that reads the input; {@code published} and {@code failed} by the producer's I/O thread, hence
 * the adders. Invariant at the end of a complete run: every record read is either rejected or
 * became events, and every event is skipped (outside --from/--to/--symbols), published or failed.
 */
public final class InputStats {

  private final String name;
  private long read;
  private long rejected;
  private long events;
  private long skipped;
  private final LongAdder published = new LongAdder();
  private final LongAdder failed = new LongAdder();

  public InputStats(String name) {
    this.name = name;
  }

  /** How the input is named in reports: a path, {@code <stdin>}, {@code synthetic(...)}. */
  public String name() {
    return name;
  }

  /** One record (line, row, feed item, file) was read. */
  public void countRead() {
    read++;
  }

  void countRejected() {
    rejected++;
  }

  /** An event was produced from a record. */
  public void countEvent() {
    events++;
  }

  /**
   * An event counted by its source was refused by a later stage (the replay refuses an event that
   * goes back in time in an input that must be in time order); it then counts as rejected, via
   * {@link Rejects}, and no longer as an event.
   */
  public void retractEvent() {
    events--;
  }

  /** An event was left out by a filter (--from, --to, --symbols). */
  public void countSkipped() {
    skipped++;
  }

  void countPublished() {
    published.increment();
  }

  void countFailed() {
    failed.increment();
  }

  public long read() {
    return read;
  }

  public long rejected() {
    return rejected;
  }

  public long events() {
    return events;
  }

  public long skipped() {
    return skipped;
  }

  public long published() {
    return published.sum();
  }

  public long failed() {
    return failed.sum();
  }

  @Override
  public String toString() {
    return name + "[read=" + read + ", rejected=" + rejected + ", events=" + events + ", skipped=" + skipped
        + ", published=" + published() + ", failed=" + failed() + "]";
  }
}
