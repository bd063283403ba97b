package dev.layoffsignals.streams.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the fields of an internal binary format: big-endian fixed-width numbers, length-prefixed
 * UTF-8 strings and byte arrays, and a presence byte before every nullable value.
 *
 * <p>The bytes are those {@link java.io.DataOutputStream} writes for the same calls ({@code writeInt},
 * {@code writeLong}, {@code writeDouble} as {@link Double#doubleToLongBits}), put straight into a
 * growing array: the stream's synchronized write per byte cost more than the values themselves
 * when a window's whole membership is written on every change.
 */
public final class BinaryWriter {

  private byte[] buffer = new byte[128];
  private int size;
  private OutputStream stream;

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }

  public BinaryWriter writeByte(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
    return this;
  }

  public BinaryWriter writeBoolean(boolean value) {
    return writeByte(value ? 1 : 0);
  }

  public BinaryWriter writeInt(int value) {
    ensure(4);
    buffer[size++] = (byte) (value >>> 24);
    buffer[size++] = (byte) (value >>> 16);
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) value;
    return this;
  }

  public BinaryWriter writeLong(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  public BinaryWriter writeDouble(double value) {
    return writeLong(Double.doubleToLongBits(value));
  }

  public BinaryWriter writeBytes(byte[] value) {
    writeInt(value.length);
    ensure(value.length);
    System.arraycopy(value, 0, buffer, size, value.length);
    size += value.length;
    return this;
  }

  /** Writes {@code bytes} as they are, without a length: bytes this writer produced before, copied. */
  public BinaryWriter writeRaw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /**
   * Writes a block as {@link #writeBytes} would write the bytes {@code body} produces, without
   * copying them: the length is filled in once the body has written.
   */
  public BinaryWriter writeLengthPrefixed(Block body) throws IOException {
    int lengthAt = size;
    writeInt(0);
    body.writeTo(stream());
    int length = size - lengthAt - 4;
    buffer[lengthAt] = (byte) (length >>> 24);
    buffer[lengthAt + 1] = (byte) (length >>> 16);
    buffer[lengthAt + 2] = (byte) (length >>> 8);
    buffer[lengthAt + 3] = (byte) length;
    return this;
  }

  /** What writes the bytes of a length-prefixed block. */
  @FunctionalInterface
  public interface Block {
    void writeTo(OutputStream out) throws IOException;
  }

  private OutputStream stream() {
    if (stream == null) {
      stream = new OutputStream() {
        @Override
        public void write(int b) {
          writeByte(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
          ensure(length);
          System.arraycopy(bytes, offset, buffer, size, length);
          size += length;
        }
      };
    }
    return stream;
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
    return Arrays.copyOf(buffer, size);
  }

  /** How many bytes have been written so far. */
  public int size() {
    return size;
  }

  /** A copy of the bytes written from {@code from} (inclusive) to {@code to} (exclusive). */
  public byte[] copyOfRange(int from, int to) {
    if (from < 0 || from > to || to > size) {
      throw new IndexOutOfBoundsException("bytes " + from + " to " + to + " of " + size);
    }
    return Arrays.copyOfRange(buffer, from, to);
  }
}
