package dev.layoffsignals.localkafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Node;

/**
 * Waits until a broker answers clients, with real requests rather than a sleep.
 *
 * <p>First the port must accept a TCP connection (a plain socket, because an Admin client logs a
 * warning for every refused connection while a child JVM is still booting). Then ready means: the
 * broker is in the cluster metadata it serves (a KRaft broker lists itself only once the controller
 * has unfenced it, i.e. it can lead partitions) and a second metadata request succeeds. Each attempt
 * is short, so that a child process that died is noticed within a second.
 */
final class BrokerReadiness {

  private static final Duration ATTEMPT = Duration.ofSeconds(1);
  private static final long POLL_INTERVAL_MS = 50;

  private BrokerReadiness() {}

  /**
   * @param running false once the broker can no longer become ready (its process exited)
   * @throws LocalKafkaException when {@code running} turns false or the timeout passes
   */
  static void await(String host, int port, Duration timeout, BooleanSupplier running) {
    String bootstrapServers = host + ":" + port;
    Deadline deadline = new Deadline(bootstrapServers, timeout, running);
    try {
      awaitListening(host, port, deadline);
      awaitMetadata(bootstrapServers, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalKafkaException(
          "Interrupted while waiting for the Kafka broker at " + bootstrapServers, e);
    }
  }

  private static void awaitListening(String host, int port, Deadline deadline)
      throws InterruptedException {
    while (true) {
      int attemptMs = deadline.nextAttemptMs("the broker port to accept connections");
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), attemptMs);
        return;
      } catch (IOException e) {
        deadline.lastFailure = e;
      }
      Thread.sleep(POLL_INTERVAL_MS);
    }
  }

  private static void awaitMetadata(String bootstrapServers, Deadline deadline)
      throws InterruptedException {
    try (Admin admin = Admin.create(adminConfig(bootstrapServers))) {
      while (true) {
        int attemptMs =
            deadline.nextAttemptMs("the broker to be listed by describeCluster and for listTopics");
        try {
          Collection<Node> nodes =
              admin
                  .describeCluster(new DescribeClusterOptions().timeoutMs(attemptMs))
                  .nodes()
                  .get();
          if (nodes.stream().anyMatch(node -> node.id() == BrokerProperties.NODE_ID)) {
            admin
                .listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(attemptMs))
                .names()
                .get();
            return;
          }
          deadline.lastFailure =
              new IllegalStateException(
                  "describeCluster listed " + nodes + ", not node " + BrokerProperties.NODE_ID);
        } catch (ExecutionException e) {
          deadline.lastFailure = e.getCause();
        }
        // between attempts that failed fast (broker still fenced): poll, do not spin
        Thread.sleep(POLL_INTERVAL_MS);
      }
    }
  }

  private static Properties adminConfig(String bootstrapServers) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-readiness");
    config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
    config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
    config.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50");
    config.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "200");
    return config;
  }

  /** The overall bound, the liveness check and the last failure seen, shared by both phases. */
  private static final class Deadline {
    private final String bootstrapServers;
    private final Duration timeout;
    private final BooleanSupplier running;
    private final long deadlineNanos;
    private Throwable lastFailure;

    Deadline(String bootstrapServers, Duration timeout, BooleanSupplier running) {
      this.bootstrapServers = bootstrapServers;
      this.timeout = timeout;
      this.running = running;
      this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /** Milliseconds for the next attempt, or an exception saying what was waited for. */
    int nextAttemptMs(String waitingFor) {
      if (!running.getAsBoolean()) {
        throw new LocalKafkaException(
            "Kafka broker at "
                + bootstrapServers
                + " stopped before it was ready"
                + " (waiting for "
                + waitingFor
                + ")",
            lastFailure);
      }
      long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      if (remainingMs <= 0) {
        throw new LocalKafkaException(
            "Kafka broker at "
                + bootstrapServers
                + " was not ready within "
                + timeout
                + " (waited for "
                + waitingFor
                + ")"
                + (lastFailure == null ? "" : "; last error: " + lastFailure),
            lastFailure);
      }
      return (int) Math.min(remainingMs, ATTEMPT.toMillis());
    }
  }
}
