package dev.layoffsignals.streams.app;

/** The broker's topics do not fit the topology: missing, or inputs with unequal partition counts. */
public final class InputTopicsException extends RuntimeException {

  public InputTopicsException(String message) {
    super(message);
  }
}
