package dev.layoffsignals.benchmarks.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layoffsignals.localkafka.EffectiveClasspath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link PipelineWorker} in a child JVM: {@code java -Xmx<heap> ... PipelineWorker key=value...},
 * its standard error in a log file of the work directory, its reports read from its standard
 * output. The child's JVM options and classpath go into an {@code @argfile} next to the log
 * (a classpath of a few hundred jars exceeds the limit of one argument).
 */
final class WorkerProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;
  private final CompletableFuture<Void> running = new CompletableFuture<>();
  private final CompletableFuture<WorkerResult> result = new CompletableFuture<>();
  private final JitActivity jit = new JitActivity();

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    Thread reader = new Thread(this::readReports, "worker-reports-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a worker.
   *
   * @param name names the log and argument files in {@code dir}
   * @param heap the child's {@code -Xmx}, e.g. {@code 512m}
   * @param jvmOptions more options for the child (e.g. a flight recording); {@code {name}} in them is replaced by {@code name}
   * @param args the worker's {@code key=value} arguments
   */
  static WorkerProcess start(Path dir, String name, String heap, List<String> jvmOptions, Map<String, String> args)
      throws IOException {
    Files.createDirectories(dir);
    List<String> arguments = new ArrayList<>();
    arguments.add("-Xmx" + heap);
    arguments.add("-XX:+ExitOnOutOfMemoryError");
    arguments.add("-Djava.awt.headless=true");
    jvmOptions.forEach(o -> arguments.add(o.replace("{name}", name)));
    arguments.add("-cp");
    arguments.add(EffectiveClasspath.ofThisJvm());
    arguments.add(PipelineWorker.class.getName());
    args.forEach((k, v) -> arguments.add(k + "=" + v));
    Path argFile = dir.resolve(name + ".args");
    StringBuilder content = new StringBuilder();
    for (String a : arguments) {
      content.append('"').append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    }
    Files.writeString(argFile, content, StandardCharsets.UTF_8);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = dir.resolve(name + ".log");
    Process process = new ProcessBuilder(java.toString(), "@" + argFile.toAbsolutePath())
        .redirectError(log.toFile())
        .start();
    return new WorkerProcess(process, log);
  }

  private void readReports() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode event;
        try {
          event = JSON.readTree(line);
        } catch (IOException e) {
          continue; // not a report
        }
        switch (event.path("event").asText()) {
          case "running" -> running.complete(null);
          case "done" -> result.complete(JSON.treeToValue(event.get("result"), WorkerResult.class));
          case "jit" -> jit.sample(System.nanoTime(), event.path("compileMillis").asLong(-1));
          default -> { }
        }
      }
    } catch (IOException e) {
      result.completeExceptionally(e);
    }
    IllegalStateException ended = new IllegalStateException("the worker ended without a result (exit code "
        + exitCode() + "); its log: " + log + "\n" + tail());
    running.completeExceptionally(ended);
    result.completeExceptionally(ended);
  }

  private String exitCode() {
    try {
      return process.waitFor(10, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** The last lines of the log, for an error message. */
  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Until the worker reads its input (Kafka Streams RUNNING). */
  void awaitRunning(Duration timeout) throws Exception {
    await(running, timeout, "running");
  }

  /** Until the worker reports its result (with {@code until=done}: once it has processed everything). */
  WorkerResult awaitResult(Duration timeout) throws Exception {
    return await(result, timeout, "its result");
  }

  /** Tells a worker started with {@code until=stopped} to stop, and waits for its result. */
  WorkerResult stop(Duration timeout) throws Exception {
    OutputStream in = process.getOutputStream();
    in.write("stop\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    return awaitResult(timeout);
  }

  private <T> T await(CompletableFuture<T> future, Duration timeout, String what) throws Exception {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the worker did not report " + what + " within " + timeout + "; its log: " + log, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** How busy the worker's JIT compilers have been lately (reported about once a second with {@code until=stopped}). */
  JitActivity jit() {
    return jit;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** Ends the child (closing its standard input makes it exit), forcibly after 10 s. */
  @Override
  public void close() throws Exception {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
