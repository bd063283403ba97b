package dev.layoffsignals.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.localkafka.LocalKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AdminCommittedOffsets} on a real broker: the offsets a group committed in a transaction,
 * only once that transaction has committed.
 */
class AdminCommittedOffsetsIntegrationTest {

  static final long TIMEOUT_MS = 30_000;
  static final String GROUP = "committed-offsets-test";
  static final TopicPartition TICKS = new TopicPartition("stock-ticks", 0);
  static final TopicPartition ARTICLES = new TopicPartition("articles", 0);

  @TempDir
  Path tmp;

  @Test
  @DisplayName("offsets committed in a transaction are read once it commits; an uncommitted partition is left out")
  void readsStableOffsets() throws Exception {
    try (LocalKafka kafka = LocalKafka.startInProcess(tmp.resolve("kafka"));
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TICKS.topic(), 1, (short) 1), new NewTopic(ARTICLES.topic(), 1, (short) 1)))
          .all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());

      try (AdminCommittedOffsets offsets = new AdminCommittedOffsets(adminConfig, TIMEOUT_MS);
          KafkaProducer<byte[], byte[]> producer = transactional(kafka)) {
        assertThat(offsets.of(GROUP, Set.of(TICKS, ARTICLES))).as("nothing committed yet").isEmpty();

        producer.beginTransaction();
        producer.sendOffsetsToTransaction(Map.of(TICKS, new OffsetAndMetadata(42)), new ConsumerGroupMetadata(GROUP));
        try (AdminCommittedOffsets impatient = new AdminCommittedOffsets(adminConfig, 1_000)) {
          assertThatThrownBy(() -> impatient.of(GROUP, Set.of(TICKS, ARTICLES)))
              .as("a transaction committing the offset is open")
              .isInstanceOf(StreamsException.class)
              .hasMessageContaining("offsets group " + GROUP + " committed for [" + TICKS + "] were still not stable");
        }
        producer.commitTransaction();

        assertThat(offsets.of(GROUP, Set.of(TICKS, ARTICLES))).isEqualTo(Map.of(TICKS, 42L));
      }
    }
  }

  @Test
  @DisplayName("once closed, it refuses to read")
  void closedRefuses() {
    AdminCommittedOffsets offsets = new AdminCommittedOffsets(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"), 1_000);
    offsets.close();
    assertThatThrownBy(() -> offsets.of(GROUP, Set.of(TICKS)))
        .isInstanceOf(StreamsException.class)
        .hasMessageContaining("closing");
  }

  private static KafkaProducer<byte[], byte[]> transactional(LocalKafka kafka) {
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, GROUP + "-writer",
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 600_000, // never aborted by the broker during the test
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    producer.initTransactions();
    return producer;
  }
}
