package dev.layoffsignals.localkafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the two broker kinds share once started: where the broker listens, its work directory and
 * configuration, how to restart it, and the guard that makes stopping it happen once.
 *
 * <p>Only how the broker runs (a thread group here, a child JVM there) and how it stops differ, so
 * a subclass implements {@link #pid()} and {@link #close()}, and nothing it reports can drift
 * between the two.
 */
abstract class AbstractLocalKafka implements LocalKafka {

  private final PreparedBroker broker;
  private final AtomicBoolean closed = new AtomicBoolean();

  AbstractLocalKafka(PreparedBroker broker) {
    this.broker = broker;
  }

  @Override
  public final String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  public final int brokerPort() {
    return broker.brokerPort();
  }

  @Override
  public final int controllerPort() {
    return broker.controllerPort();
  }

  @Override
  public final Path workDir() {
    return broker.workDirectory().root();
  }

  @Override
  public final Map<String, String> brokerConfig() {
    return broker.brokerConfig();
  }

  @Override
  public final LocalKafkaBuilder builderForRestart() {
    return LocalKafkaBuilder.from(
        broker.settings().forRestart(broker.brokerPort(), broker.controllerPort()));
  }

  final LocalKafkaSettings settings() {
    return broker.settings();
  }

  final WorkDirectory workDirectory() {
    return broker.workDirectory();
  }

  /**
   * True for the first call only: the stop that wins it does the work, so {@code close()} is
   * idempotent and a close after a kill does nothing.
   */
  final boolean firstStop() {
    return closed.compareAndSet(false, true);
  }
}
