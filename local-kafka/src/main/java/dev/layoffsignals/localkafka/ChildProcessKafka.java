package dev.layoffsignals.localkafka;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker in a child JVM ({@link ChildBrokerMain}), for the demo and crash tests: it has its own heap
 * and can be killed without taking the caller down.
 *
 * <p>This JVM holds the child's standard input open and never writes to it; the child exits when it
 * ends, so it cannot outlive its parent, however the parent dies. The child's output goes to
 * {@code broker.log} in the work directory, whose tail is in the exception when the child fails to start.
 */
public final class ChildProcessKafka extends AbstractLocalKafka {

  private static final Logger LOG = LoggerFactory.getLogger(ChildProcessKafka.class);
  private static final int LOG_TAIL_LINES = 40;
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  private static final String LOG_HEADER = "---- local-kafka: starting child broker at ";

  /** The JDK's message for a java.net.BindException, as the child logs it. */
  private static final String BIND_FAILURE_TEXT = "Address already in use";

  private final Process process;

  private ChildProcessKafka(PreparedBroker broker, Process process) {
    super(broker);
    this.process = process;
  }

  static ChildProcessKafka start(LocalKafkaSettings settings) {
    long startNanos = System.nanoTime();
    PreparedBroker broker = PreparedBroker.prepare(settings);
    WorkDirectory workDirectory = broker.workDirectory();

    String classpath = settings.classpath().orElseGet(EffectiveClasspath::ofThisJvm);
    Path java = settings.javaExecutable().orElseGet(ChildCommandLine::defaultJava);
    List<String> command =
        ChildCommandLine.command(
            java,
            ChildCommandLine.jvmArguments(settings, classpath, workDirectory.serverProperties()),
            workDirectory.childArgs());
    Path log = workDirectory.childLog();
    appendLogHeader(log, command);

    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(workDirectory.root().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
    } catch (IOException e) {
      throw new LocalKafkaException("Could not launch the child broker JVM: " + command, e);
    }

    ChildProcessKafka kafka = new ChildProcessKafka(broker, process);
    try {
      BrokerReadiness.await(
          BrokerProperties.HOST, broker.brokerPort(), settings.startTimeout(), process::isAlive);
    } catch (RuntimeException notReady) {
      // never leave a child behind that the caller has no handle on
      try {
        kafka.stopProcess(Duration.ofSeconds(5));
      } catch (RuntimeException stopFailure) {
        notReady.addSuppressed(stopFailure);
      }
      String exit = process.isAlive() ? "still running" : "exit code " + process.exitValue();
      String tail = LogTail.of(log, LOG_TAIL_LINES);
      String message =
          notReady.getMessage()
              + " (child pid "
              + process.pid()
              + ", "
              + exit
              + "). Last lines of "
              + log
              + ":"
              + System.lineSeparator()
              + tail;
      throw thisRun(tail).contains(BIND_FAILURE_TEXT)
          ? new PortInUseException(message, notReady)
          : new LocalKafkaException(message, notReady);
    }
    LOG.info(
        "Child-process Kafka broker ready at {} in {} ms (pid {}, work dir {})",
        kafka.bootstrapServers(),
        (System.nanoTime() - startNanos) / 1_000_000,
        process.pid(),
        workDirectory.root());
    return kafka;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  /** The child JVM, e.g. to watch it exit ({@code onExit()}) or check it is alive. */
  public ProcessHandle processHandle() {
    return process.toHandle();
  }

  /** The child's combined stdout and stderr. */
  public Path logFile() {
    return workDirectory().childLog();
  }

  /**
   * Kills the child at once (SIGKILL, like {@code kill -9}): no graceful shutdown, unflushed data is
   * lost, as in a crash. Waits until the process is gone; afterwards {@link #close()} does nothing.
   */
  public void kill() {
    if (firstStop()) {
      process.destroyForcibly();
      awaitExit(KILL_WAIT, "after SIGKILL");
      closeStdin();
      LOG.info("Child-process Kafka broker pid {} killed", process.pid());
    }
  }

  /**
   * Graceful stop: closes the child's standard input, on which it shuts the broker down and exits;
   * after the close timeout, SIGTERM, then SIGKILL. Idempotent; deletes nothing.
   */
  @Override
  public void close() {
    if (firstStop()) {
      stopProcess(settings().closeTimeout());
      LOG.info(
          "Child-process Kafka broker at {} stopped (pid {}, exit code {})",
          bootstrapServers(),
          process.pid(),
          process.exitValue());
    }
  }

  private void stopProcess(Duration gracePeriod) {
    closeStdin();
    if (waitFor(gracePeriod)) {
      return;
    }
    LOG.warn(
        "Child broker pid {} did not stop within {} after its standard input closed; sending SIGTERM",
        process.pid(),
        gracePeriod);
    process.destroy();
    if (waitFor(Duration.ofSeconds(5))) {
      return;
    }
    LOG.warn("Child broker pid {} ignored SIGTERM; killing it", process.pid());
    process.destroyForcibly();
    awaitExit(KILL_WAIT, "after SIGKILL");
  }

  private void closeStdin() {
    try {
      OutputStream stdin = process.getOutputStream();
      stdin.close();
    } catch (IOException e) {
      // the pipe is already broken when the child died first; the child is gone either way
      LOG.debug("Closing the child broker's standard input failed: {}", e.toString());
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new LocalKafkaException(
          "Interrupted while waiting for child broker pid " + process.pid() + " to exit; killed it",
          e);
    }
  }

  private void awaitExit(Duration timeout, String when) {
    if (!waitFor(timeout)) {
      throw new LocalKafkaException(
          "Child broker pid " + process.pid() + " still running " + timeout + " " + when);
    }
  }

  /** The part of a log tail written by the latest start, so an earlier run's failure is not taken for this one's. */
  private static String thisRun(String tail) {
    int header = tail.lastIndexOf(LOG_HEADER);
    return header < 0 ? tail : tail.substring(header);
  }

  private static void appendLogHeader(Path log, List<String> command) {
    try {
      Files.writeString(
          log,
          System.lineSeparator()
              + LOG_HEADER
              + Instant.now()
              + ": "
              + String.join(" ", command)
              + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new LocalKafkaException("Could not write the child broker log " + log, e);
    }
  }

  @Override
  public String toString() {
    return "ChildProcessKafka["
        + bootstrapServers()
        + ", pid "
        + process.pid()
        + ", "
        + workDir()
        + "]";
  }
}
