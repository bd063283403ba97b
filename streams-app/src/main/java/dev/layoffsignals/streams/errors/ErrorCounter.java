package dev.layoffsignals.streams.errors;

/**
 * Counts records sent to the error topics, by category and source topic. The metrics registry
 * of the application plugs in here; the topology and the handlers only count.
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

  void count(ErrorCategory category, String sourceTopic);
}
