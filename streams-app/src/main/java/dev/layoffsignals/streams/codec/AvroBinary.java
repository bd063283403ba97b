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
 */
public final class AvroBinary<T extends SpecificRecord> implements Codec<T> {

  private final Class<T> type;
  private final SpecificDatumWriter<T> writer;
  private final SpecificDatumReader<T> reader;

  public AvroBinary(Class<T> type) {
    this.type = type;
    this.writer = new SpecificDatumWriter<>(type);
    this.reader = new SpecificDatumReader<>(type);
  }

  @Override
  public void write(T value, BinaryWriter out) {
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
