package dev.layoffsignals.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real broker in a child JVM: serves clients, stops with its parent, restarts on its data after a kill. */
class ChildProcessKafkaIntegrationTest {

  private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

  @TempDir Path tempDir;

  @Test
  @DisplayName(
      "starts, produces and consumes; after close the child is gone and both ports are free")
  void roundTripAndCleanStop() throws Exception {
    ChildProcessKafka kafka =
        LocalKafka.builder().workDir(tempDir.resolve("kafka")).startChildProcess();
    ProcessHandle child = kafka.processHandle();
    try (kafka) {
      assertThat(kafka.pid()).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(child.isAlive()).isTrue();

      RecordRoundTrip.createTopic(kafka.bootstrapServers(), "round-trip");
      RecordRoundTrip.produce(kafka.bootstrapServers(), "round-trip", List.of("x", "y"));
      assertThat(
              RecordRoundTrip.consume(
                  kafka.bootstrapServers(), "round-trip", "group-1", "read_uncommitted", 2))
          .containsExactly("x", "y");
    }

    assertThat(child.isAlive()).isFalse();
    assertPortFree(kafka.brokerPort());
    assertPortFree(kafka.controllerPort());
    assertThat(Files.readString(kafka.logFile())).contains("Kafka broker started");
    kafka.close(); // idempotent
  }

  @Test
  @DisplayName(
      "the child exits when its parent JVM is killed with SIGKILL (its standard input ends)")
  void childFollowsKilledParent() throws Exception {
    Process parent =
        new ProcessBuilder(
                ChildCommandLine.defaultJava().toString(),
                "-cp",
                EffectiveClasspath.ofThisJvm(),
                DyingParentMain.class.getName(),
                tempDir.resolve("kafka").toString())
            .redirectErrorStream(true)
            .start();
    try {
      long childPid = readChildPid(parent);
      ProcessHandle child =
          ProcessHandle.of(childPid)
              .orElseThrow(
                  () -> new AssertionError("child broker pid " + childPid + " is not running"));

      parent.destroyForcibly();

      child.onExit().get(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(child.isAlive()).isFalse();
    } finally {
      parent.destroyForcibly();
    }
  }

  @Test
  @DisplayName(
      "a start on a taken port throws with the tail of the child's log and leaves no child")
  void failedStartShowsLog() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(
              () ->
                  LocalKafka.builder()
                      .workDir(tempDir.resolve("kafka"))
                      .brokerPort(taken.getLocalPort())
                      .startChildProcess())
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("stopped before it was ready")
          .hasMessageContaining("exit code 1")
          .hasMessageContaining("Address already in use");
    }
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  @DisplayName(
      "a child not ready within the start timeout is stopped, and the exception says what was waited for")
  void startTimeoutStopsTheChild() {
    assertThatThrownBy(
            () ->
                LocalKafka.builder()
                    .workDir(tempDir.resolve("kafka"))
                    .startTimeout(Duration.ofMillis(300))
                    .startChildProcess())
        .isInstanceOf(LocalKafkaException.class)
        .hasMessageContaining(
            "was not ready within PT0.3S (waited for the broker port to accept connections)")
        .hasMessageContaining(
            "Last lines of " + tempDir.resolve("kafka").resolve("broker.log").toAbsolutePath());
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  @DisplayName(
      "after kill -9, a restart on the same ports and data still has the acknowledged records")
  void restartAfterKillKeepsData() throws Exception {
    ChildProcessKafka kafka =
        LocalKafka.builder().workDir(tempDir.resolve("kafka")).startChildProcess();
    ProcessHandle first = kafka.processHandle();
    try {
      RecordRoundTrip.createTopic(kafka.bootstrapServers(), "survives");
      RecordRoundTrip.produce(kafka.bootstrapServers(), "survives", List.of("acked-before-kill"));
    } finally {
      kafka.kill();
    }
    assertThat(first.isAlive()).isFalse();

    try (ChildProcessKafka restarted = kafka.builderForRestart().startChildProcess()) {
      assertThat(restarted.brokerPort()).isEqualTo(kafka.brokerPort());
      assertThat(restarted.controllerPort()).isEqualTo(kafka.controllerPort());
      assertThat(restarted.pid()).isNotEqualTo(kafka.pid());
      assertThat(
              RecordRoundTrip.consume(
                  restarted.bootstrapServers(), "survives", "reader", "read_uncommitted", 1))
          .containsExactly("acked-before-kill");
    }
  }

  private static long readChildPid(Process parent) throws Exception {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    CompletableFuture<Long> pid =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  if (line.startsWith(DyingParentMain.CHILD_PID_PREFIX)) {
                    return Long.parseLong(
                        line.substring(DyingParentMain.CHILD_PID_PREFIX.length()));
                  }
                  seen.append(line).append('\n');
                }
                throw new AssertionError(
                    "parent exited without printing the child's pid; output:\n" + seen);
              } catch (IOException e) {
                throw new AssertionError("could not read the parent's output; so far:\n" + seen, e);
              }
            });
    return pid.get(60, TimeUnit.SECONDS);
  }

  private static void assertPortFree(int port) throws IOException {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }
}
