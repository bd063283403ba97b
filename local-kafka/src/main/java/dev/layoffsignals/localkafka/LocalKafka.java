package dev.layoffsignals.localkafka;

import java.nio.file.Path;
import java.util.Map;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one node) for local runs, the demo
 * and tests, built from Kafka's own server code rather than a container so that it starts in seconds
 * and needs nothing but a JVM.
 *
 * <p>Every instance returned here is <em>ready</em>: an Admin client has seen the broker in the
 * cluster metadata. It listens on {@code 127.0.0.1} only. Its work directory is wiped at start
 * unless {@link LocalKafkaBuilder#keepData(boolean) keepData} is set, and never deleted by
 * {@link #close()}, so a stopped broker can be inspected or restarted on the same data.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.startInProcess(tempDir)) {
 *     props.put("bootstrap.servers", kafka.bootstrapServers());
 *     ...
 * }
 * }</pre>
 */
public interface LocalKafka extends AutoCloseable {

  /** A broker inside this JVM, on free ports, in a freshly wiped {@code workDir}. The fast choice for tests. */
  static LocalKafka startInProcess(Path workDir) {
    return builder().workDir(workDir).startInProcess();
  }

  /** As {@link #startInProcess(Path)}, with broker properties that replace the defaults. */
  static LocalKafka startInProcess(Path workDir, Map<String, String> brokerOverrides) {
    return builder().workDir(workDir).overrides(brokerOverrides).startInProcess();
  }

  /**
   * A broker in a child JVM, on free ports, in a freshly wiped {@code workDir}. The child exits when
   * this JVM dies, and it can be killed without taking the caller down: the choice for the demo and
   * crash tests.
   */
  static LocalKafka startChildProcess(Path workDir) {
    return builder().workDir(workDir).startChildProcess();
  }

  /** As {@link #startChildProcess(Path)}, with broker properties that replace the defaults. */
  static LocalKafka startChildProcess(Path workDir, Map<String, String> brokerOverrides) {
    return builder().workDir(workDir).overrides(brokerOverrides).startChildProcess();
  }

  /** All options: fixed ports, keeping data, timeouts, the child's heap, java binary and classpath. */
  static LocalKafkaBuilder builder() {
    return new LocalKafkaBuilder();
  }

  /** {@code 127.0.0.1:<brokerPort>}, for {@code bootstrap.servers}. */
  String bootstrapServers();

  /** The port of the client (PLAINTEXT) listener. */
  int brokerPort();

  /** The port of the KRaft controller listener. */
  int controllerPort();

  /** The work directory: {@code server.properties}, {@code data/} and, for a child, {@code broker.log}. */
  Path workDir();

  /** The effective broker properties, defaults with the overrides applied, sorted by key; unmodifiable. */
  Map<String, String> brokerConfig();

  /** The id of the process that runs the broker: this JVM's own when in-process. */
  long pid();

  /**
   * A builder for the same broker again: same work directory, ports, overrides and options, with
   * {@code keepData(true)}. Start it after {@link #close()} (or after killing a child) to restart.
   */
  LocalKafkaBuilder builderForRestart();

  /**
   * Stops the broker gracefully, waiting for it within the close timeout; idempotent. Deletes nothing.
   */
  @Override
  void close();
}
