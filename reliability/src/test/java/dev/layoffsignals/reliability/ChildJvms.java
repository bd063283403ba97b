package dev.layoffsignals.reliability;

import dev.layoffsignals.localkafka.EffectiveClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child JVMs of one test class: {@code layoff-signals <command>} with this JVM's classpath (a
 * java {@code @argfile}: a few hundred jars exceed the limit of one argument), a cleared
 * environment, each start's output in a log file of its own. {@link #close()} stops whatever is
 * still running (SIGTERM, SIGKILL after a grace period), and a shutdown hook does it if this JVM
 * is stopped first, so no child outlives the test.
 */
final class ChildJvms implements AutoCloseable {

  static final String MAIN_CLASS = "dev.layoffsignals.cli.LayoffSignals";
  /** What {@code Process#exitValue()} gives for a process that SIGKILL ended: 128 + 9. */
  static final int SIGKILL_EXIT = 137;
  /**
   * What a JVM that SIGTERM asked to stop exits with, 128 + 15, once its shutdown hooks are done:
   * the JVM keeps the signal's status whatever {@code System.exit} the command calls meanwhile.
   */
  static final int SIGTERM_EXIT = 143;
  private static final Duration GRACE = Duration.ofSeconds(20);

  private final Path logDir;
  private final Path argFile;
  private final List<Process> processes = new ArrayList<>();
  private final Thread hook = new Thread(this::stopAll, "reliability-children-stopper");

  /** Child JVMs logging to {@code target/reliability/logs/<test class>/<test>/}, emptied first: kept after the test, for a look. */
  static ChildJvms forTest(Class<?> testClass, String test) {
    Path dir = Path.of("target", "reliability", "logs", testClass.getSimpleName(), test).toAbsolutePath();
    try {
      if (Files.isDirectory(dir)) {
        try (var files = Files.list(dir)) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ChildJvms(dir);
  }

  ChildJvms(Path logDir) {
    this.logDir = logDir;
    try {
      Files.createDirectories(logDir);
      argFile = logDir.resolve("classpath.args");
      Files.writeString(argFile, "-cp\n\"" + EffectiveClasspath.ofThisJvm().replace("\\", "\\\\") + "\"\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts {@code layoff-signals <args>} with its output in {@code log}. */
  Process start(Path log, List<String> jvmOptions, List<String> args) {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    line.addAll(jvmOptions);
    line.add("@" + argFile);
    line.add(MAIN_CLASS);
    line.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(line)
        .directory(logDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().clear(); // the settings are the flags; nothing from the build's environment (KAFKA_*, ...)
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    try {
      Process process = pb.start();
      synchronized (processes) {
        processes.add(process);
      }
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + line, e);
    }
  }

  Path logDir() {
    return logDir;
  }

  /** SIGKILL ({@code Process#destroyForcibly} on Linux), then waits until the process is gone; its exit code. */
  static int kill(Process process) throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("pid " + process.pid() + " still alive 30 s after SIGKILL");
    }
    return process.exitValue();
  }

  /** SIGTERM, as a supervisor stops a process, then waits up to {@code timeout}; the exit code, or -1 (then killed). */
  static int stop(Process process, Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill(process);
      return -1;
    }
    return process.exitValue();
  }

  /** The last lines of a log, for failure messages. */
  static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "--- last lines of " + log.getFileName() + " ---\n"
          + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no output in " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs or ran
    }
  }

  private void stopAll() {
    List<Process> running;
    synchronized (processes) {
      running = processes.stream().filter(Process::isAlive).toList();
    }
    running.forEach(Process::destroy);
    long deadline = System.nanoTime() + GRACE.toNanos();
    for (Process p : running) {
      try {
        if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
