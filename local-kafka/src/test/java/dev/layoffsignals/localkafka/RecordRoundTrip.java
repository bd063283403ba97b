package dev.layoffsignals.localkafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Create a topic, produce records, read them back: proof that a broker serves clients. */
final class RecordRoundTrip {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private RecordRoundTrip() {}

  static void createTopic(String bootstrapServers, String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(Set.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Produces {@code key-i -> value-i} with acks=all and idempotence, waiting for each ack. */
  static void produce(String bootstrapServers, String topic, List<String> values)
      throws ExecutionException, InterruptedException, TimeoutException {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerConfig(bootstrapServers))) {
      for (int i = 0; i < values.size(); i++) {
        producer
            .send(new ProducerRecord<>(topic, "key-" + i, values.get(i)))
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  static Properties producerConfig(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return config;
  }

  /**
   * Reads {@code expected} records from the start of {@code topic} in a consumer group (so the group
   * coordinator and the offsets topic are exercised), failing after a bounded wait with what it saw.
   */
  static List<String> consume(
      String bootstrapServers, String topic, String groupId, String isolationLevel, int expected) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (values.size() < expected) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "Waited "
                  + TIMEOUT
                  + " for "
                  + expected
                  + " records on "
                  + topic
                  + " in group "
                  + groupId
                  + "; got "
                  + values);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      consumer.commitSync(TIMEOUT);
    }
    return values;
  }
}
