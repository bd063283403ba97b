package dev.layoffsignals.streams.codec;

import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A generated Avro record embedded in an internal format: plain Avro binary with the class's own
 * schema, length-prefixed, no registry id. Readers use the same schema, so a change to the schema
 * needs a new format byte in the serdes that embed it (and a reader for the old one).
 *
 * <p>{@link #remembering} makes one that keeps the encodings of the instances it wrote last, by
 * identity, and copies them when the same instance is written again. A store value that holds a
 * list of records is written whole after every change to any of them (the open announcements of
 * a ticker after each of its closes): the unchanged ones, the same instances as before, then
 * cost a copy instead of an Avro encoding. It relies on what the topology does anyway: a record,
 * once stored or forwarded, is never modified (generated Avro records have setters; nothing calls
 * them on such an instance).
 */
public final class AvroBinary<T extends SpecificRecord> implements Codec<T> {

  private final Class<T> type;
  private final SpecificDatumWriter<T> writer;
  private final SpecificDatumReader<T> reader;
  private final RecentEncodings<T, byte[]> recent;

  public AvroBinary(Class<T> type) {
    this(type, null);
  }

  private AvroBinary(Class<T> type, RecentEncodings<T, byte[]> recent) {
    this.type = type;
    this.writer = new SpecificDatumWriter<>(type);
    this.reader = new SpecificDatumReader<>(type);
    this.recent = recent;
  }

  /**
   * A codec that remembers the encodings of at least the last {@code instances} instances it wrote
   * (at most twice as many), by identity; the bytes are those of {@link #AvroBinary(Class)}.
   */
  public static <T extends SpecificRecord> AvroBinary<T> remembering(Class<T> type, int instances) {
    return new AvroBinary<>(type, new RecentEncodings<>(instances)); // which refuses fewer than one
  }

  @Override
  public void write(T value, BinaryWriter out) {
    if (recent == null) {
      encode(value, out);
      return;
    }
    byte[] known = recent.get(value);
    if (known != null) {
      out.writeBytes(known);
      return;
    }
    int from = out.size() + 4; // after the length
    encode(value, out);
    recent.put(value, out.copyOfRange(from, out.size()));
  }

  private void encode(T value, BinaryWriter out) {
    try {
      // straight into the writer's buffer: no intermediate array, no copies
      out.writeLengthPrefixed(stream -> {
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(stream, null);
        writer.write(value, encoder);
        encoder.flush();
      });
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot write " + type.getSimpleName() + " as Avro binary: " + e.getMessage(), e);
    }
  }

  /** How many encodings it remembers now (0 unless {@link #remembering}); for tests. */
  int remembered() {
    return recent == null ? 0 : recent.size();
  }

  @Override
  public T read(BinaryReader in) {
    byte[] bytes = in.readBytes();
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
    try {
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw in.malformed("trailing bytes after the " + type.getSimpleName());
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException s) {
        throw s;
      }
      throw in.malformed("cannot read " + type.getSimpleName() + " as Avro binary: " + e);
    }
  }
}
