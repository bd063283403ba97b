package dev.layoffsignals.localkafka;

import java.io.IOException;
import java.io.InputStream;

/**
 * Notices that the parent process is gone: the parent keeps the child's standard input open and
 * never writes to it, so end-of-stream (or a read error) means the parent closed it or died, even by
 * {@code kill -9}, which no shutdown hook of the parent would survive.
 */
final class ParentWatchdog {

  private ParentWatchdog() {}

  /** Starts a daemon thread that runs {@code onParentGone} once {@code parentPipe} ends. */
  static Thread start(InputStream parentPipe, Runnable onParentGone) {
    Thread thread =
        new Thread(
            () -> {
              try {
                byte[] ignored = new byte[256];
                while (parentPipe.read(ignored) >= 0) {
                  // anything the parent writes is ignored; only the end of the stream matters
                }
              } catch (IOException e) {
                // a broken pipe is the parent going away too
                System.err.println(
                    "local-kafka: standard input failed (" + e + "); treating the parent as gone");
              }
              onParentGone.run();
            },
            "local-kafka-parent-watchdog");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
