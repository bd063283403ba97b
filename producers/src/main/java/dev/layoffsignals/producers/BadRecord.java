package dev.layoffsignals.producers;

/**
 * Why one record cannot be used; caught by the source that parses it and turned into a
 * {@link Rejection}. Carries no stack trace: it is an expected outcome of parsing, not a bug.
 */
public final class BadRecord extends Exception {

  private static final long serialVersionUID = 1L;

  public BadRecord(String reason) {
    super(reason, null, false, false);
  }
}
