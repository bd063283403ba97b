package dev.layoffsignals.streams.codec;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of an internal topic or store: a leading format byte, then the codec's bytes. A reader
 * that meets a format it does not know fails loudly instead of misreading state written by another
 * version of the application; a new format gets a new byte, and the old one stays readable.
 * {@code null} is written as {@code null} (tombstones, deletes). No schema registry is involved.
 */
public final class VersionedSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

  private final String name;
  private final byte format;
  private final Codec<T> codec;

  /**
   * @param name what the bytes are, for error messages
   * @param format the format byte written in front of every value
   */
  public VersionedSerde(String name, int format, Codec<T> codec) {
    this.name = Objects.requireNonNull(name, "name");
    this.format = (byte) format;
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  @Override
  public byte[] serialize(String topic, T value) {
    if (value == null) {
      return null;
    }
    BinaryWriter out = new BinaryWriter();
    out.writeByte(format);
    codec.write(value, out);
    return out.toByteArray();
  }

  @Override
  public T deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    BinaryReader in = new BinaryReader(bytes, name);
    byte found = in.readByte();
    if (found != format) {
      throw new SerializationException("Unknown format " + (found & 0xff) + " of " + name
          + (topic == null ? "" : " on " + topic) + " (this version reads format " + (format & 0xff) + ")");
    }
    T value = codec.read(in);
    in.requireEnd();
    return value;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // nothing to configure: the format is fixed
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void close() {
    // nothing to release
  }
}
