package dev.layoffsignals.streams.codec;

/** How one internal type is written to and read from a binary format (without the format byte). */
public interface Codec<T> {

  void write(T value, BinaryWriter out);

  T read(BinaryReader in);
}
