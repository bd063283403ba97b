package dev.layoffsignals.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.serde.HttpSchemaRegistryClient;
import dev.layoffsignals.serde.RegisteredSchema;
import dev.layoffsignals.serde.SampleRecords;
import dev.layoffsignals.serde.SpecificAvroSerde;
import dev.layoffsignals.schemas.StockTick;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry on a real broker: the _schemas topic as Confluent makes it, and ids that survive a restart. */
class LocalSchemaRegistryIntegrationTest {

  private static final Schema A = SchemaBuilder.record("A").fields().requiredString("a").endRecord();
  private static final Schema A2 = SchemaBuilder.record("A").fields().requiredString("a")
      .optionalString("note").endRecord();

  @TempDir
  static Path workDir;

  private static LocalKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = LocalKafka.startInProcess(workDir);
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void restartedRegistryOnTheSameBrokerGivesTheSameIds() throws Exception {
    String topic = "_schemas_restart";
    int tickId;
    byte[] tickBytes;
    try (LocalSchemaRegistry first = start(topic)) {
      HttpSchemaRegistryClient client = HttpSchemaRegistryClient.forUrl(first.url());
      assertThat(client.register("a-value", A)).isEqualTo(1);
      try (SpecificAvroSerde<StockTick> serde = new SpecificAvroSerde<>(StockTick.class)) {
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, first.url()), false);
        tickBytes = serde.serializer().serialize("stock-ticks", SampleRecords.stockTick());
      }
      tickId = client.getLatestVersion("stock-ticks-value").id();
    }

    try (LocalSchemaRegistry second = start(topic)) {
      HttpSchemaRegistryClient client = HttpSchemaRegistryClient.forUrl(second.url());

      assertThat(tickId).isEqualTo(2);
      assertThat(client.getAllSubjects()).containsExactly("a-value", "stock-ticks-value");
      assertThat(client.register("a-value", A)).isEqualTo(1);
      assertThat(client.register("a-value", A2)).isEqualTo(3);
      assertThat(client.getLatestVersion("a-value")).isEqualTo(new RegisteredSchema("a-value", 2, 3, A2));
      try (SpecificAvroSerde<StockTick> serde = new SpecificAvroSerde<>(StockTick.class)) {
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, second.url()), false);
        assertThat(serde.deserializer().deserialize("stock-ticks", tickBytes)).isEqualTo(SampleRecords.stockTick());
      }
    }
    // the pool reports itself terminated as its last worker leaves its loop, a moment before that
    // thread has ended: wait for them to end, then none may be left
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().contains("schema-registry")) {
        thread.join(10_000);
      }
    }
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
        .noneMatch(name -> name.contains("schema-registry"));
  }

  @Test
  void schemasTopicIsCreatedCompactedWithOnePartition() throws Exception {
    String topic = "_schemas_created";
    try (LocalSchemaRegistry registry = start(topic)) {
      HttpSchemaRegistryClient.forUrl(registry.url()).register("a-value", A);
    }

    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(config)) {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config topicConfig = admin.describeConfigs(List.of(resource)).all().get().get(resource);

      assertThat(description.partitions()).hasSize(1);
      assertThat(description.partitions().get(0).replicas()).hasSize(1);
      assertThat(topicConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
    }
  }

  @Test
  void clientSettingsReachTheStoresClients() throws Exception {
    // settings of other components (a shared config file) are left out; the client ones are used
    Map<String, String> plaintext = Map.of("security.protocol", "PLAINTEXT", "application.id", "not-a-client-setting",
        "schema.registry.url", "http://elsewhere:8081", "client.dns.lookup", "use_all_dns_ips");
    try (LocalSchemaRegistry registry = LocalSchemaRegistry.start(
        KafkaSchemaStore.open(kafka.bootstrapServers(), plaintext, "_schemas_settings", Duration.ofSeconds(30)),
        "127.0.0.1", 0)) {
      assertThat(HttpSchemaRegistryClient.forUrl(registry.url()).register("a-value", A)).isEqualTo(1);
    }

    // TLS against the plaintext listener cannot connect: the setting is in effect
    Map<String, String> tls = Map.of("security.protocol", "SSL");
    assertThatThrownBy(() -> KafkaSchemaStore.open(kafka.bootstrapServers(), tls, "_schemas_tls", Duration.ofSeconds(5)))
        .isInstanceOf(SchemaStoreException.class)
        .hasMessageContaining("_schemas_tls");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).contains("_schemas_settings").doesNotContain("_schemas_tls");
    }
  }

  private static LocalSchemaRegistry start(String topic) {
    return LocalSchemaRegistry.start(KafkaSchemaStore.open(kafka.bootstrapServers(), topic, Duration.ofSeconds(30)),
        "127.0.0.1", 0);
  }
}
