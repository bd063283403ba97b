package dev.layoffsignals.streams.codec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads what {@link BinaryWriter} wrote. Truncated or malformed input fails with a
 * {@link SerializationException} that says what was being read, never with a buffer exception.
 */
public final class BinaryReader {

  private final ByteBuffer buffer;
  private final String what;

  public BinaryReader(byte[] bytes, String what) {
    this.buffer = ByteBuffer.wrap(bytes);
    this.what = what;
  }

  public byte readByte() {
    try {
      return buffer.get();
    } catch (BufferUnderflowException e) {
      throw truncated();
    }
  }

  public boolean readBoolean() {
    byte b = readByte();
    if (b != 0 && b != 1) {
      throw malformed("expected a boolean byte 0 or 1, found " + b);
    }
    return b == 1;
  }

  public int readInt() {
    try {
      return buffer.getInt();
    } catch (BufferUnderflowException e) {
      throw truncated();
    }
  }

  public long readLong() {
    try {
      return buffer.getLong();
    } catch (BufferUnderflowException e) {
      throw truncated();
    }
  }

  public double readDouble() {
    try {
      return buffer.getDouble();
    } catch (BufferUnderflowException e) {
      throw truncated();
    }
  }

  /** A length-prefixed byte array. */
  public byte[] readBytes() {
    int length = readInt();
    if (length < 0 || length > buffer.remaining()) {
      throw malformed("length " + length + " exceeds the " + buffer.remaining() + " bytes left");
    }
    byte[] value = new byte[length];
    buffer.get(value);
    return value;
  }

  public String readString() {
    return new String(readBytes(), StandardCharsets.UTF_8);
  }

  public String readNullableString() {
    return readBoolean() ? readString() : null;
  }

  public Integer readNullableInt() {
    return readBoolean() ? readInt() : null;
  }

  public Double readNullableDouble() {
    return readBoolean() ? readDouble() : null;
  }

  /** A count of elements to follow: not negative, and not more than the bytes left could hold. */
  public int readCount(int minBytesPerElement) {
    int count = readInt();
    if (count < 0 || (long) count * minBytesPerElement > buffer.remaining()) {
      throw malformed("element count " + count + " does not fit in the " + buffer.remaining() + " bytes left");
    }
    return count;
  }

  /** Fails unless every byte was read: trailing bytes mean the format was misread. */
  public void requireEnd() {
    if (buffer.hasRemaining()) {
      throw malformed(buffer.remaining() + " unread byte(s) at the end");
    }
  }

  public SerializationException malformed(String reason) {
    return new SerializationException("Malformed " + what + ": " + reason);
  }

  private SerializationException truncated() {
    return new SerializationException("Malformed " + what + ": truncated at byte " + buffer.position());
  }
}
