package dev.layoffsignals.streams.errors;

/**
 * Counts what became of the input records, by source topic: sent to an error topic (by category),
 * or processed. The metrics registry of the application plugs in here; the topology and the
 * handlers only count.
 *
 * <p>Every record read from an input topic is counted exactly once: {@link #count} when it goes to
 * late-records or dead-letters (LATE, INVALID, DESERIALIZATION, or PROCESSING when the ingest
 * processor or a processor of the input sub-topology after it failed on it), {@link #countProcessed}
 * otherwise. So for every input topic, records read = processed + every category of rejected.
 *
 * <p>The exception handlers are created by Kafka Streams from class names, so they find the
 * counter in the Streams configuration under {@link #CONFIG} (an instance, not a class name).
 */
@FunctionalInterface
public interface ErrorCounter {

  /** Key of the counter instance in the Kafka Streams configuration map. */
  String CONFIG = "layoff.signals.error.counter";

  /** Counts nothing. */
  ErrorCounter NONE = (category, topic) -> { };

  /** A record sent to an error topic. */
  void count(ErrorCategory category, String sourceTopic);

  /**
   * A record of an input topic that passed ingest: readable, valid and in time, its events (none for
   * a TRADE tick or an article without layoffs) passed on. Counts nothing unless overridden.
   */
  default void countProcessed(String sourceTopic) {
  }
}
