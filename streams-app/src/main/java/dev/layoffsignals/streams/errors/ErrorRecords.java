package dev.layoffsignals.streams.errors;

import dev.layoffsignals.topics.ErrorHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers that say where a record on an error topic came from and why it is there. */
public final class ErrorRecords {

  private ErrorRecords() {
  }

  /**
   * The original headers, followed by the error headers (UTF-8). An exception class is added when
   * there is one.
   */
  public static Headers headers(Headers original, ErrorCategory category, String reason, Exception exception,
      String topic, int partition, long offset, String processor) {
    RecordHeaders headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
    add(headers, ErrorHeaders.REASON, reason == null ? "(no message)" : reason);
    add(headers, ErrorHeaders.CATEGORY, category.name());
    if (exception != null) {
      add(headers, ErrorHeaders.EXCEPTION, exception.getClass().getName());
    }
    if (topic != null) {
      add(headers, ErrorHeaders.SOURCE_TOPIC, topic);
      add(headers, ErrorHeaders.SOURCE_PARTITION, Integer.toString(partition));
      add(headers, ErrorHeaders.SOURCE_OFFSET, Long.toString(offset));
    }
    if (processor != null) {
      add(headers, ErrorHeaders.PROCESSOR, processor);
    }
    return headers;
  }

  /** The reason an exception gives, with its cause's when it wraps one. */
  public static String reason(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message = message + ": " + cause.getMessage();
    }
    return message;
  }

  private static void add(RecordHeaders headers, String key, String value) {
    headers.remove(key); // a record re-published after a fix must not carry its old reasons twice
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
