package dev.layoffsignals.streams.errors;

/** Why a record went to an error topic; the value of the {@code error.category} header. */
public enum ErrorCategory {
  /** The bytes could not be read as the topic's type (dead-letters). */
  DESERIALIZATION,
  /** A processor failed on the record (dead-letters). */
  PROCESSING,
  /** Older than stream time minus the grace period (late-records). */
  LATE,
  /** Readable, but its content is impossible: a price that is not positive, a date out of range... (dead-letters). */
  INVALID
}
