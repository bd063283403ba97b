package dev.layoffsignals.streams.errors;

import dev.layoffsignals.serde.SchemaRegistryException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A schema registry that gives no usable answer is not bad input.
 *
 * <p>A record whose writer schema the serde has not cached yet cannot be read while the registry
 * is down (no response, or a 5xx after the serde's bounded retries, {@code max.retries} and
 * {@code retries.wait.ms}). Sending it to {@code dead-letters} would commit it as consumed: a good
 * record lost to an outage. So the exception handlers answer FAIL for such failures: the stream
 * thread stops, its exactly-once transaction is aborted, nothing read since the last commit counts
 * as consumed, and the records are read again by whoever runs the task next, once the registry
 * answers. Only two answers of the registry are about the record itself: the schema id is not
 * found (error code 40403), or the id names a schema that is not valid Avro. Those go to
 * {@code dead-letters} as before.
 *
 * <p>The handlers are created by Kafka Streams from class names; they find the instance of this
 * class the application runs with in the Streams configuration under {@link #CONFIG}, and note
 * each outage there, so whoever runs the instance (the {@code streams} command) can tell a stop
 * caused by the registry from any other failure, wait for the registry and start again.
 */
public final class RegistryOutage {

  /** Key of the instance in the Kafka Streams configuration map. */
  public static final String CONFIG = "layoff.signals.registry.outage";

  private final AtomicReference<String> last = new AtomicReference<>();

  /**
   * The registry failure behind {@code exception}, when it says nothing about the record: no
   * answer, a 5xx, an answer that is not the registry's (a proxy's 404, bad credentials, invalid
   * JSON). Empty when there is no registry failure in the causes, or when the registry answered
   * about the record (unknown schema id, a schema that is not valid Avro).
   */
  public static Optional<SchemaRegistryException> of(Throwable exception) {
    int depth = 0;
    for (Throwable t = exception; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof SchemaRegistryException e) {
        return aboutTheRecord(e) ? Optional.empty() : Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The registry answered, and the answer is about the schema id the record carries. */
  static boolean aboutTheRecord(SchemaRegistryException e) {
    return e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND
        || (e.httpStatus() == 200 && e.errorCode() == SchemaRegistryException.INVALID_SCHEMA);
  }

  /** Notes an outage that failed a stream thread. */
  public void failed(String where, SchemaRegistryException cause) {
    last.set(where + ": " + cause.getMessage());
  }

  /** The last outage noted since {@link #clear()}, if any. */
  public Optional<String> last() {
    return Optional.ofNullable(last.get());
  }

  public void clear() {
    last.set(null);
  }
}
