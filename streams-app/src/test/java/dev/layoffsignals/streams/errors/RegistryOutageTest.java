package dev.layoffsignals.streams.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.serde.SchemaRegistryException;
import dev.layoffsignals.serde.SpecificAvroDeserializer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exception handlers' decision on registry failures: an outage is not bad input (FAIL, nothing
 * sent to dead-letters, nothing counted, the outage noted), an answer about the record's schema id
 * is (dead-letters, as any unreadable record).
 */
class RegistryOutageTest {

  private static final byte[] KEY = "ACME".getBytes(StandardCharsets.UTF_8);
  /** Wire format: magic byte, schema id 7, an Avro body the reader never gets to. */
  private static final byte[] VALUE = {0, 0, 0, 0, 7, 2, 'x'};

  /** A registry failure as the serde reports it: a SerializationException around the client's exception. */
  private static SerializationException serde(int httpStatus, int errorCode, String message) {
    return new SerializationException("Cannot deserialize record from topic 'stock-ticks' with schema id 7: "
        + "schema registry unavailable: " + message, new SchemaRegistryException(httpStatus, errorCode, message));
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        // the registry gave no usable answer: an outage, FAIL
        Arguments.of("no response (connection refused, timeout)", serde(SchemaRegistryException.NO_RESPONSE,
            SchemaRegistryException.NO_RESPONSE, "Schema registry unreachable at http://127.0.0.1:1"), true),
        Arguments.of("503 from a registry starting up", serde(503, 503, "HTTP 503"), true),
        Arguments.of("500 with the registry's store error", serde(500, SchemaRegistryException.STORE_ERROR, "Store error"), true),
        Arguments.of("404 that is not the registry's (a proxy, a wrong path)", serde(404, 404, "Not Found"), true),
        Arguments.of("401: credentials", serde(401, 401, "Unauthorized"), true),
        Arguments.of("200 with invalid JSON", serde(200, SchemaRegistryException.NO_RESPONSE, "invalid JSON"), true),
        // the registry answered about the record's schema id: bad input, dead-letters
        Arguments.of("schema id not found (40403)", serde(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema 7 not found"), false),
        Arguments.of("the id names a schema that is not valid Avro", serde(200, SchemaRegistryException.INVALID_SCHEMA,
            "The registry's schema id 7 is a PROTOBUF schema, not an Avro schema"), false),
        // no registry failure at all
        Arguments.of("a truncated Avro body", new SerializationException(
            "Cannot deserialize record from topic 'stock-ticks' with schema id 7: truncated Avro body"), false));
  }

  @ParameterizedTest(name = "{0}: outage {2}")
  @MethodSource("failures")
  @DisplayName("deserialization handler: FAIL on an outage, dead-letters for an answer about the record")
  void deserializationHandler(String what, Exception exception, boolean outage) {
    List<String> counted = new ArrayList<>();
    RegistryOutage outages = new RegistryOutage();
    DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(Map.of(ErrorCounter.CONFIG, (ErrorCounter) (category, topic) -> counted.add(category + " " + topic),
        RegistryOutage.CONFIG, outages));

    DeserializationExceptionHandler.Response response = handler.handleError(context(), record(), exception);

    if (outage) {
      assertThat(response.result()).as(what).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
      assertThat(response.deadLetterQueueRecords()).as("nothing sent to dead-letters").isEmpty();
      assertThat(counted).as("nothing counted as rejected").isEmpty();
      assertThat(outages.last()).as("the outage noted for whoever runs the instance")
          .hasValueSatisfying(s -> assertThat(s).startsWith("stock-ticks[2]@41: "));
    } else {
      assertThat(response.result()).as(what).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
      assertThat(response.deadLetterQueueRecords()).singleElement()
          .satisfies(r -> assertThat(r.topic()).isEqualTo("dead-letters"));
      assertThat(counted).containsExactly("DESERIALIZATION stock-ticks");
      assertThat(outages.last()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}: outage {2}")
  @MethodSource("failures")
  @DisplayName("processing handler (a store's serde failing): FAIL on an outage, dead-letters otherwise")
  void processingHandler(String what, Exception exception, boolean outage) {
    List<String> counted = new ArrayList<>();
    RegistryOutage outages = new RegistryOutage();
    DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
    handler.configure(Map.of(ErrorCounter.CONFIG, (ErrorCounter) (category, topic) -> counted.add(category + " " + topic),
        RegistryOutage.CONFIG, outages));

    ProcessingExceptionHandler.Response response = handler.handleError(context(), new Record<>("ACME", "tick", 1L),
        new RuntimeException("processor failed", exception));

    if (outage) {
      assertThat(response.result()).as(what).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
      assertThat(response.deadLetterQueueRecords()).isEmpty();
      assertThat(counted).isEmpty();
      assertThat(outages.last()).isPresent();
    } else {
      assertThat(response.result()).as(what).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
      assertThat(response.deadLetterQueueRecords()).hasSize(1);
      assertThat(counted).containsExactly("PROCESSING stock-ticks");
      assertThat(outages.last()).isEmpty();
    }
  }

  @Test
  @DisplayName("the serde's own failure, a registry port nobody listens on, after its retries: FAIL, not dead-letters")
  void realDeserializerAgainstADeadRegistry() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: connections are refused
    }
    Map<String, Object> config = new HashMap<>();
    config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:" + port);
    config.put(AvroSerdeConfig.MAX_RETRIES, "1");
    config.put(AvroSerdeConfig.RETRIES_WAIT_MS, "10");
    Exception failure;
    try (SpecificAvroDeserializer<StockTick> deserializer = new SpecificAvroDeserializer<>(StockTick.class)) {
      deserializer.configure(config, false);
      failure = org.junit.jupiter.api.Assertions.assertThrows(SerializationException.class,
          () -> deserializer.deserialize("stock-ticks", VALUE));
    }
    assertThat(failure).hasMessageContaining("schema registry unavailable");
    assertThat(RegistryOutage.of(failure)).hasValueSatisfying(e ->
        assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NO_RESPONSE));

    RegistryOutage outages = new RegistryOutage();
    DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(Map.of(RegistryOutage.CONFIG, outages));
    assertThat(handler.handleError(context(), record(), failure).result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    assertThat(outages.last()).hasValueSatisfying(s -> assertThat(s).contains("Schema registry unreachable at http://127.0.0.1:" + port));
  }

  private static ConsumerRecord<byte[], byte[]> record() {
    return new ConsumerRecord<>("stock-ticks", 2, 41, KEY, VALUE);
  }

  private static ErrorHandlerContext context() {
    Headers headers = new RecordHeaders();
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return "stock-ticks";
      }

      @Override
      public int partition() {
        return 2;
      }

      @Override
      public long offset() {
        return 41;
      }

      @Override
      public Headers headers() {
        return headers;
      }

      @Override
      public String processorNodeId() {
        return "stock-ticks-source";
      }

      @Override
      public TaskId taskId() {
        return new TaskId(0, 2);
      }

      @Override
      public long timestamp() {
        return 1_000L;
      }

      @Override
      public byte[] sourceRawKey() {
        return KEY;
      }

      @Override
      public byte[] sourceRawValue() {
        return VALUE;
      }
    };
  }
}
