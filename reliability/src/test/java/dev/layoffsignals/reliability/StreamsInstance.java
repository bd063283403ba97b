package dev.layoffsignals.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance of the application as users run it: {@code layoff-signals streams} in a child JVM,
 * against the test bed, with its own HTTP port and state directory. It can be SIGKILLed and
 * started again on the same state directory as often as a test wants; each start logs to a file
 * of its own ({@code <name>-<n>.log}).
 */
final class StreamsInstance {

  /**
   * Settings every instance of the suite runs with, on top of the shipped defaults (exactly_once_v2,
   * commit every 100 ms):
   *
   * <ul>
   *   <li>A SIGKILLed member stays in the group until its session times out, and the group waits for
   *       it before anyone, its own restart included, gets its tasks: 6 s (the broker's minimum)
   *       instead of 45 s.</li>
   * </ul>
   */
  static final List<String> SUITE_SETTINGS = List.of("session.timeout.ms=6000", "heartbeat.interval.ms=1500");

  /** How long a start may take (JVM, registry wait, topic check, first rebalance) on a busy machine. */
  static final Duration STARTING = Duration.ofMinutes(2);

  private final ChildJvms jvms;
  private final String name;
  private final String bootstrapServers;
  private final String registryUrl;
  private final String applicationId;
  private final Path stateDir;
  private final int httpPort;
  private final List<String> extraSettings;
  private Process process;
  private Path log;
  private int starts;

  StreamsInstance(ChildJvms jvms, String name, String bootstrapServers, String registryUrl, String applicationId,
      Path stateDir, int httpPort, List<String> extraSettings) {
    this.jvms = jvms;
    this.name = name;
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.applicationId = applicationId;
    this.stateDir = stateDir;
    this.httpPort = httpPort;
    this.extraSettings = List.copyOf(extraSettings);
  }

  /** Starts a new process on the same state directory; the previous one must be gone. */
  StreamsInstance start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
    }
    starts++;
    log = jvms.logDir().resolve(name + "-" + starts + ".log");
    List<String> args = new ArrayList<>(List.of("streams",
        "--bootstrap-servers", bootstrapServers,
        "--schema-registry-url", registryUrl,
        "--http-host", "127.0.0.1",
        "--http-port", Integer.toString(httpPort),
        "--state-dir", stateDir.toString(),
        "-p", "application.id=" + applicationId));
    for (String setting : SUITE_SETTINGS) {
      args.add("-p");
      args.add(setting);
    }
    for (String setting : extraSettings) {
      args.add("-p");
      args.add(setting);
    }
    process = jvms.start(log, List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), args);
    return this;
  }

  /** Until Kafka Streams has been RUNNING in this process (its log says so), the process running throughout. */
  void awaitRunning() throws Exception {
    awaitLogged("Kafka Streams state REBALANCING -> RUNNING");
  }

  /** Until this process has logged {@code text}, the process running throughout. */
  void awaitLogged(String text) throws Exception {
    Await.until(name + " to log '" + text + "'", STARTING, () -> {
      assertThat(alive()).as("%s stopped%n%s", name, tail()).isTrue();
      return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
    }, this::tail);
  }

  /** Until this process has logged {@code text} after the first {@code after} in its log, the process running throughout. */
  void awaitLoggedAfter(String after, String text) throws Exception {
    Await.until(name + " to log '" + text + "' after '" + after + "'", STARTING, () -> {
      assertThat(alive()).as("%s stopped%n%s", name, tail()).isTrue();
      if (!Files.exists(log)) {
        return false;
      }
      String all = Files.readString(log, StandardCharsets.ISO_8859_1);
      int at = all.indexOf(after);
      return at >= 0 && all.indexOf(text, at + after.length()) >= 0;
    }, this::tail);
  }

  /** SIGKILL: no shutdown hook, no last commit, no leaving the group. Returns the exit code. */
  int kill() throws InterruptedException {
    return ChildJvms.kill(process);
  }

  /** SIGTERM, a graceful stop; the exit code, or -1 if it did not stop within the timeout (then killed). */
  int stop(Duration timeout) throws InterruptedException {
    return ChildJvms.stop(process, timeout);
  }

  /**
   * SIGSTOP: the process is frozen where it is, reading nothing, until {@link #resume()} (a very
   * long GC pause, as far as Kafka is concerned).
   */
  void pause() throws Exception {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause()}. */
  void resume() throws Exception {
    signal("CONT");
  }

  private void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
    String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kill.waitFor()).as("kill -%s %d: %s", name, process.pid(), out).isZero();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  Process process() {
    return process;
  }

  String name() {
    return name;
  }

  int starts() {
    return starts;
  }

  int httpPort() {
    return httpPort;
  }

  String url(String path) {
    return "http://127.0.0.1:" + httpPort + path;
  }

  Path log() {
    return log;
  }

  String tail() {
    return log == null ? "(" + name + " never started)" : ChildJvms.tail(log, 60);
  }
}
