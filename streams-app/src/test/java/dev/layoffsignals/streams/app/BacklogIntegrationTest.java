package dev.layoffsignals.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Backlog} on a real broker: records behind an open transaction are not "nothing left",
 * even when the group has consumed up to the last stable offset.
 */
class BacklogIntegrationTest {

  static final long TIMEOUT_MS = 30_000;
  static final String APPLICATION_ID = "backlog-test";
  static final String TOPIC = Topics.STOCK_TICKS.name();
  static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

  @TempDir
  Path tmp;

  @Test
  @DisplayName("a transaction left open (an instance that died mid-transaction) holds the backlog open until it ends")
  void openTransactionIsNotCaughtUp() throws Exception {
    try (LocalKafka kafka = LocalKafka.startInProcess(tmp.resolve("kafka"));
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

      try (KafkaProducer<byte[], byte[]> first = producer(kafka, "first");
          KafkaProducer<byte[], byte[]> dead = producer(kafka, "dead");
          KafkaProducer<byte[], byte[]> live = producer(kafka, "live")) {
        first.beginTransaction();
        send(first, 3); // offsets 0-2
        first.commitTransaction(); // marker at 3
        assertThat(settled(admin).remainingByTopic()).as("nothing consumed yet").isEqualTo(Map.of(TOPIC, 4L));
        consumedUpTo(admin, 4);
        assertThat(measure(admin).isEmpty()).as("consumed up to the end").isTrue();
        assertThat(measure(admin)).hasToString("nothing left");

        dead.beginTransaction();
        send(dead, 1); // offset 4: the last stable offset stays here while this transaction is open
        dead.flush();
        live.beginTransaction();
        send(live, 2); // 5-6, committed, but behind the open transaction
        live.commitTransaction(); // marker at 7

        Backlog held = measure(admin);
        assertThat(held.remainingByTopic()).as("consumed up to the last stable offset: no records to see").isEmpty();
        assertThat(held.openTransactions()).containsExactly(PARTITION);
        assertThat(held.isEmpty()).as("caught up while a transaction holds records back").isFalse();
        assertThat(held).hasToString("0 records left, transactions open on [" + PARTITION + "]");

        dead.abortTransaction(); // what transaction.timeout.ms, or the fencing restart, does; marker at 8
        Backlog released = settled(admin);
        assertThat(released.openTransactions()).isEmpty();
        assertThat(released.remainingByTopic()).as("the records it held back, up to the abort marker").isEqualTo(Map.of(TOPIC, 5L));
        consumedUpTo(admin, 9);
        assertThat(measure(admin).isEmpty()).isTrue();
      }
    }
  }

  /**
   * The backlog once no transaction is open: a transaction's end returns to the producer before the
   * coordinator has written its markers, so the last stable offset moves a little later.
   */
  private static Backlog settled(Admin admin) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
    Backlog backlog = measure(admin);
    while (!backlog.openTransactions().isEmpty() && System.nanoTime() < deadline) {
      backlog = measure(admin);
    }
    return backlog;
  }

  private static Backlog measure(Admin admin) throws Exception {
    Topology topology = new Topology();
    topology.addSource("ticks", TOPIC);
    return Backlog.measure(admin, APPLICATION_ID, topology, TIMEOUT_MS);
  }

  /** The group's committed offset, as an instance's transaction would leave it. */
  private static void consumedUpTo(Admin admin, long offset) throws Exception {
    admin.alterConsumerGroupOffsets(APPLICATION_ID, Map.of(PARTITION, new OffsetAndMetadata(offset)))
        .all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, int records) {
    for (int i = 0; i < records; i++) {
      producer.send(new ProducerRecord<>(TOPIC, 0, new byte[] {(byte) i}, new byte[] {(byte) i}));
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(LocalKafka kafka, String transactionalId) {
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, APPLICATION_ID + "-" + transactionalId,
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 600_000, // never aborted by the broker during the test
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    producer.initTransactions();
    return producer;
  }
}
