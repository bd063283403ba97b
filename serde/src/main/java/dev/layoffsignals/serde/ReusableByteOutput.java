package dev.layoffsignals.serde;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * An unsynchronised, resettable byte buffer, one per thread in the serializer, so serializing a record
 * allocates only its result array.
 */
final class ReusableByteOutput extends OutputStream {

  private byte[] buffer = new byte[256];
  private int count;

  void reset() {
    count = 0;
  }

  void writeInt(int value) {
    ensureCapacity(4);
    buffer[count++] = (byte) (value >>> 24);
    buffer[count++] = (byte) (value >>> 16);
    buffer[count++] = (byte) (value >>> 8);
    buffer[count++] = (byte) value;
  }

  @Override
  public void write(int b) {
    ensureCapacity(1);
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    ensureCapacity(length);
    System.arraycopy(bytes, offset, buffer, count, length);
    count += length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, count);
  }

  private void ensureCapacity(int extra) {
    if (count + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + extra));
    }
  }
}
