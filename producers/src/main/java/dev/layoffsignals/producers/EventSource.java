package dev.layoffsignals.producers;

import java.io.Closeable;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * A parsed input: yields typed events with their event time, one at a time, and hands malformed
 * records to a {@link Rejects}. No Kafka here: sources are pure parsing and can be tested, merged
 * and counted without a broker.
 */
public interface EventSource extends Closeable {

  /** The input's counters (and its name for reports). */
  InputStats stats();

  /**
   * The next event, or null when the input is exhausted.
   *
   * @throws IOException when the input cannot be read (not for malformed records: those are rejected)
   * @throws BadInputException when a record is malformed and the rejects are strict
   */
  Event next() throws IOException;

  /** Whether events come in non-decreasing event time by construction (no sorting needed to merge). */
  default boolean timeOrdered() {
    return false;
  }

  /** How many events the source will yield, when known in advance (for the progress bar). */
  default OptionalLong expectedEvents() {
    return OptionalLong.empty();
  }

  @Override
  default void close() throws IOException {
  }
}
