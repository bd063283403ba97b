package dev.layoffsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every way bytes can be wrong, with the exact message the dead-letter topic will carry.
 */
class BadBytesTest {

  private static final String SCOPE = "bad-bytes";

  private final InMemorySchemaRegistryClient registry = MockSchemaRegistry.clientForScope(SCOPE);
  private final SpecificAvroSerializer<StockTick> serializer = new SpecificAvroSerializer<>(registry);
  private final SpecificAvroDeserializer<StockTick> deserializer = new SpecificAvroDeserializer<>(StockTick.class, registry);

  @AfterEach
  void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void bytesShorterThanTheHeaderAreRefused() {
    assertThatThrownBy(() -> deserializer.deserialize("stock-ticks", new byte[] {0x00, 0x00, 0x01}))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Cannot deserialize record from topic 'stock-ticks': too short: 3 bytes"
            + " (expected at least 5: magic byte 0x00 and a 4-byte schema id)");
  }

  @Test
  void emptyBytesAreRefusedNotReadAsATombstone() {
    assertThatThrownBy(() -> deserializer.deserialize("stock-ticks", new byte[0]))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Cannot deserialize record from topic 'stock-ticks': too short: 0 bytes"
            + " (expected at least 5: magic byte 0x00 and a 4-byte schema id)");
  }

  @Test
  void jsonInsteadOfAvroIsAnUnknownMagicByte() {
    byte[] json = "{\"symbol\":\"META\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> deserializer.deserialize("stock-ticks", json))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Cannot deserialize record from topic 'stock-ticks': unknown magic byte 0x7b (expected 0x00)");
  }

  @Test
  void schemaIdTheRegistryDoesNotKnowIsRefused() {
    byte[] bytes = {0x00, 0x00, 0x00, 0x00, 0x2a, 0x08, 'M', 'E', 'T', 'A'};

    assertThatThrownBy(() -> deserializer.deserialize("stock-ticks", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Cannot deserialize record from topic 'stock-ticks' with schema id 42:"
            + " schema id not found in the schema registry");
  }

  @Test
  void truncatedBodyIsRefused() {
    byte[] valid = serializer.serialize("stock-ticks", SampleRecords.stockTick());
    byte[] truncated = Arrays.copyOf(valid, valid.length - 3);

    assertThatThrownBy(() -> deserializer.deserialize("stock-ticks", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Cannot deserialize record from topic 'stock-ticks' with schema id 1: truncated Avro body: "
            + (truncated.length - 5) + " bytes end before the record does");
  }

  @Test
  void negativeStringLengthIsAnInvalidBody() {
    registry.register("stock-ticks-value", AvroSchemas.withoutJavaProperties(StockTick.getClassSchema()));
    byte[] bytes = {0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 'M', 'E', 'T', 'A'}; // 0x01 = length -1

    assertThatThrownBy(() -> deserializer.deserialize("stock-ticks", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Cannot deserialize record from topic 'stock-ticks' with schema id 1: invalid Avro body:"
            + " AvroRuntimeException: Malformed data. Length is negative: -1");
  }

  @Test
  void enumIndexOutOfRangeIsAnInvalidBody() {
    byte[] valid = serializer.serialize("stock-ticks", SampleRecords.stockTick());
    byte[] garbage = valid.clone();
    garbage[garbage.length - 1] = 0x0e; // kind: symbol 7 of 3

    assertThatThrownBy(() -> deserializer.deserialize("stock-ticks", garbage))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Cannot deserialize record from topic 'stock-ticks' with schema id 1: invalid Avro body:"
            + " ArrayIndexOutOfBoundsException: Index 7 out of bounds for length 3");
  }

  @Test
  void bytesAfterTheRecordAreRefused() {
    byte[] valid = serializer.serialize("stock-ticks", SampleRecords.stockTick());
    byte[] longer = Arrays.copyOf(valid, valid.length + 2);

    assertThatThrownBy(() -> deserializer.deserialize("stock-ticks", longer))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Cannot deserialize record from topic 'stock-ticks' with schema id 1:"
            + " 2 unread bytes after the end of the record");
  }

  @Test
  void recordOfAnotherTypeIsRefusedWithTheSchemaNames() {
    SpecificAvroSerializer<Article> articles = new SpecificAvroSerializer<>(registry);
    byte[] article = articles.serialize("articles", SampleRecords.articleFull());

    assertThatThrownBy(() -> deserializer.deserialize("stock-ticks", article))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("Cannot deserialize record from topic 'stock-ticks' with schema id 1:"
            + " writer schema dev.layoffsignals.schemas.Article cannot be read as dev.layoffsignals.schemas.StockTick: ");
  }

  @Test
  void unreachableRegistryIsReportedWithTheSchemaId() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpSchemaRegistryClient unreachable = new HttpSchemaRegistryClient(
        List.of(URI.create("http://127.0.0.1:" + closedPort)), null, RetryPolicy.NONE,
        Duration.ofSeconds(1), Duration.ofSeconds(1));
    SpecificAvroDeserializer<StockTick> offline = new SpecificAvroDeserializer<>(StockTick.class, unreachable);

    assertThatThrownBy(() -> offline.deserialize("stock-ticks", new byte[] {0x00, 0x00, 0x00, 0x00, 0x07, 0x00}))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Cannot deserialize record from topic 'stock-ticks' with schema id 7: schema registry unavailable:"
            + " Schema registry unreachable at http://127.0.0.1:" + closedPort
            + " (GET /schemas/ids/7): ConnectException after 1 attempt (HTTP 0, error code 0)");
  }

  @Test
  void nullInARequiredFieldIsRefusedBySerializer() {
    StockTick noSymbol = new StockTick(null, Instant.parse("2023-02-01T21:00:00Z"), 100.5, 1000L, TickKind.CLOSE);

    assertThatThrownBy(() -> serializer.serialize("stock-ticks", noSymbol))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Cannot serialize record for topic 'stock-ticks' with schema id 1:"
            + " invalid dev.layoffsignals.schemas.StockTick:"
            + " null value for (non-nullable) string at StockTick.symbol");
  }

  @Test
  void serializingWithoutATopicIsRefusedSinceTheSubjectNeedsOne() {
    assertThatThrownBy(() -> serializer.serialize(null, SampleRecords.stockTick()))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Cannot serialize record without a topic: the subject is named after the topic");
  }

  @Test
  void serializerWithoutAutoRegistrationRefusesAnUnregisteredSchema() {
    SpecificAvroSerializer<StockTick> strict = new SpecificAvroSerializer<>(registry);
    strict.configure(java.util.Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

    assertThatThrownBy(() -> strict.serialize("stock-ticks", SampleRecords.stockTick()))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Cannot serialize record for topic 'stock-ticks': no schema id for"
            + " dev.layoffsignals.schemas.StockTick in subject 'stock-ticks-value':"
            + " Subject 'stock-ticks-value' not found. (HTTP 404, error code 40401)");
  }

  @Test
  void serializerWithoutAutoRegistrationUsesTheRegisteredId() {
    registry.register("other-value", org.apache.avro.SchemaBuilder.record("Other").fields().endRecord());
    int id = registry.register("stock-ticks-value", AvroSchemas.withoutJavaProperties(StockTick.getClassSchema()));
    SpecificAvroSerializer<StockTick> strict = new SpecificAvroSerializer<>(registry);
    strict.configure(java.util.Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

    byte[] bytes = strict.serialize("stock-ticks", SampleRecords.stockTick());

    assertThat(id).isEqualTo(2);
    assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0x00, 0x00, 0x00, 0x00, 0x02);
  }
}
