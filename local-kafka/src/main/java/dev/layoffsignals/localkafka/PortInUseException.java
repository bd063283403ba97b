package dev.layoffsignals.localkafka;

/**
 * The broker could not bind one of its ports. When local-kafka chose both ports itself, another
 * process took one between the choice and the bind; the builder then retries on fresh ports.
 */
public class PortInUseException extends LocalKafkaException {

  private static final long serialVersionUID = 1L;

  public PortInUseException(String message, Throwable cause) {
    super(message, cause);
  }

  static boolean isBindFailure(Throwable failure) {
    for (Throwable cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }
}
