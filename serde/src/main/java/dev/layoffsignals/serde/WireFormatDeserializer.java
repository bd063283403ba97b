package dev.layoffsignals.serde;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent's wire format: checks the header, fetches the writer schema by id, and decodes the
 * body with a reader the subclass builds for that writer schema.
 *
 * <p>Every malformed input raises a {@link SerializationException} whose message names the topic,
 * the schema id once it is known, and the reason, in a fixed form:
 * {@code Cannot deserialize record from topic 'stock-ticks' with schema id 3: truncated Avro body ...}.
 * The topology sends such records to a dead-letter topic with this message, so the texts are
 * part of our contract; tests pin them.
 *
 * <p>A declared length or item count larger than the bytes left is a truncated body, refused before
 * anything is allocated ({@link BoundedDecoder}): a few bytes cannot make it allocate gigabytes.
 *
 * <p>Thread-safe. Readers are cached per writer schema id; decoders are reused per thread.
 */
abstract class WireFormatDeserializer<T> implements Deserializer<T> {

  private final boolean ownsClient;
  private SchemaRegistryClient client;
  private final ConcurrentMap<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
  /** Never null, so the factory always reconfigures the thread's decoder instead of allocating one. */
  private final ThreadLocal<BinaryDecoder> decoders =
      ThreadLocal.withInitial(() -> DecoderFactory.get().binaryDecoder(new byte[0], null));

  WireFormatDeserializer(SchemaRegistryClient client) {
    this.client = client;
    this.ownsClient = client == null;
  }

  /**
   * A reader of data written with {@code writer}.
   *
   * @throws ReaderUnavailable when this deserializer cannot read that writer schema
   */
  abstract DatumReader<T> newReader(Schema writer);

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (client == null) {
      client = SchemaRegistryClientFactory.create(configs);
    }
  }

  @Override
  public T deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length < WireFormat.HEADER_SIZE) {
      throw failure(topic, null, "too short: " + bytes.length + " byte" + (bytes.length == 1 ? "" : "s")
          + " (expected at least 5: magic byte 0x00 and a 4-byte schema id)", null);
    }
    if (bytes[0] != WireFormat.MAGIC_BYTE) {
      throw failure(topic, null, String.format("unknown magic byte 0x%02x (expected 0x00)", bytes[0] & 0xff), null);
    }
    int id = WireFormat.readSchemaId(bytes);
    DatumReader<T> reader = readerFor(topic, id);
    BinaryDecoder decoder = DecoderFactory.get()
        .binaryDecoder(bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, decoders.get());
    T value;
    try {
      value = reader.read(null, new BoundedDecoder(decoder));
    } catch (EOFException e) {
      throw failure(topic, id, "truncated Avro body: " + (bytes.length - WireFormat.HEADER_SIZE)
          + " bytes end before the record does", e);
    } catch (IOException | RuntimeException e) {
      throw failure(topic, id, "invalid Avro body: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    try {
      if (!decoder.isEnd()) {
        int left = decoder.inputStream().available();
        throw failure(topic, id, left + " unread byte" + (left == 1 ? "" : "s") + " after the end of the record", null);
      }
    } catch (IOException e) {
      throw failure(topic, id, "cannot check the end of the Avro body: " + e.getMessage(), e);
    }
    return value;
  }

  /** The reader of the schema id met last: a topic carries one id for long stretches. */
  private record LastReader<T>(int id, DatumReader<T> reader) {
  }

  private volatile LastReader<T> lastReader;

  private DatumReader<T> readerFor(String topic, int id) {
    LastReader<T> last = lastReader;
    if (last != null && last.id() == id) {
      return last.reader();
    }
    DatumReader<T> reader = lookUpReader(topic, id);
    lastReader = new LastReader<>(id, reader);
    return reader;
  }

  private DatumReader<T> lookUpReader(String topic, int id) {
    DatumReader<T> reader = readersByWriterId.get(id);
    if (reader != null) {
      return reader;
    }
    if (client == null) {
      throw failure(topic, id, "the deserializer was not configured with " + AvroSerdeConfig.SCHEMA_REGISTRY_URL, null);
    }
    Schema writer;
    try {
      writer = client.getSchemaById(id);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
        throw failure(topic, id, "schema id not found in the schema registry", e);
      }
      throw failure(topic, id, "schema registry unavailable: " + e.getMessage(), e);
    }
    try {
      reader = newReader(writer);
    } catch (ReaderUnavailable e) {
      throw failure(topic, id, e.getMessage(), e);
    }
    DatumReader<T> previous = readersByWriterId.putIfAbsent(id, reader);
    return previous == null ? reader : previous;
  }

  private static SerializationException failure(String topic, Integer id, String reason, Throwable cause) {
    String message = "Cannot deserialize record from topic '" + topic + "'"
        + (id == null ? "" : " with schema id " + id) + ": " + reason;
    return cause == null ? new SerializationException(message) : new SerializationException(message, cause);
  }

  @Override
  public void close() {
    if (ownsClient && client != null) {
      client.close();
    }
  }

  /** Why no reader can be built for a writer schema; its message becomes the reason of the failure. */
  static final class ReaderUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReaderUnavailable(String reason) {
      super(reason);
    }
  }
}
