package dev.layoffsignals.streams.errors;

import dev.layoffsignals.topics.ErrorHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;

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

  /** Kafka's default {@code max.request.size}: the most Kafka Streams' producer sends unless configured otherwise. */
  static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;
  /** What a copy leaves of {@code max.request.size} for Kafka's framing and the error headers it gets. */
  static final int FRAMING_BYTES = 4096;
  /** A key longer than this is left out with the value of a copy too large to send. */
  static final int MAX_KEPT_KEY_BYTES = 1024;

  /**
   * The most bytes Kafka Streams' producer sends in one record: {@code producer.max.request.size},
   * else {@code max.request.size}, else Kafka's default (1 MB).
   */
  public static int maxRequestSize(Map<String, ?> configs) {
    Object value = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
    if (value == null) {
      value = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    }
    return value == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(value.toString().trim());
  }

  /**
   * Whether a copy of this key, value and headers can be sent to an error topic. Under exactly-once
   * a record the producer refuses as too large fails the transaction, so the task, and again after
   * every restart, whatever the exception handlers answer: such a copy must never be sent. An input
   * record can be that large: a producer allowed more may write it compressed.
   */
  public static boolean fits(byte[] key, byte[] value, Headers headers, int maxRequestSize) {
    long size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length) + FRAMING_BYTES;
    if (headers != null) {
      for (Header h : headers) {
        size += h.key().length() + (h.value() == null ? 0 : h.value().length);
      }
    }
    return size <= maxRequestSize;
  }

  /** The reason of a copy written without its value (and without a key longer than {@value #MAX_KEPT_KEY_BYTES} bytes). */
  public static String withoutBytes(String reason, byte[] key, byte[] value, int maxRequestSize) {
    long bytes = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    return reason + "; written without its value" + (keptKey(key) == null && key != null ? " and key" : "") + ": its "
        + bytes + " bytes are more than Kafka Streams' producer sends (max.request.size " + maxRequestSize + ")";
  }

  /** The key a copy without its value keeps: the key itself unless it is long. */
  public static byte[] keptKey(byte[] key) {
    return key != null && key.length <= MAX_KEPT_KEY_BYTES ? key : null;
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
