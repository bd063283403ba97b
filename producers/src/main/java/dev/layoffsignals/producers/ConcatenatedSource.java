package dev.layoffsignals.producers;

import java.io.IOException;

/**
 * Sources read one after the other, each opened only when the one before it is exhausted and
 * closed, so that a run over many files holds one of them open at a time. A subclass says what
 * comes next, and whose counters the whole reports.
 */
public abstract class ConcatenatedSource implements EventSource {

  private EventSource current;

  /** The next source to read, or null when there is none left. */
  protected abstract EventSource openNext() throws IOException;

  /** The source being read; null before the first is opened and after the last is exhausted. */
  protected final EventSource current() {
    return current;
  }

  @Override
  public final Event next() throws IOException {
    while (true) {
      if (current != null) {
        Event e = current.next();
        if (e != null) {
          return e;
        }
        current.close();
        current = null;
      }
      current = openNext();
      if (current == null) {
        return null;
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
    }
  }
}
