package dev.layoffsignals.streams;

import static dev.layoffsignals.streams.ReactionTopologyTest.header;
import static dev.layoffsignals.streams.TopologyFixture.at;
import static dev.layoffsignals.streams.TopologyFixture.startOfDay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.streams.errors.ErrorCategory;
import dev.layoffsignals.streams.errors.ErrorRecords;
import dev.layoffsignals.streams.events.TickerEvent;
import dev.layoffsignals.streams.events.TickerEvents;
import dev.layoffsignals.streams.events.Watermark;
import dev.layoffsignals.topics.ErrorHeaders;
import dev.layoffsignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad records go to dead-letters with the reason in headers, bytes untouched, counted; nothing is dropped silently. */
class ErrorRoutingTest {

  static final LocalDate WED = LocalDate.of(2024, 6, 12);
  static final Instant CLOSE = at(WED, 16, 0);

  static Stream<Arguments> invalidTicks() {
    return Stream.of(
        Arguments.of("NaN price", tick(t -> t.setPrice(Double.NaN)), "price NaN is not positive and finite"),
        Arguments.of("negative price", tick(t -> t.setPrice(-3.5)), "price -3.5 is not positive and finite"),
        Arguments.of("zero price", tick(t -> t.setPrice(0.0)), "price 0.0 is not positive and finite"),
        Arguments.of("infinite price", tick(t -> t.setPrice(Double.POSITIVE_INFINITY)), "price Infinity is not positive and finite"),
        Arguments.of("negative volume", tick(t -> t.setVolume(-1L)), "volume -1 is negative"),
        Arguments.of("lower-case symbol", tick(t -> t.setSymbol("acme")), "symbol 'acme' is not an upper-case ticker symbol"),
        Arguments.of("epoch zero", tick(t -> t.setTradedAt(Instant.EPOCH)),
            "traded_at 1970-01-01T00:00:00Z is outside 1990-01-01T00:00:00Z .. 2100-01-01T00:00:00Z"),
        Arguments.of("a close on a Saturday", tick(t -> t.setTradedAt(at(LocalDate.of(2024, 6, 15), 16, 0))),
            "a session close on a SATURDAY (2024-06-15T20:00:00Z) is impossible"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTicks")
  @DisplayName("impossible ticks are INVALID")
  void invalidTick(String what, StockTick tick, String reason) {
    try (TopologyFixture f = new TopologyFixture()) {
      byte[] bytes = Topics.STOCK_TICKS.valueSerde(f.settings.serdeConfig()).serializer().serialize("stock-ticks", tick);
      f.rawTicks.pipeInput(bytes("ACME"), bytes, CLOSE);

      assertThat(f.deadLetters.readRecordsToList()).singleElement().satisfies(r -> {
        assertThat(r.key()).isEqualTo(bytes("ACME"));
        assertThat(r.value()).isEqualTo(bytes);
        assertThat(header(r.headers().lastHeader(ErrorHeaders.CATEGORY))).isEqualTo("INVALID");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.REASON))).isEqualTo(reason);
        assertThat(header(r.headers().lastHeader(ErrorHeaders.SOURCE_TOPIC))).isEqualTo("stock-ticks");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.SOURCE_OFFSET))).isEqualTo("0");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.PROCESSOR))).isEqualTo("ingest-stock-ticks");
        assertThat(r.headers().lastHeader(ErrorHeaders.EXCEPTION)).isNull();
      });
      assertThat(f.errors.get(ErrorCategory.INVALID, "stock-ticks")).isEqualTo(1);
      assertThat(f.late.isEmpty()).isTrue();
    }
  }

  static Stream<Arguments> invalidRecords() {
    return Stream.of(
        Arguments.of("blank company", record(a -> a.setCompany(" ")), "company is blank"),
        Arguments.of("negative headcount", record(a -> a.setHeadcount(-20)), "headcount -20 is not positive"),
        Arguments.of("workforce share over 100 %", record(a -> a.setWorkforcePct(130.0)),
            "workforce_pct 130.0 is not a percentage between 0 and 100"),
        Arguments.of("date-only but not at midnight", record(a -> a.setAnnouncedAt(at(WED, 9, 0))),
            "a date-only announcement must be stamped 00:00 America/New_York, not 2024-06-12T13:00:00Z"),
        Arguments.of("year 2150", record(a -> a.setAnnouncedAt(Instant.parse("2150-01-01T05:00:00Z"))),
            "announced_at 2150-01-01T05:00:00Z is outside 1990-01-01T00:00:00Z .. 2100-01-01T00:00:00Z"),
        Arguments.of("confidence NaN", record(a -> a.setConfidence(Double.NaN)), "confidence NaN is not between 0 and 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRecords")
  @DisplayName("impossible layoff records are INVALID")
  void invalidRecord(String what, LayoffAnnouncement record, String reason) {
    try (TopologyFixture f = new TopologyFixture()) {
      byte[] bytes = Topics.LAYOFF_RECORDS.valueSerde(f.settings.serdeConfig()).serializer().serialize("layoff-records", record);
      f.rawRecords.pipeInput(bytes("r1"), bytes, CLOSE);

      assertThat(f.deadLetters.readRecordsToList()).singleElement().satisfies(r -> {
        assertThat(r.value()).isEqualTo(bytes);
        assertThat(header(r.headers().lastHeader(ErrorHeaders.CATEGORY))).isEqualTo("INVALID");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.REASON))).isEqualTo(reason);
        assertThat(header(r.headers().lastHeader(ErrorHeaders.PROCESSOR))).isEqualTo("ingest-layoff-records");
      });
      assertThat(f.announcements.isEmpty()).isTrue();
      assertThat(f.errors.get(ErrorCategory.INVALID, "layoff-records")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("bytes that are not Avro in the registry's wire format: DESERIALIZATION, through Kafka Streams' dead-letter handler")
  void undeserializable() {
    try (TopologyFixture f = new TopologyFixture()) {
      byte[] json = "{\"symbol\":\"ACME\",\"price\":12.5}".getBytes(StandardCharsets.UTF_8);
      f.rawTicks.pipeInput(new TestRecord<>(bytes("ACME"), json,
          new RecordHeaders().add("trace", bytes("t-1")), CLOSE));

      assertThat(f.deadLetters.readRecordsToList()).singleElement().satisfies(r -> {
        assertThat(r.key()).isEqualTo(bytes("ACME"));
        assertThat(r.value()).isEqualTo(json);
        assertThat(header(r.headers().lastHeader("trace"))).as("original headers kept").isEqualTo("t-1");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.CATEGORY))).isEqualTo("DESERIALIZATION");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.REASON)))
            .isEqualTo("Cannot deserialize record from topic 'stock-ticks': unknown magic byte 0x7b (expected 0x00)");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.EXCEPTION)))
            .isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.SOURCE_TOPIC))).isEqualTo("stock-ticks");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.PROCESSOR))).isEqualTo("stock-ticks-source");
        assertThat(r.timestamp()).isEqualTo(CLOSE.toEpochMilli());
      });
      assertThat(f.errors.get(ErrorCategory.DESERIALIZATION, "stock-ticks")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a tombstone on an input topic is INVALID, not an event")
  void tombstone() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.rawRecords.pipeInput(bytes("r1"), null, CLOSE);

      assertThat(f.deadLetters.readRecordsToList()).singleElement().satisfies(r -> {
        assertThat(r.value()).isNull();
        assertThat(header(r.headers().lastHeader(ErrorHeaders.REASON))).isEqualTo("no value (a tombstone or an empty record)");
      });
    }
  }

  @Test
  @DisplayName("a record with an impossible time does not move stream time, so it makes nothing else late")
  void impossibleTimeDoesNotMoveStreamTime() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.close("QQQ", WED, 400.0);
      f.ticks.pipeInput("QQQ", tick(t -> t.setTradedAt(Instant.parse("2150-06-12T20:00:00Z"))), CLOSE);
      f.close("QQQ", WED.plusDays(1), 401.0);

      assertThat(f.deadLetters.readRecordsToList()).hasSize(1);
      assertThat(f.late.isEmpty()).isTrue();
    }
  }

  @Test
  @DisplayName("a processor that fails on a record: PROCESSING, and the next record is processed")
  void processingFailure() {
    try (TopologyFixture f = new TopologyFixture()) {
      TestInputTopic<String, TickerEvent> internal = f.driver.createInputTopic(
          f.applicationId + "-ticker-events-repartition",
          Serdes.String().serializer(), TickerEvents.serde().serializer());
      internal.pipeInput("~watermark", new Watermark(-1, CLOSE.toEpochMilli()), CLOSE); // a partition cannot be negative

      assertThat(f.deadLetters.readRecordsToList()).singleElement().satisfies(r -> {
        assertThat(header(r.headers().lastHeader(ErrorHeaders.CATEGORY))).isEqualTo("PROCESSING");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.PROCESSOR))).isEqualTo("track-ticker-event-watermarks");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.REASON))).startsWith("watermark from a negative partition");
        assertThat(r.value()).as("the internal record's bytes").isEqualTo(
            TickerEvents.serde().serializer().serialize("t", new Watermark(-1, CLOSE.toEpochMilli())));
      });
      assertThat(f.errors.total(ErrorCategory.PROCESSING)).isEqualTo(1);

      f.record(TopologyFixture.announcement("r1", "Acme", "ACME", "Software", startOfDay(WED), TimePrecision.DATE, 10));
      assertThat(f.announcements.readRecordsToList()).hasSize(1);
    }
  }

  @Test
  @DisplayName("a copy larger than Kafka Streams' producer sends goes to dead-letters without its value, the reason saying so:"
      + " sent whole, it would fail the exactly-once transaction at every restart")
  void tooLargeToCopy() {
    try (TopologyFixture f = new TopologyFixture()) {
      byte[] garbage = ("{\"symbol\":\"" + "A".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
      f.rawTicks.pipeInput(bytes("ACME"), garbage, CLOSE);
      byte[] invalid = Topics.LAYOFF_RECORDS.valueSerde(f.settings.serdeConfig()).serializer()
          .serialize("layoff-records", record(a -> {
            a.setHeadcount(-1);
            a.setEvidence("E".repeat(2_000_000));
          }));
      f.rawRecords.pipeInput(bytes("r1"), invalid, CLOSE);

      List<TestRecord<byte[], byte[]>> deadLetters = f.deadLetters.readRecordsToList();
      assertThat(deadLetters).hasSize(2);
      assertThat(deadLetters.get(0)).satisfies(r -> {
        assertThat(r.key()).isEqualTo(bytes("ACME"));
        assertThat(r.value()).isNull();
        assertThat(header(r.headers().lastHeader(ErrorHeaders.CATEGORY))).isEqualTo("DESERIALIZATION");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.REASON))).isEqualTo("Cannot deserialize record from topic"
            + " 'stock-ticks': unknown magic byte 0x7b (expected 0x00); written without its value: its " + (4 + garbage.length)
            + " bytes are more than Kafka Streams' producer sends (max.request.size 1048576)");
      });
      assertThat(deadLetters.get(1)).satisfies(r -> {
        assertThat(r.key()).isEqualTo(bytes("r1"));
        assertThat(r.value()).isNull();
        assertThat(header(r.headers().lastHeader(ErrorHeaders.REASON))).isEqualTo("headcount -1 is not positive;"
            + " written without its value: its " + (2 + invalid.length) + " bytes are more than Kafka Streams' producer sends"
            + " (max.request.size 1048576)");
      });
      assertThat(f.errors.get(ErrorCategory.DESERIALIZATION, "stock-ticks")).isEqualTo(1);
      assertThat(f.errors.get(ErrorCategory.INVALID, "layoff-records")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("the limit is Kafka Streams' producer's: producer.max.request.size, else max.request.size, else 1 MB")
  void maxRequestSize() {
    assertThat(ErrorRecords.maxRequestSize(java.util.Map.of())).isEqualTo(1_048_576);
    assertThat(ErrorRecords.maxRequestSize(java.util.Map.of("max.request.size", "5000000"))).isEqualTo(5_000_000);
    assertThat(ErrorRecords.maxRequestSize(java.util.Map.of("max.request.size", 5_000_000, "producer.max.request.size", " 8000000 ")))
        .isEqualTo(8_000_000);
  }

  static StockTick tick(Consumer<StockTick> change) {
    StockTick t = new StockTick("ACME", CLOSE, 12.5, 1000L, TickKind.CLOSE);
    change.accept(t);
    return t;
  }

  static LayoffAnnouncement record(Consumer<LayoffAnnouncement> change) {
    LayoffAnnouncement a = TopologyFixture.announcement("r1", "Acme", "ACME", "Software", startOfDay(WED), TimePrecision.DATE, 100);
    change.accept(a);
    return a;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
