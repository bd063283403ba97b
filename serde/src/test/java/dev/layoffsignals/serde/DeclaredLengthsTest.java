package dev.layoffsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.StockTick;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A few bytes that declare a huge string, byte array, array or map are refused as a truncated body
 * without allocating what they declare: before the fix, 15 bytes made Avro allocate a gigabyte, an
 * OutOfMemoryError that no exception handler catches (a poison pill for Kafka Streams).
 */
class DeclaredLengthsTest {

  private static final String SCOPE = "declared-lengths";
  /** What a refused record may allocate at most: far below what it declares. */
  private static final long MAX_ALLOCATED = 1 << 20;
  private static final long BILLION = 1_000_000_000L;

  private final InMemorySchemaRegistryClient registry = MockSchemaRegistry.clientForScope(SCOPE);

  @AfterEach
  void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void hugeStringLengthIsATruncatedBody() {
    int id = registry.register("stock-ticks-value", AvroSchemas.withoutJavaProperties(StockTick.getClassSchema()));
    SpecificAvroDeserializer<StockTick> ticks = new SpecificAvroDeserializer<>(StockTick.class, registry);
    byte[] bytes = record(id, varLong(BILLION), new byte[] {'M', 'E', 'T', 'A'});

    assertRefusedWithoutAllocating(() -> ticks.deserialize("stock-ticks", bytes),
        "Cannot deserialize record from topic 'stock-ticks' with schema id " + id
            + ": truncated Avro body: " + (bytes.length - 5) + " bytes end before the record does");
  }

  @Test
  void hugeArrayCountInAGeneratedRecordIsATruncatedBody() {
    LayoffAnnouncement valid = SampleRecords.announcementEmpty();
    SpecificAvroSerializer<LayoffAnnouncement> serializer = new SpecificAvroSerializer<>(registry);
    byte[] bytes = serializer.serialize("layoff-records", valid);
    // the empty record ends with: reasons (empty array: 0x00), evidence (null branch), confidence,
    // sources (empty: 0x00), source_count, version; make the reasons array declare a billion items
    int reasons = bytes.length - 1 - 1 - 1 - 8 - 1 - 1;
    int id = bytes[4];
    assertThat(bytes[reasons]).as("reasons: an empty array").isZero();
    byte[] crafted = concat(java.util.Arrays.copyOf(bytes, reasons), varLong(BILLION), new byte[] {0x00});
    SpecificAvroDeserializer<LayoffAnnouncement> records = new SpecificAvroDeserializer<>(LayoffAnnouncement.class, registry);

    assertRefusedWithoutAllocating(() -> records.deserialize("layoff-records", crafted),
        "Cannot deserialize record from topic 'layoff-records' with schema id " + id + ": truncated Avro body: "
            + (crafted.length - 5) + " bytes end before the record does");
  }

  @Test
  void hugeBytesArrayAndMapAreTruncatedBodies() {
    Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Blob\",\"fields\":["
        + "{\"name\":\"b\",\"type\":\"bytes\"},"
        + "{\"name\":\"xs\",\"type\":{\"type\":\"array\",\"items\":\"long\"}},"
        + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":\"long\"}}]}");
    int id = registry.register("blobs-value", schema);
    GenericAvroDeserializer generic = new GenericAvroDeserializer(null, registry);
    byte[] empty = {0x00, 0x00, 0x00};

    GenericRecord read = generic.deserialize("blobs", record(id, new byte[] {0x02, 0x2a}, new byte[] {0x02, 0x02, 0x00},
        new byte[] {0x02, 0x02, 'k', 0x04, 0x00}));
    assertThat(read.get("b")).isEqualTo(ByteBuffer.wrap(new byte[] {0x2a}));
    assertThat(List.copyOf((List<?>) read.get("xs"))).isEqualTo(List.of(1L));
    assertThat(read.get("m").toString()).isEqualTo(Map.of("k", 2L).toString());

    byte[] hugeBytes = record(id, varLong(BILLION), empty);
    assertRefusedWithoutAllocating(() -> generic.deserialize("blobs", hugeBytes),
        "Cannot deserialize record from topic 'blobs' with schema id " + id + ": truncated Avro body: 8 bytes end before the record does");
    byte[] hugeArray = record(id, new byte[] {0x00}, varLong(BILLION), new byte[] {0x02, 0x00, 0x00});
    assertRefusedWithoutAllocating(() -> generic.deserialize("blobs", hugeArray),
        "Cannot deserialize record from topic 'blobs' with schema id " + id + ": truncated Avro body: 9 bytes end before the record does");
    byte[] hugeMap = record(id, new byte[] {0x00, 0x00}, varLong(BILLION), new byte[] {0x02, 'k', 0x02, 0x00});
    assertRefusedWithoutAllocating(() -> generic.deserialize("blobs", hugeMap),
        "Cannot deserialize record from topic 'blobs' with schema id " + id + ": truncated Avro body: 11 bytes end before the record does");
    byte[] negative = record(id, varLong(-3), empty);
    assertThatThrownBy(() -> generic.deserialize("blobs", negative)).isInstanceOf(SerializationException.class)
        .hasMessage("Cannot deserialize record from topic 'blobs' with schema id " + id
            + ": invalid Avro body: AvroRuntimeException: Malformed data. Length is negative: -3");
  }

  private static void assertRefusedWithoutAllocating(Executable deserialize, String message) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    Throwable thrown = null;
    try {
      deserialize.execute();
    } catch (Throwable t) {
      thrown = t;
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertThat(thrown).isInstanceOf(SerializationException.class).hasMessage(message);
    assertThat(allocated).as("bytes allocated while refusing the record").isLessThan(MAX_ALLOCATED);
  }

  /** The wire format: magic byte, schema id, then the body parts. */
  private static byte[] record(int id, byte[]... body) {
    return concat(new byte[] {0x00, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id}, concat(body));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Avro's zig-zag variable-length long. */
  private static byte[] varLong(long n) {
    long z = (n << 1) ^ (n >> 63);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((z & ~0x7fL) != 0) {
      out.write((int) ((z & 0x7f) | 0x80));
      z >>>= 7;
    }
    out.write((int) z);
    return out.toByteArray();
  }
}
