package dev.layoffsignals.localkafka;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A stand-in for a parent process that dies: starts a child broker, prints its pid, and waits to be
 * killed. Run by {@link ChildProcessKafkaIntegrationTest} as a separate JVM, so the test can kill -9 it.
 */
public final class DyingParentMain {

  static final String CHILD_PID_PREFIX = "child-pid=";

  private DyingParentMain() {}

  public static void main(String[] args) throws IOException {
    LocalKafka kafka = LocalKafka.startChildProcess(Path.of(args[0]));
    System.out.println(CHILD_PID_PREFIX + kafka.pid());
    System.out.flush();
    // block until killed; the broker is deliberately never closed
    while (System.in.read() >= 0) {
      // ignore input
    }
  }
}
