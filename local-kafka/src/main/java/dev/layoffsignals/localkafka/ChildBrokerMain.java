package dev.layoffsignals.localkafka;

import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of a child broker JVM started by {@link ChildProcessKafka}:
 * {@code java -cp ... ChildBrokerMain <server.properties>}.
 *
 * <p>It formats the storage when needed, starts the broker and runs until either a signal (SIGTERM,
 * Ctrl-C), or its standard input ends, which is how it follows its parent out: see
 * {@link ParentWatchdog}. Both go through the same shutdown hook, a graceful shutdown of the broker.
 * Exit codes: 0 when standard input ended, 128 + n after signal n (143 for SIGTERM), 1 when the
 * broker failed to start, 2 on bad arguments.
 */
public final class ChildBrokerMain {

  private static final Logger LOG = LoggerFactory.getLogger(ChildBrokerMain.class);

  private ChildBrokerMain() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println(
          "usage: java -cp <classpath> "
              + ChildBrokerMain.class.getName()
              + " <server.properties>");
      System.exit(2);
      return;
    }
    // first of all: a parent that gave up on us while we boot must not leave us running
    ParentWatchdog.start(
        System.in,
        () -> {
          LOG.info("Parent process closed standard input; shutting down the broker");
          System.exit(0);
        });
    Map<String, String> brokerConfig = BrokerProperties.read(Path.of(args[0]));
    RaftServerLifecycle server;
    try {
      server = RaftServerLifecycle.create(brokerConfig);
    } catch (RuntimeException e) {
      exitOnStartFailure(e);
      return;
    }
    // registered before startup, so that a parent dying mid-start still stops the broker cleanly
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "local-kafka-shutdown"));
    try {
      server.startup();
    } catch (RuntimeException e) {
      exitOnStartFailure(e);
      return;
    }
    LOG.info("Kafka broker started: listeners {}", brokerConfig.get("listeners"));
    server.awaitShutdown();
  }

  private static void exitOnStartFailure(RuntimeException e) {
    LOG.error("Kafka broker failed to start", e);
    // also on stderr, in case the classpath has no SLF4J binding and the log above went nowhere
    System.err.println("local-kafka: Kafka broker failed to start: " + causeChain(e));
    System.exit(1);
  }

  private static String causeChain(Throwable e) {
    StringBuilder chain = new StringBuilder(e.toString());
    for (Throwable cause = e.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      chain.append(" <- caused by ").append(cause);
    }
    return chain.toString();
  }
}
