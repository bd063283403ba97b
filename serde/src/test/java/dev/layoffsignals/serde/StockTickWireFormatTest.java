package dev.layoffsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pins our bytes to Confluent's wire format, built by hand from the Avro specification. */
class StockTickWireFormatTest {

  private static final String SCOPE = "wire-format";

  @AfterEach
  void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void stockTickIsWrittenAsMagicByteSchemaIdAndAvroBinary() {
    StockTick tick = StockTick.newBuilder()
        .setSymbol("META")
        .setTradedAt(Instant.parse("2023-02-01T21:00:00Z")) // 1_675_285_200_000 ms
        .setPrice(100.5)
        .setVolume(1000L)
        .setKind(TickKind.CLOSE)
        .build();
    byte[] expected = bytes(
        0x00,                                           // magic byte
        0x00, 0x00, 0x00, 0x01,                         // schema id 1, big-endian: first in a fresh registry
        0x08, 'M', 'E', 'T', 'A',                       // symbol: length 4 zig-zag = 8, then UTF-8
        0x80, 0xf2, 0xbb, 0xec, 0xc1, 0x61,             // traded_at: 1675285200000 zig-zag = 3350570400000, varint
        0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x59, 0x40, // price: 100.5 = 0x4059200000000000, little-endian
        0xd0, 0x0f,                                     // volume: 1000 zig-zag = 2000 = 0b1111_1010000, varint
        0x04);                                          // kind: CLOSE is symbol 2, zig-zag = 4
    SpecificAvroSerializer<StockTick> serializer = new SpecificAvroSerializer<>();
    serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE), false);

    byte[] actual = serializer.serialize("stock-ticks", tick);

    assertThat(actual).containsExactly(expected);
    serializer.close();
  }

  @Test
  void schemaIdIsWrittenBigEndian() {
    InMemorySchemaRegistryClient registry = MockSchemaRegistry.clientForScope(SCOPE);
    // take ids 1..258 with throw-away schemas, so StockTick's id is 259 = 0x00000103
    for (int i = 0; i < 258; i++) {
      registry.register("filler-" + i, org.apache.avro.SchemaBuilder.record("Filler" + i).fields().endRecord());
    }
    SpecificAvroSerializer<StockTick> serializer = new SpecificAvroSerializer<>(registry);
    serializer.configure(Map.of(), false);

    byte[] actual = serializer.serialize("stock-ticks", SampleRecords.stockTick());

    assertThat(actual).startsWith(bytes(0x00, 0x00, 0x00, 0x01, 0x03));
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
