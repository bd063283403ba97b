package dev.layoffsignals.localkafka;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code layoff-signals broker}: a local single-node Kafka broker in this JVM until Ctrl-C.
 *
 * <p>Ctrl-C runs a shutdown hook that stops the broker gracefully and waits for it, so a kept work
 * directory ({@code --keep}) restarts without log recovery.
 */
@Command(name = "broker", description = "Run a local single-node Kafka broker (KRaft) until Ctrl-C")
public final class BrokerCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--work-dir",
      defaultValue = "./.layoff-signals/kafka",
      description =
          "Config, data and logs of the broker (default: ${DEFAULT-VALUE}); wiped at start unless --keep")
  Path workDir;

  @Option(
      names = "--port",
      defaultValue = "9092",
      description =
          "Port of the client listener on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port)")
  int port;

  @Option(
      names = "--controller-port",
      defaultValue = "0",
      description = "Port of the KRaft controller listener on 127.0.0.1 (default: any free port)")
  int controllerPort;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--keep",
      description =
          "Keep the topics and records of the previous run: do not wipe the work directory")
  boolean keep;

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch ctrlC = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    // the JVM halts as soon as its shutdown hooks return: the hook waits until the broker is closed
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ctrlC.countDown();
                  try {
                    stopped.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "broker-command-shutdown"));
    try {
      return runUntil(ctrlC, kafka -> {});
    } finally {
      stopped.countDown();
    }
  }

  /** Starts the broker, reports it, and closes it once {@code stop} is released. */
  int runUntil(CountDownLatch stop, Consumer<LocalKafka> onReady) throws InterruptedException {
    try (LocalKafka kafka =
        LocalKafka.builder()
            .workDir(workDir)
            .brokerPort(port)
            .controllerPort(controllerPort)
            .keepData(keep)
            .startInProcess()) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Kafka broker ready: bootstrap.servers=" + kafka.bootstrapServers());
      out.println(
          "Work directory: " + kafka.workDir() + (keep ? " (data kept)" : " (wiped at start)"));
      out.println("Press Ctrl-C to stop.");
      out.flush();
      onReady.accept(kafka);
      stop.await();
      out.println("Stopping the Kafka broker...");
      out.flush();
    }
    return 0;
  }
}
