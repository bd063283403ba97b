package dev.layoffsignals.reliability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Bounded waits on a condition, polled; a timeout fails with what was waited for and the last state seen. */
final class Await {

  static final Duration POLL = Duration.ofMillis(200);

  /** A condition that may throw (a Kafka admin call, an HTTP request). */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws Exception;
  }

  private Await() {
  }

  /**
   * Polls {@code condition} every {@link #POLL} until it holds; fails after {@code timeout} with
   * {@code what} and {@code state} (called once, for the message).
   */
  static void until(String what, Duration timeout, Condition condition, Supplier<String> state) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.holds()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Waited " + timeout + " for " + what + "; last state: " + state.get());
      }
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis()); // the polling interval of a bounded wait
    }
  }

  static void until(String what, Duration timeout, Condition condition) throws Exception {
    until(what, timeout, condition, () -> "(not reported)");
  }
}
