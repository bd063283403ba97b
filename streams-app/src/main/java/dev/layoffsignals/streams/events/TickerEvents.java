package dev.layoffsignals.streams.events;

import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.streams.codec.AvroBinary;
import dev.layoffsignals.streams.codec.BinaryReader;
import dev.layoffsignals.streams.codec.BinaryWriter;
import dev.layoffsignals.streams.codec.Codec;
import dev.layoffsignals.streams.codec.VersionedSerde;
import java.time.LocalDate;
import org.apache.kafka.common.serialization.Serde;

/**
 * Format 1 of {@link TickerEvent} on the ticker-events topic: a kind byte, then
 * <ul>
 *   <li>1 close: symbol, epoch day (int), close (double);</li>
 *   <li>2 report: the {@link LayoffAnnouncement} as Avro binary;</li>
 *   <li>3 watermark: source (int), time (long).</li>
 * </ul>
 */
public final class TickerEvents implements Codec<TickerEvent> {

  public static final int FORMAT = 1;
  static final byte CLOSE = 1;
  static final byte REPORT = 2;
  static final byte WATERMARK = 3;

  private final AvroBinary<LayoffAnnouncement> announcements = new AvroBinary<>(LayoffAnnouncement.class);

  public static Serde<TickerEvent> serde() {
    return new VersionedSerde<>("ticker event", FORMAT, new TickerEvents());
  }

  @Override
  public void write(TickerEvent event, BinaryWriter out) {
    if (event instanceof Close c) {
      out.writeByte(CLOSE).writeString(c.symbol()).writeInt(Math.toIntExact(c.date().toEpochDay()));
      out.writeDouble(c.close());
    } else if (event instanceof Report r) {
      out.writeByte(REPORT);
      announcements.write(r.report(), out);
    } else if (event instanceof Watermark w) {
      out.writeByte(WATERMARK).writeInt(w.source()).writeLong(w.time());
    } else {
      throw new IllegalArgumentException("not a ticker event: " + event);
    }
  }

  @Override
  public TickerEvent read(BinaryReader in) {
    byte kind = in.readByte();
    return switch (kind) {
      case CLOSE -> new Close(in.readString(), LocalDate.ofEpochDay(in.readInt()), in.readDouble());
      case REPORT -> new Report(announcements.read(in));
      case WATERMARK -> new Watermark(in.readInt(), in.readLong());
      default -> throw in.malformed("unknown event kind " + kind);
    };
  }
}
