package dev.layoffsignals.registry;

/** A store that could not read or write; the HTTP layer answers 500 with error code 50001. */
public class SchemaStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SchemaStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
