package dev.layoffsignals.streams.ingest;

import dev.layoffsignals.streams.errors.ErrorCategory;
import dev.layoffsignals.streams.events.TickerEvent;
import java.util.Objects;

/** The outcome of reading one input record: an event for the topology, or a rejection. */
public sealed interface Ingested permits Ingested.Accepted, Ingested.Rejected, Ingested.Read {

  /** An event to route by its record key (ticker, or {@code ~company}). */
  record Accepted(TickerEvent event) implements Ingested {
    public Accepted {
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * A valid record that gives no event (a TRADE tick, an article without layoffs): nothing to
   * route, but it moved stream time, which the watermark must know.
   */
  record Read() implements Ingested {
  }

  /** The original bytes, for late-records or dead-letters; the reason travels in the record's headers. */
  record Rejected(ErrorCategory category, byte[] rawKey, byte[] rawValue) implements Ingested {
    public Rejected {
      Objects.requireNonNull(category, "category");
    }
  }
}
