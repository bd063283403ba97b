package dev.layoffsignals.localkafka;

/** A local broker could not be started or stopped; the message says what was waited for and what was seen. */
public class LocalKafkaException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LocalKafkaException(String message) {
    super(message);
  }

  public LocalKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
