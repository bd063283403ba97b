package dev.layoffsignals.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A {@link BinaryDecoder} over one record's bytes that refuses a length or an item count larger
 * than what is left of them, before anything is allocated.
 *
 * <p>Avro allocates a string, a byte array or an array of items with the size the data declares
 * and only then finds that the bytes run out. Fifteen bytes with a valid header and a declared
 * string length of a billion make it allocate a gigabyte: an {@link OutOfMemoryError} on a normal
 * heap, which no exception handler catches, so one such record stops a Kafka Streams thread, and
 * the JVM with {@code -XX:+ExitOnOutOfMemoryError}, every time it is read again. Here such a
 * record is a truncated body like any other.
 *
 * <p>Every item of a schema takes at least one byte, except {@code null} and a record without
 * fields: an array or map of those with more items than bytes left is refused too. None of our
 * schemas has one.
 */
final class BoundedDecoder extends Decoder {

  private final BinaryDecoder in;

  BoundedDecoder(BinaryDecoder in) {
    this.in = in;
  }

  /** The declared length of a string or bytes, once checked against the bytes left. */
  private int length(long declared) throws IOException {
    if (declared < 0) {
      throw new AvroRuntimeException("Malformed data. Length is negative: " + declared);
    }
    if (declared > in.inputStream().available()) {
      throw new EOFException("a length of " + declared + " bytes is more than what is left of the record");
    }
    return (int) declared;
  }

  /** A block's item count, once checked against the bytes left (0 ends the array or map). */
  private long items(long count) throws IOException {
    if (count > in.inputStream().available()) {
      throw new EOFException("a block of " + count + " items is more than what is left of the record");
    }
    return count;
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = length(in.readLong());
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    if (length > 0) {
      in.readFixed(result.getBytes(), 0, length);
    }
    return result;
  }

  @Override
  public String readString() throws IOException {
    return readString(null).toString();
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = length(in.readLong());
    ByteBuffer result;
    if (old != null && old.hasArray() && length <= old.capacity()) {
      result = old;
      result.clear();
    } else {
      result = ByteBuffer.allocate(length);
    }
    in.readFixed(result.array(), result.arrayOffset() + result.position(), length);
    result.limit(length);
    return result;
  }

  @Override
  public long readArrayStart() throws IOException {
    return items(in.readArrayStart());
  }

  @Override
  public long arrayNext() throws IOException {
    return items(in.arrayNext());
  }

  @Override
  public long readMapStart() throws IOException {
    return items(in.readMapStart());
  }

  @Override
  public long mapNext() throws IOException {
    return items(in.mapNext());
  }

  // skipping allocates nothing: the binary decoder's own checks are enough

  @Override
  public void skipString() throws IOException {
    in.skipString();
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipBytes();
  }

  @Override
  public long skipArray() throws IOException {
    return in.skipArray();
  }

  @Override
  public long skipMap() throws IOException {
    return in.skipMap();
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    in.readFixed(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    in.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    return in.readEnum();
  }

  @Override
  public int readIndex() throws IOException {
    return in.readIndex();
  }
}
