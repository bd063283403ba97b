package dev.layoffsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.StockTick;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecificAvroSerdeRoundTripTest {

  private static final String SCOPE = "round-trip";
  private static final Map<String, String> CONFIG = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);

  @AfterEach
  void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.layoffsignals.serde.SampleRecords#everySchemaFullAndEmpty")
  <T extends SpecificRecord> void valueComesBackEqualThroughTheMockRegistry(String description, T record) {
    try (SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(SampleRecords.classOf(record))) {
      serde.configure(CONFIG, false);

      byte[] bytes = serde.serializer().serialize("topic-a", record);
      T read = serde.deserializer().deserialize("topic-a", bytes);

      assertThat(read).isEqualTo(record);
      assertThat(read.getClass()).isEqualTo(record.getClass());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.layoffsignals.serde.SampleRecords#everySchemaFullAndEmpty")
  <T extends SpecificRecord> void registersThePublishedSchemaUnderTheValueSubject(String description, T record) {
    try (SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(SampleRecords.classOf(record))) {
      serde.configure(CONFIG, false);

      serde.serializer().serialize("topic-a", record);

      RegisteredSchema latest = MockSchemaRegistry.clientForScope(SCOPE).getLatestVersion("topic-a-value");
      assertThat(latest.schema()).isEqualTo(PublishedSchemas.parse(record.getSchema().getName()));
      assertThat(latest.schema().toString()).doesNotContain("avro.java.string");
    }
  }

  @Test
  void keySerdeRegistersUnderTheKeySubject() {
    try (SpecificAvroSerde<StockTick> serde = new SpecificAvroSerde<>(StockTick.class)) {
      serde.configure(CONFIG, true);

      byte[] bytes = serde.serializer().serialize("stock-ticks", SampleRecords.stockTick());

      assertThat(MockSchemaRegistry.clientForScope(SCOPE).getAllSubjects()).containsExactly("stock-ticks-key");
      assertThat(serde.deserializer().deserialize("stock-ticks", bytes)).isEqualTo(SampleRecords.stockTick());
    }
  }

  @Test
  void nullIsATombstoneBothWays() {
    try (SpecificAvroSerde<StockTick> serde = new SpecificAvroSerde<>(StockTick.class)) {
      serde.configure(CONFIG, false);

      assertThat(serde.serializer().serialize("stock-ticks", null)).isNull();
      assertThat(serde.deserializer().deserialize("stock-ticks", null)).isNull();
      assertThat(MockSchemaRegistry.clientForScope(SCOPE).getAllSubjects()).isEmpty();
    }
  }

  @Test
  void serializerAndDeserializerInstancesShareTheScopeRegistry() {
    SpecificAvroSerializer<StockTick> serializer = new SpecificAvroSerializer<>();
    serializer.configure(CONFIG, false);
    SpecificAvroDeserializer<StockTick> deserializer = new SpecificAvroDeserializer<>(StockTick.class);
    deserializer.configure(CONFIG, false);

    byte[] bytes = serializer.serialize("stock-ticks", SampleRecords.stockTick());

    assertThat(deserializer.deserialize("stock-ticks", bytes)).isEqualTo(SampleRecords.stockTick());
    serializer.close();
    deserializer.close();
  }

  @Test
  void sameSchemaOnTwoTopicsGetsOneIdAndTwoSubjects() {
    try (SpecificAvroSerde<StockTick> serde = new SpecificAvroSerde<>(StockTick.class)) {
      serde.configure(CONFIG, false);

      byte[] first = serde.serializer().serialize("stock-ticks", SampleRecords.stockTick());
      byte[] second = serde.serializer().serialize("stock-ticks-replay", SampleRecords.stockTick());

      assertThat(second).isEqualTo(first);
      assertThat(MockSchemaRegistry.clientForScope(SCOPE).getAllSubjects())
          .containsExactly("stock-ticks-replay-value", "stock-ticks-value");
    }
  }
}
