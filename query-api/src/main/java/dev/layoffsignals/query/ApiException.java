package dev.layoffsignals.query;

import java.util.OptionalInt;

/**
 * A request that ends with an error status and a message for the caller: the server writes it as
 * {@code {"instance": ..., "error": message}} with that status (and {@code Retry-After} for 503).
 */
final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Seconds a client should wait before retrying a 503. */
  public static final int RETRY_AFTER_SECONDS = 2;

  private final int status;
  private final OptionalInt retryAfterSeconds;

  private ApiException(int status, String message, OptionalInt retryAfterSeconds) {
    super(message);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Any other status, without {@code Retry-After} (404 and 405 from the router, 500). */
  static ApiException of(int status, String message) {
    return status == 503 ? unavailable(message) : new ApiException(status, message, OptionalInt.empty());
  }

  /** 400: a parameter is missing, unknown or malformed; the message names it and what is expected. */
  public static ApiException badRequest(String message) {
    return new ApiException(400, message, OptionalInt.empty());
  }

  /** 404: nothing at that path or with that key. */
  public static ApiException notFound(String message) {
    return new ApiException(404, message, OptionalInt.empty());
  }

  /** 503: not answerable now (not running, rebalancing, an owner out of reach); worth retrying. */
  public static ApiException unavailable(String message) {
    return new ApiException(503, message, OptionalInt.of(RETRY_AFTER_SECONDS));
  }

  public int status() {
    return status;
  }

  public OptionalInt retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
