package dev.layoffsignals.topics;

/**
 * Header names on {@link Topics#DEAD_LETTERS} and {@link Topics#LATE_RECORDS}. The original key
 * and value bytes are kept as they were; these headers say where they came from and why they are
 * here. Values are UTF-8 strings.
 */
public final class ErrorHeaders {

  /** Human-readable reason, e.g. the deserializer's message. */
  public static final String REASON = "error.reason";
  /** Machine-readable category: DESERIALIZATION, PROCESSING, LATE, INVALID. */
  public static final String CATEGORY = "error.category";
  /** Class name of the exception, when there was one. */
  public static final String EXCEPTION = "error.exception";
  /** Topic, partition and offset the record was read from. */
  public static final String SOURCE_TOPIC = "error.source.topic";
  public static final String SOURCE_PARTITION = "error.source.partition";
  public static final String SOURCE_OFFSET = "error.source.offset";
  /** Processor node that rejected the record. */
  public static final String PROCESSOR = "error.processor";

  private ErrorHeaders() {
  }
}
