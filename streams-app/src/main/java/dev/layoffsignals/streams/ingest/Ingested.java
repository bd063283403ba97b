package dev.layoffsignals.streams.ingest;

import dev.layoffsignals.streams.errors.ErrorCategory;
import dev.layoffsignals.streams.events.TickerEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;

/** The outcome of reading one input record: a valid record, an event for the topology, or a rejection. */
public sealed interface Ingested permits Ingested.Read, Ingested.Accepted, Ingested.Rejected {

  /**
   * A valid input record, on its way to the task's input clock, which sends it to late-records or
   * passes its events on.
   *
   * @param eventTime when it happened (a heartbeat: its watermark)
   * @param events    its events, each with its routing key; possibly none (a TRADE tick, an
   *                  article without layoffs, a heartbeat)
   * @param vouched   a heartbeat's offsets per input topic (see {@code time.InputClock}); empty otherwise
   * @param rawKey    the original key bytes, for late-records
   * @param rawValue  the original value bytes, for late-records
   * @param validator the ingest processor that read it: the node named on a rejection of its events
   */
  record Read(long eventTime, Events events, Map<String, Long> vouched, byte[] rawKey, byte[] rawValue, String validator)
      implements Ingested {
    public Read {
      Objects.requireNonNull(events, "events");
      Objects.requireNonNull(vouched, "vouched");
      Objects.requireNonNull(validator, "validator");
    }
  }

  /**
   * The events of a valid record, worked out only when it is not late (an article goes through
   * the extractor then, and only then).
   */
  @FunctionalInterface
  interface Events {
    /** @throws InvalidRecordException when the record gives an impossible event */
    List<KeyValue<String, TickerEvent>> get() throws InvalidRecordException;
  }

  /** An event to route by its record key (ticker, or {@code ~company}). */
  record Accepted(TickerEvent event) implements Ingested {
    public Accepted {
      Objects.requireNonNull(event, "event");
    }
  }

  /** The original bytes, for late-records or dead-letters; the reason travels in the record's headers. */
  record Rejected(ErrorCategory category, byte[] rawKey, byte[] rawValue) implements Ingested {
    public Rejected {
      Objects.requireNonNull(category, "category");
    }
  }
}
