package dev.layoffsignals.deployment;

import dev.layoffsignals.localkafka.EffectiveClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The layoff-signals commands of a rehearsal, each in its own JVM as in its own container: the CLI's
 * main class on this JVM's classpath (what the image runs with {@code java -jar}), a cleared
 * environment with only the variables given, the output in a log file per process. {@link #close()}
 * stops every one (SIGTERM, then SIGKILL after a grace period), and a shutdown hook does it if the
 * test JVM is stopped first.
 */
final class ChildProcesses implements AutoCloseable {

  static final String MAIN_CLASS = "dev.layoffsignals.cli.LayoffSignals";
  private static final Duration GRACE = Duration.ofSeconds(30);

  private final Path logDir;
  private final Path workingDirectory;
  private final Path argFile;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Thread hook = new Thread(this::killAll, "rehearsal-children-killer");

  ChildProcesses(Path logDir, Path workingDirectory) {
    this.logDir = logDir;
    this.workingDirectory = workingDirectory;
    try {
      Files.createDirectories(logDir);
      // a few hundred jars exceed the limit of one argument: the classpath goes in a java @argfile
      argFile = logDir.resolve("classpath.args");
      Files.writeString(argFile, "-cp\n\"" + EffectiveClasspath.ofThisJvm().replace("\\", "\\\\") + "\"\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts {@code layoff-signals <command...>} as the process named {@code name}.
   *
   * @param environment the whole environment of the process (PATH is added)
   */
  Process start(String name, List<String> jvmOptions, List<String> command, Map<String, String> environment) {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    line.addAll(jvmOptions);
    line.add("@" + argFile);
    line.add(MAIN_CLASS);
    line.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(line)
        .directory(workingDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log(name).toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().putAll(environment);
    try {
      Process process = pb.start();
      synchronized (processes) {
        processes.put(name, process);
      }
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  Path log(String name) {
    return logDir.resolve(name + ".log");
  }

  /** The last lines of a process's output, for failure messages. */
  String tail(String name) {
    try {
      List<String> lines = Files.readAllLines(log(name), StandardCharsets.UTF_8);
      return "--- last lines of " + name + " ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output of " + name + ": " + e.getMessage() + ")";
    }
  }

  /** The output of every process, last lines of each. */
  String tails() {
    List<String> names;
    synchronized (processes) {
      names = List.copyOf(processes.keySet());
    }
    StringBuilder sb = new StringBuilder();
    names.forEach(n -> sb.append(tail(n)).append('\n'));
    return sb.toString();
  }

  /** Waits for a one-shot to exit; its exit code, or -1 if it is still running after {@code timeout} (it is then killed). */
  int awaitExit(String name, Duration timeout) throws InterruptedException {
    Process p = processes.get(name);
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  /** Whether the named process runs. */
  boolean isAlive(String name) {
    synchronized (processes) {
      Process p = processes.get(name);
      return p != null && p.isAlive();
    }
  }

  /** Every process this rehearsal started that is still alive. */
  List<ProcessHandle> alive() {
    synchronized (processes) {
      return processes.values().stream().map(Process::toHandle).filter(ProcessHandle::isAlive).toList();
    }
  }

  /** SIGTERM to every process, newest first, as {@code docker compose down} stops containers; SIGKILL after the grace period. */
  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs or ran
    }
  }

  private void killAll() {
    List<Process> running;
    synchronized (processes) {
      running = new ArrayList<>(processes.values());
    }
    Collections.reverse(running);
    for (Process p : running) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    long deadline = System.nanoTime() + GRACE.toNanos();
    for (Process p : running) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
