package dev.layoffsignals.streams.reaction;

import dev.layoffsignals.eventstudy.CloseHistory;
import dev.layoffsignals.streams.codec.BinaryReader;
import dev.layoffsignals.streams.codec.BinaryWriter;
import dev.layoffsignals.streams.codec.Codec;
import dev.layoffsignals.streams.codec.VersionedSerde;
import org.apache.kafka.common.serialization.Serde;

/** Format 1 of a {@link CloseHistory}: capacity, count, then (epoch day, close) pairs in date order. */
public final class CloseHistories implements Codec<CloseHistory> {

  public static final int FORMAT = 1;

  public static Serde<CloseHistory> serde() {
    return new VersionedSerde<>("close history", FORMAT, new CloseHistories());
  }

  @Override
  public void write(CloseHistory history, BinaryWriter out) {
    int[] days = history.epochDays();
    double[] closes = history.closes();
    out.writeInt(history.capacity()).writeInt(days.length);
    for (int i = 0; i < days.length; i++) {
      out.writeInt(days[i]).writeDouble(closes[i]);
    }
  }

  @Override
  public CloseHistory read(BinaryReader in) {
    int capacity = in.readInt();
    int count = in.readCount(12);
    int[] days = new int[count];
    double[] closes = new double[count];
    for (int i = 0; i < count; i++) {
      days[i] = in.readInt();
      closes[i] = in.readDouble();
    }
    try {
      return CloseHistory.of(capacity, days, closes);
    } catch (IllegalArgumentException e) {
      throw in.malformed(e.getMessage());
    }
  }
}
