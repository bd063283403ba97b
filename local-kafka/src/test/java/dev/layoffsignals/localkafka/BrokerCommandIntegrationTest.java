package dev.layoffsignals.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code broker} command runs a usable broker, reports it, and stops it when told to (Ctrl-C's path). */
class BrokerCommandIntegrationTest {

  @TempDir Path tempDir;

  @Test
  void runsABrokerUntilStopped() throws Exception {
    BrokerCommand command = new BrokerCommand();
    StringWriter output = new StringWriter();
    new CommandLine(command)
        .setOut(new PrintWriter(output))
        .parseArgs("--work-dir", tempDir.resolve("kafka").toString(), "--port", "0");
    CountDownLatch stop = new CountDownLatch(1);
    CompletableFuture<LocalKafka> ready = new CompletableFuture<>();

    CompletableFuture<Integer> exitCode =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return command.runUntil(stop, ready::complete);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
            });
    exitCode.whenComplete(
        (code, failure) -> {
          if (failure != null) {
            ready.completeExceptionally(failure);
          }
        });

    LocalKafka kafka = ready.get(60, TimeUnit.SECONDS);
    RecordRoundTrip.createTopic(kafka.bootstrapServers(), "cli");
    RecordRoundTrip.produce(kafka.bootstrapServers(), "cli", List.of("hello"));
    stop.countDown();

    assertThat(exitCode.get(60, TimeUnit.SECONDS)).isZero();
    assertThat(output.toString().lines())
        .containsExactly(
            "Kafka broker ready: bootstrap.servers=" + kafka.bootstrapServers(),
            "Work directory: " + tempDir.resolve("kafka").toAbsolutePath() + " (wiped at start)",
            "Press Ctrl-C to stop.",
            "Stopping the Kafka broker...");
    try (ServerSocket released =
        new ServerSocket(kafka.brokerPort(), 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(released.getLocalPort()).isEqualTo(kafka.brokerPort());
    }
  }
}
