package dev.layoffsignals.producers;

/** Input that cannot be used: a malformed record under --strict, or a missing or unreadable file. Exit code 2. */
public final class BadInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
