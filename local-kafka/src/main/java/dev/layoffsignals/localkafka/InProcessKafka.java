package dev.layoffsignals.localkafka;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
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
public final class InProcessKafka implements LocalKafka {

  private static final Logger LOG = LoggerFactory.getLogger(InProcessKafka.class);

  private final LocalKafkaSettings settings;
  private final WorkDirectory workDirectory;
  private final Map<String, String> brokerConfig;
  private final RaftServerLifecycle server;
  private final int brokerPort;
  private final int controllerPort;
  private final AtomicBoolean closed = new AtomicBoolean();

  private InProcessKafka(
      LocalKafkaSettings settings,
      WorkDirectory workDirectory,
      Map<String, String> brokerConfig,
      RaftServerLifecycle server,
      int brokerPort,
      int controllerPort) {
    this.settings = settings;
    this.workDirectory = workDirectory;
    this.brokerConfig = brokerConfig;
    this.server = server;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  static InProcessKafka start(LocalKafkaSettings settings) {
    long startNanos = System.nanoTime();
    int[] ports = FreePorts.resolve(settings.brokerPort(), settings.controllerPort());
    WorkDirectory workDirectory = WorkDirectory.prepare(settings.workDir(), !settings.keepData());
    Map<String, String> brokerConfig =
        Collections.unmodifiableMap(
            BrokerProperties.singleNode(
                workDirectory.dataDir(), ports[0], ports[1], settings.overrides()));
    BrokerProperties.write(brokerConfig, workDirectory.serverProperties());

    RaftServerLifecycle server = RaftServerLifecycle.create(brokerConfig);
    try {
      server.startup();
    } catch (RuntimeException e) {
      String message =
          "Kafka broker failed to start on "
              + brokerConfig.get("listeners")
              + " in "
              + workDirectory.root()
              + ": "
              + rootCause(e);
      throw PortInUseException.isBindFailure(e)
          ? new PortInUseException(message, e)
          : new LocalKafkaException(message, e);
    }
    String bootstrapServers = BrokerProperties.bootstrapServers(ports[0]);
    try {
      BrokerReadiness.await(BrokerProperties.HOST, ports[0], settings.startTimeout(), () -> true);
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
        bootstrapServers,
        (System.nanoTime() - startNanos) / 1_000_000,
        workDirectory.root());
    return new InProcessKafka(settings, workDirectory, brokerConfig, server, ports[0], ports[1]);
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }

  @Override
  public String bootstrapServers() {
    return BrokerProperties.bootstrapServers(brokerPort);
  }

  @Override
  public int brokerPort() {
    return brokerPort;
  }

  @Override
  public int controllerPort() {
    return controllerPort;
  }

  @Override
  public Path workDir() {
    return workDirectory.root();
  }

  @Override
  public Map<String, String> brokerConfig() {
    return brokerConfig;
  }

  @Override
  public long pid() {
    return ProcessHandle.current().pid();
  }

  @Override
  public LocalKafkaBuilder builderForRestart() {
    return LocalKafkaBuilder.from(settings.forRestart(brokerPort, controllerPort));
  }

  /** Graceful shutdown, waiting until every broker and controller thread has finished. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop();
      LOG.info("In-process Kafka broker at {} stopped", bootstrapServers());
    }
  }

  @Override
  public String toString() {
    return "InProcessKafka[" + bootstrapServers() + ", " + workDirectory.root() + "]";
  }
}
