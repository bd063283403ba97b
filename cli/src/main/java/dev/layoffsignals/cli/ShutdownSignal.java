package dev.layoffsignals.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM, for a command that runs until stopped: a shutdown hook that signals the
 * command and then holds the JVM until the command has closed what it started (the JVM halts
 * when its hooks return). Closing it releases the hook, or removes it when no signal came.
 */
final class ShutdownSignal implements AutoCloseable {

  private final CountDownLatch signalled = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread hook;
  private volatile Runnable onSignal = () -> { };

  private ShutdownSignal(String name) {
    hook = new Thread(() -> {
      signalled.countDown();
      onSignal.run();
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
  }

  static ShutdownSignal install(String name) {
    ShutdownSignal signal = new ShutdownSignal(name);
    Runtime.getRuntime().addShutdownHook(signal.hook);
    return signal;
  }

  /** Runs {@code action} on the signal too (to wake a command waiting on something else). */
  void onSignal(Runnable action) {
    onSignal = action;
  }

  boolean received() {
    return signalled.getCount() == 0;
  }

  void await() throws InterruptedException {
    signalled.await();
  }

  /** Waits at most {@code timeout}; true when the signal came. */
  boolean await(Duration timeout) throws InterruptedException {
    return signalled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Everything is closed: lets a running hook return, or removes the hook that was not needed. */
  @Override
  public void close() {
    closed.countDown();
    if (!received()) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already shutting down: the hook runs and finds everything closed
      }
    }
  }
}
