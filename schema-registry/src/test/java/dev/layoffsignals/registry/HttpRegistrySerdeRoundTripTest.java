package dev.layoffsignals.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.serde.HttpSchemaRegistryClient;
import dev.layoffsignals.serde.PublishedSchemas;
import dev.layoffsignals.serde.SampleRecords;
import dev.layoffsignals.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every schema through serdes configured as in production: by URL, over HTTP, to our server. */
class HttpRegistrySerdeRoundTripTest {

  private static LocalSchemaRegistry registry;

  @BeforeAll
  static void startRegistry() {
    registry = LocalSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0);
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.layoffsignals.serde.SampleRecords#everySchemaFullAndEmpty")
  <T extends SpecificRecord> void valueComesBackEqualThroughTheHttpRegistry(String description, T record) {
    String topic = "round-trip-" + record.getSchema().getName();
    byte[] bytes;
    try (SpecificAvroSerde<T> producerSide = new SpecificAvroSerde<>(SampleRecords.classOf(record))) {
      producerSide.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
      bytes = producerSide.serializer().serialize(topic, record);
    }
    T read;
    try (SpecificAvroSerde<T> consumerSide = new SpecificAvroSerde<>(SampleRecords.classOf(record))) {
      consumerSide.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
      read = consumerSide.deserializer().deserialize(topic, bytes);
    }

    assertThat(read).isEqualTo(record);
    assertThat(HttpSchemaRegistryClient.forUrl(registry.url()).getLatestVersion(topic + "-value").schema())
        .isEqualTo(PublishedSchemas.parse(record.getSchema().getName()));
  }
}
