package dev.layoffsignals.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real broker in this JVM: start, serve clients (plain, grouped, transactional), stop without leftovers. */
class InProcessKafkaIntegrationTest {

  private static final Duration THREAD_EXIT_WAIT = Duration.ofSeconds(10);

  @TempDir Path tempDir;

  @Test
  @DisplayName(
      "starts, creates a topic, produces and consumes in a group, and leaves no non-daemon thread when closed")
  void roundTripAndCleanStop() throws Exception {
    Set<Thread> before = ThreadLeaks.liveNonDaemonThreads();
    Path workDir = tempDir.resolve("kafka");

    try (LocalKafka kafka = LocalKafka.startInProcess(workDir)) {
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.brokerPort());
      assertThat(kafka.brokerPort()).isNotEqualTo(kafka.controllerPort());
      assertThat(kafka.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(Files.exists(workDir.resolve("data").resolve("meta.properties"))).isTrue();

      RecordRoundTrip.createTopic(kafka.bootstrapServers(), "round-trip");
      RecordRoundTrip.produce(kafka.bootstrapServers(), "round-trip", List.of("a", "b", "c"));
      assertThat(
              RecordRoundTrip.consume(
                  kafka.bootstrapServers(), "round-trip", "group-1", "read_uncommitted", 3))
          .containsExactly("a", "b", "c");
    }

    assertThat(ThreadLeaks.newNonDaemonThreads(before, THREAD_EXIT_WAIT)).isEmpty();
  }

  @Test
  @DisplayName(
      "a transactional producer commits and a read_committed consumer sees only committed records")
  void transactionsWork() throws Exception {
    try (LocalKafka kafka = LocalKafka.startInProcess(tempDir.resolve("kafka"))) {
      RecordRoundTrip.createTopic(kafka.bootstrapServers(), "tx");
      Properties config = RecordRoundTrip.producerConfig(kafka.bootstrapServers());
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-kafka-tx-test");
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("tx", "k", "aborted"));
        producer.abortTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("tx", "k", "committed-1"));
        producer.send(new ProducerRecord<>("tx", "k", "committed-2"));
        producer.commitTransaction();
      }
      assertThat(
              RecordRoundTrip.consume(
                  kafka.bootstrapServers(), "tx", "tx-reader", "read_committed", 2))
          .containsExactly("committed-1", "committed-2");
    }
  }

  @Test
  @DisplayName("keepData restarts on the same data: the topic's records are still there")
  void restartKeepsData() throws Exception {
    Path workDir = tempDir.resolve("kafka");
    LocalKafkaBuilder restart;
    try (LocalKafka kafka = LocalKafka.startInProcess(workDir)) {
      RecordRoundTrip.createTopic(kafka.bootstrapServers(), "kept");
      RecordRoundTrip.produce(kafka.bootstrapServers(), "kept", List.of("before-restart"));
      restart = kafka.builderForRestart();
    }
    try (LocalKafka kafka = restart.startInProcess()) {
      RecordRoundTrip.produce(kafka.bootstrapServers(), "kept", List.of("after-restart"));
      assertThat(
              RecordRoundTrip.consume(
                  kafka.bootstrapServers(), "kept", "reader", "read_uncommitted", 2))
          .containsExactly("before-restart", "after-restart");
    }
    // and on other ports (controller included): the data does not depend on them
    try (LocalKafka kafka = LocalKafka.builder().workDir(workDir).keepData(true).startInProcess()) {
      assertThat(
              RecordRoundTrip.consume(
                  kafka.bootstrapServers(), "kept", "reader-2", "read_uncommitted", 2))
          .containsExactly("before-restart", "after-restart");
    }
    // wiping is the default
    try (LocalKafka kafka = LocalKafka.startInProcess(workDir)) {
      try (Admin admin =
          Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
        assertThat(admin.listTopics().names().get()).doesNotContain("kept");
      }
    }
  }

  @Test
  @DisplayName(
      "a start on a taken port fails with a clear exception and leaves no non-daemon thread")
  void failedStartLeavesNoThread() throws Exception {
    Set<Thread> before = ThreadLeaks.liveNonDaemonThreads();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(
              () ->
                  LocalKafka.builder()
                      .workDir(tempDir.resolve("kafka"))
                      .brokerPort(taken.getLocalPort())
                      .startInProcess())
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining(
              "Kafka broker failed to start on PLAINTEXT://127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("Address already in use");
    }
    assertThat(ThreadLeaks.newNonDaemonThreads(before, THREAD_EXIT_WAIT)).isEmpty();
  }

  @Test
  @DisplayName("refuses to wipe a non-empty directory that local-kafka did not create")
  void refusesToWipeForeignDirectory() throws IOException {
    Path foreign = Files.createDirectories(tempDir.resolve("precious"));
    Files.writeString(foreign.resolve("notes.txt"), "keep me");

    assertThatThrownBy(() -> LocalKafka.startInProcess(foreign))
        .isInstanceOf(LocalKafkaException.class)
        .hasMessageContaining("Refusing to wipe " + foreign.toAbsolutePath());
    assertThat(Files.readString(foreign.resolve("notes.txt"))).isEqualTo("keep me");
  }
}
