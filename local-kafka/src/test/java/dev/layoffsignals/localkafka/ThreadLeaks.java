package dev.layoffsignals.localkafka;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Non-daemon threads, which keep a JVM alive: what a stopped broker must not leave behind. */
final class ThreadLeaks {

  private ThreadLeaks() {}

  static Set<Thread> liveNonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && !thread.isDaemon())
        .collect(Collectors.toSet());
  }

  /**
   * The names of non-daemon threads alive now that were not in {@code before}, after waiting up to
   * {@code timeout} for them to finish (a thread may still be on its way out when shutdown returns).
   */
  static Set<String> newNonDaemonThreads(Set<Thread> before, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<Thread> leaked = leaked(before);
    while (!leaked.isEmpty() && System.nanoTime() < deadline) {
      leaked.iterator().next().join(50);
      leaked = leaked(before);
    }
    return leaked.stream().map(Thread::getName).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<Thread> leaked(Set<Thread> before) {
    Set<Thread> now = liveNonDaemonThreads();
    now.removeAll(before);
    return now;
  }
}
