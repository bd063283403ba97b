package dev.layoffsignals.localkafka;

import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * Formats, starts and stops Kafka's {@link KafkaRaftServer}; shared by the in-process broker and the
 * child JVM's main.
 *
 * <p>Kafka's threads are not daemons, so a server that fails half-way through {@code startup()} (a
 * port in use, say) would keep its controller threads and the JVM alive: a failed start is always
 * followed by a shutdown here, before the failure is rethrown. Kafka also ignores a shutdown that
 * arrives while it is starting, after which waiting for the shutdown hangs; so start and stop are
 * serialised: a stop during startup waits for the startup to end, then shuts down.
 */
final class RaftServerLifecycle {

  private final KafkaRaftServer server;
  private boolean startupBegan; // guarded by this
  private boolean stopped; // guarded by this

  private RaftServerLifecycle(KafkaRaftServer server) {
    this.server = server;
  }

  /** Formats the storage if needed and creates the server, not yet started (no threads yet). */
  static RaftServerLifecycle create(Map<String, String> brokerConfig) {
    KafkaConfig config = KafkaConfig.fromProps(BrokerProperties.toProperties(brokerConfig), false);
    StorageFormatter.formatIfNeeded(config);
    return new RaftServerLifecycle(new KafkaRaftServer(config, Time.SYSTEM));
  }

  /**
   * Starts controller and broker, returning once the broker is registered and unfenced; on failure
   * shuts both down, then rethrows.
   *
   * @throws IllegalStateException if {@link #stop()} came first
   */
  synchronized void startup() {
    if (stopped) {
      throw new IllegalStateException("The Kafka server was stopped before it started");
    }
    startupBegan = true;
    try {
      server.startup();
    } catch (RuntimeException | Error failure) {
      try {
        stop();
      } catch (RuntimeException | Error shutdownFailure) {
        failure.addSuppressed(shutdownFailure);
      }
      throw failure;
    }
  }

  /** Graceful shutdown (broker, then controller), waiting for it; only the first call does anything. */
  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (startupBegan) {
      server.shutdown();
      server.awaitShutdown();
    }
  }

  /** Blocks until the server has shut down, for a main thread that has nothing else to do. */
  void awaitShutdown() {
    server.awaitShutdown();
  }
}
