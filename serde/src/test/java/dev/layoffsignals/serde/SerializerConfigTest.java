package dev.layoffsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.schemas.StockTick;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerializerConfigTest {

  private static final String SCOPE = "serializer-config";

  private final InMemorySchemaRegistryClient registry = MockSchemaRegistry.clientForScope(SCOPE);

  @AfterEach
  void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void keepingJavaPropertiesRegistersTheGeneratedSchemaAsIs() {
    SpecificAvroSerializer<StockTick> serializer = new SpecificAvroSerializer<>(registry);
    serializer.configure(Map.of(AvroSerdeConfig.AVRO_REMOVE_JAVA_PROPERTIES, "false"), false);

    serializer.serialize("stock-ticks", SampleRecords.stockTick());

    assertThat(registry.getLatestVersion("stock-ticks-value").schema()).isEqualTo(StockTick.getClassSchema());
  }

  @Test
  void useLatestVersionTagsRecordsWithTheLatestId() {
    registry.register("unrelated", SchemaBuilder.record("Unrelated").fields().endRecord());
    registry.register("stock-ticks-value", AvroSchemas.withoutJavaProperties(StockTick.getClassSchema()));
    SpecificAvroSerializer<StockTick> serializer = new SpecificAvroSerializer<>(registry);
    serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
        AvroSerdeConfig.USE_LATEST_VERSION, true), false);

    byte[] bytes = serializer.serialize("stock-ticks", SampleRecords.stockTick());

    assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0x00, 0x00, 0x00, 0x00, 0x02);
  }

  @Test
  void useLatestVersionRefusesWhenTheLatestIsAnotherSchema() {
    registry.register("stock-ticks-value", SchemaBuilder.record("dev.layoffsignals.schemas.StockTick").fields()
        .requiredString("symbol").endRecord());
    SpecificAvroSerializer<StockTick> serializer = new SpecificAvroSerializer<>(registry);
    serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
        AvroSerdeConfig.USE_LATEST_VERSION, true), false);

    assertThatThrownBy(() -> serializer.serialize("stock-ticks", SampleRecords.stockTick()))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Cannot serialize record for topic 'stock-ticks': the latest version (1, schema id 1) of subject"
            + " 'stock-ticks-value' is not the schema of dev.layoffsignals.schemas.StockTick, and use.latest.version"
            + " only writes records of the latest schema");
  }

  @Test
  void invalidBooleanIsAConfigError() {
    SpecificAvroSerializer<StockTick> serializer = new SpecificAvroSerializer<>(registry);

    assertThatThrownBy(() -> serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "yes"), false))
        .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
        .hasMessageContaining("auto.register.schemas");
  }

  @Test
  void threadsSharingOneSerdeWriteTheSameBytesAsOneThread() throws Exception {
    SpecificAvroSerde<StockTick> serde = new SpecificAvroSerde<>(StockTick.class, registry);
    serde.configure(Map.of(), false);
    List<StockTick> ticks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ticks.add(StockTick.newBuilder(SampleRecords.stockTick()).setVolume(i).setSymbol("S" + "X".repeat(i)).build());
    }
    List<byte[]> expected = ticks.stream().map(t -> serde.serializer().serialize("stock-ticks", t)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int worker = 0; worker < 4; worker++) {
        tasks.add(() -> {
          for (int i = 0; i < ticks.size(); i++) {
            byte[] bytes = serde.serializer().serialize("stock-ticks", ticks.get(i));
            if (!Arrays.equals(bytes, expected.get(i))
                || !serde.deserializer().deserialize("stock-ticks", bytes).equals(ticks.get(i))) {
              return false;
            }
          }
          return true;
        });
      }
      for (Future<Boolean> result : pool.invokeAll(tasks)) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
