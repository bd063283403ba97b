package dev.layoffsignals.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Which of the caller's Kafka client settings each client of the store gets, and which of its own win. */
class KafkaSchemaStoreClientSettingsTest {

  private static final Map<String, String> USER = Map.of(
      "security.protocol", "SASL_SSL",
      "sasl.mechanism", "SCRAM-SHA-512",
      "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
      "ssl.truststore.location", "/etc/kafka/truststore.jks",
      "client.id", "users-client",
      "acks", "0",
      "linger.ms", "5",
      "auto.offset.reset", "latest",
      "application.id", "layoff-signals",
      "schema.registry.url", "http://registry:8081");
  private static final Duration TIMEOUT = Duration.ofSeconds(7);

  @Test
  void everyClientGetsTheSecuritySettings() {
    for (Properties config : new Properties[] {
        KafkaSchemaStore.producerConfig("kafka:9093", USER, TIMEOUT),
        KafkaSchemaStore.consumerConfig("kafka:9093", USER),
        KafkaSchemaStore.adminConfig("kafka:9093", USER, TIMEOUT)}) {
      assertThat(config)
          .containsEntry("bootstrap.servers", "kafka:9093")
          .containsEntry("security.protocol", "SASL_SSL")
          .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
          .containsEntry("sasl.jaas.config", USER.get("sasl.jaas.config"))
          .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
          .doesNotContainKeys("application.id", "schema.registry.url");
    }
  }

  @Test
  void theStoresOwnSettingsWinAndEachClientKeepsOnlyItsOwn() {
    Properties producer = KafkaSchemaStore.producerConfig("kafka:9093", USER, TIMEOUT);
    assertThat(producer)
        .containsEntry("client.id", "schema-registry-store")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .containsEntry("linger.ms", 0)
        .containsEntry("delivery.timeout.ms", 7000)
        .containsEntry("value.serializer", StringSerializer.class)
        .doesNotContainKey("auto.offset.reset");

    Properties consumer = KafkaSchemaStore.consumerConfig("kafka:9093", USER);
    assertThat(consumer)
        .containsEntry("client.id", "schema-registry-store-reader")
        .containsEntry("enable.auto.commit", false)
        .containsEntry("value.deserializer", StringDeserializer.class)
        .containsEntry("auto.offset.reset", "latest")
        .doesNotContainKeys("acks", "linger.ms");

    Properties admin = KafkaSchemaStore.adminConfig("kafka:9093", USER, TIMEOUT);
    assertThat(admin)
        .containsEntry("client.id", "schema-registry-admin")
        .containsEntry("default.api.timeout.ms", 7000)
        .doesNotContainKeys("acks", "linger.ms", "auto.offset.reset");
  }

  @Test
  void withoutSettingsTheClientsAreAsBefore() {
    assertThat(KafkaSchemaStore.adminConfig("127.0.0.1:9092", Map.of(), TIMEOUT)).containsOnlyKeys(
        "bootstrap.servers", "client.id", "default.api.timeout.ms", "request.timeout.ms");
  }
}
