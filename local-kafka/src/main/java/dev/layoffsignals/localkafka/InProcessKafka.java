package dev.layoffsignals.localkafka;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker running inside this JVM: the fastest to start, sharing this JVM's heap and SLF4J logging.
 *
 * <p>Kafka's threads are not daemons: a test that does not {@link #close()} it keeps the JVM alive.
 * Use try-with-resources or an {@code @AfterAll}. Kafka also treats some internal faults (a corrupt
 * metadata log, say) as fatal and halts the JVM it runs in; for a broker that must not take its
 * caller down with it, use {@link ChildProcessKafka}. {@link #pid()} is this JVM's: do not kill it.
 */
public final class InProcessKafka extends AbstractLocalKafka {

  private static final Logger LOG = LoggerFactory.getLogger(InProcessKafka.class);

  private final RaftServerLifecycle server;

  private InProcessKafka(PreparedBroker broker, RaftServerLifecycle server) {
    super(broker);
    this.server = server;
  }

  static InProcessKafka start(LocalKafkaSettings settings) {
    long startNanos = System.nanoTime();
    PreparedBroker broker = PreparedBroker.prepare(settings);
    Map<String, String> brokerConfig = broker.brokerConfig();

    RaftServerLifecycle server = RaftServerLifecycle.create(brokerConfig);
    try {
      server.startup();
    } catch (RuntimeException e) {
      String message =
          "Kafka broker failed to start on "
              + brokerConfig.get("listeners")
              + " in "
              + broker.workDirectory().root()
              + ": "
              + rootCause(e);
      throw PortInUseException.isBindFailure(e)
          ? new PortInUseException(message, e)
          : new LocalKafkaException(message, e);
    }
    try {
      BrokerReadiness.await(
          BrokerProperties.HOST, broker.brokerPort(), settings.startTimeout(), () -> true);
    } catch (RuntimeException | Error notReady) {
      try {
        server.stop();
      } catch (RuntimeException | Error shutdownFailure) {
        notReady.addSuppressed(shutdownFailure);
      }
      throw notReady;
    }
    LOG.info(
        "In-process Kafka broker ready at {} in {} ms (work dir {})",
        broker.bootstrapServers(),
        (System.nanoTime() - startNanos) / 1_000_000,
        broker.workDirectory().root());
    return new InProcessKafka(broker, server);
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }

  @Override
  public long pid() {
    return ProcessHandle.current().pid();
  }

  /** Graceful shutdown, waiting until every broker and controller thread has finished. */
  @Override
  public void close() {
    if (firstStop()) {
      server.stop();
      LOG.info("In-process Kafka broker at {} stopped", bootstrapServers());
    }
  }

  @Override
  public String toString() {
    return "InProcessKafka[" + bootstrapServers() + ", " + workDir() + "]";
  }
}
