package dev.layoffsignals.streams.codec;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the fields of an internal binary format: big-endian fixed-width numbers, length-prefixed
 * UTF-8 strings and byte arrays, and a presence byte before every nullable value.
 */
public final class BinaryWriter {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
  private final DataOutputStream out = new DataOutputStream(bytes);

  public BinaryWriter writeByte(int value) {
    try {
      out.writeByte(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream never throws
    }
    return this;
  }

  public BinaryWriter writeBoolean(boolean value) {
    return writeByte(value ? 1 : 0);
  }

  public BinaryWriter writeInt(int value) {
    try {
      out.writeInt(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public BinaryWriter writeLong(long value) {
    try {
      out.writeLong(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public BinaryWriter writeDouble(double value) {
    try {
      out.writeDouble(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public BinaryWriter writeBytes(byte[] value) {
    writeInt(value.length);
    try {
      out.write(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public BinaryWriter writeString(String value) {
    return writeBytes(value.getBytes(StandardCharsets.UTF_8));
  }

  public BinaryWriter writeNullableString(String value) {
    writeBoolean(value != null);
    return value == null ? this : writeString(value);
  }

  public BinaryWriter writeNullableInt(Integer value) {
    writeBoolean(value != null);
    return value == null ? this : writeInt(value);
  }

  public BinaryWriter writeNullableDouble(Double value) {
    writeBoolean(value != null);
    return value == null ? this : writeDouble(value);
  }

  public byte[] toByteArray() {
    return bytes.toByteArray();
  }
}
