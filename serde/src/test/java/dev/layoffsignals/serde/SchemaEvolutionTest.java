package dev.layoffsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.schemas.StockTick;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Producers and consumers upgrade at different times: both directions of a compatible change must read.
 */
class SchemaEvolutionTest {

  private static final String SCOPE = "evolution";
  private static final String SUBJECT = "stock-ticks-value";

  private final InMemorySchemaRegistryClient registry = MockSchemaRegistry.clientForScope(SCOPE);

  @AfterEach
  void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void generatedClassReadsDataFromANewerWriterWithAnExtraField() throws IOException {
    registry.register(SUBJECT, AvroSchemas.withoutJavaProperties(StockTick.getClassSchema()));
    Schema newer = stockTickWithExchange();
    int newerId = registry.register(SUBJECT, newer);
    byte[] bytes = wireFormat(newerId, newer, closeTick(newer, "META", 153.12, 48_290_000L, "NYSE"));
    SpecificAvroDeserializer<StockTick> oldReader = new SpecificAvroDeserializer<>(StockTick.class, registry);

    StockTick read = oldReader.deserialize("stock-ticks", bytes);

    assertThat(newerId).isEqualTo(2);
    assertThat(read).isEqualTo(SampleRecords.stockTick());
  }

  @Test
  void oneDeserializerReadsRecordsOfTwoWriterSchemasInAnyOrder() throws IOException {
    int olderId = registry.register(SUBJECT, AvroSchemas.withoutJavaProperties(StockTick.getClassSchema()));
    byte[] older = new SpecificAvroSerializer<StockTick>(registry).serialize("stock-ticks", SampleRecords.stockTick());
    Schema newer = stockTickWithExchange();
    int newerId = registry.register(SUBJECT, newer);
    byte[] newerBytes = wireFormat(newerId, newer, closeTick(newer, "AAPL", 145.43, 77_663_600L, "NASDAQ"));
    SpecificAvroDeserializer<StockTick> reader = new SpecificAvroDeserializer<>(StockTick.class, registry);

    List<String> symbols = new ArrayList<>();
    for (byte[] bytes : List.of(older, newerBytes, newerBytes, older, newerBytes, older)) {
      symbols.add(reader.deserialize("stock-ticks", bytes).getSymbol());
    }

    assertThat(olderId).isNotEqualTo(newerId);
    assertThat(symbols).containsExactly("META", "AAPL", "AAPL", "META", "AAPL", "META");
  }

  @Test
  void newerReaderReadsOldDataWithTheNewFieldsDefault() {
    SpecificAvroSerializer<StockTick> oldWriter = new SpecificAvroSerializer<>(registry);
    byte[] bytes = oldWriter.serialize("stock-ticks", SampleRecords.stockTick());
    GenericAvroDeserializer newReader = new GenericAvroDeserializer(stockTickWithExchange(), registry);

    GenericRecord read = newReader.deserialize("stock-ticks", bytes);

    assertThat(read.get("symbol")).hasToString("META");
    assertThat(read.get("traded_at")).isEqualTo(1_675_285_200_000L);
    assertThat(read.get("price")).isEqualTo(153.12);
    assertThat(read.get("volume")).isEqualTo(48_290_000L);
    assertThat(read.get("kind")).hasToString("CLOSE");
    assertThat(read.get("exchange")).hasToString("NASDAQ");
  }

  @Test
  void registryRefusesANewVersionThatCannotReadTheLatest() {
    registry.register(SUBJECT, AvroSchemas.withoutJavaProperties(StockTick.getClassSchema()));
    Schema withRequiredField = stockTickWith(new Schema.Field("exchange", Schema.create(Schema.Type.STRING),
        "Listing exchange.", (Object) null));

    assertThatThrownBy(() -> registry.register(SUBJECT, withRequiredField))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.errorCode()).isEqualTo(409);
          assertThat(e.registryMessage()).isEqualTo("Schema being registered is incompatible with the latest schema"
              + " of subject 'stock-ticks-value' (BACKWARD): READER_FIELD_MISSING_DEFAULT_VALUE at /fields/5:"
              + " exchange");
        });
    assertThat(registry.getAllVersions(SUBJECT)).containsExactly(1);
  }

  /** StockTick as it might evolve: a listing exchange, defaulted so old data stays readable. */
  static Schema stockTickWithExchange() {
    return stockTickWith(new Schema.Field("exchange", Schema.create(Schema.Type.STRING), "Listing exchange.", "NASDAQ"));
  }

  private static Schema stockTickWith(Schema.Field extra) {
    Schema base = AvroSchemas.withoutJavaProperties(StockTick.getClassSchema());
    List<Schema.Field> fields = new ArrayList<>();
    base.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(extra);
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }

  /** A CLOSE tick of 2023-02-01T21:00:00Z in the newer schema, which has an exchange. */
  private static GenericRecord closeTick(Schema newer, String symbol, double price, long volume, String exchange) {
    GenericRecord tick = new GenericData.Record(newer);
    tick.put("symbol", symbol);
    tick.put("traded_at", 1_675_285_200_000L);
    tick.put("price", price);
    tick.put("volume", volume);
    tick.put("kind", new GenericData.EnumSymbol(newer.getField("kind").schema(), "CLOSE"));
    tick.put("exchange", exchange);
    return tick;
  }

  private static byte[] wireFormat(int schemaId, Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
