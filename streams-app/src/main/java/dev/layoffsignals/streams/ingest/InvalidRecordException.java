package dev.layoffsignals.streams.ingest;

/**
 * Thrown by {@link IngestRules#events} when turning a valid-looking record into events shows that
 * it is impossible after all (an extractor value the schema has no symbol for): the record goes to
 * dead-letters as INVALID, like any other validation failure.
 */
public final class InvalidRecordException extends RuntimeException {

  public InvalidRecordException(String reason) {
    super(reason, null, false, false);
  }
}
