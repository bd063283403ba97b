package dev.layoffsignals.producers;

/** A heartbeat could not be sent, or not to every partition: the command exits 1. */
public final class HeartbeatFailedException extends RuntimeException {

  public HeartbeatFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
