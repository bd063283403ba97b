package dev.layoffsignals.streams.events;

import dev.layoffsignals.schemas.WindowDimension;
import dev.layoffsignals.schemas.WindowPeriod;
import dev.layoffsignals.streams.codec.BinaryReader;
import dev.layoffsignals.streams.codec.BinaryWriter;
import dev.layoffsignals.streams.codec.Codec;
import dev.layoffsignals.streams.codec.VersionedSerde;
import dev.layoffsignals.streams.windows.CalendarWindow;
import dev.layoffsignals.streams.windows.Member;
import dev.layoffsignals.streams.windows.WindowRef;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.common.serialization.Serde;

/**
 * Format 1 of {@link WindowEvent} on the window-members topic: a kind byte, then
 * <ul>
 *   <li>1 member change: dimension, value, period (enum names), window start (epoch day),
 *       announcement id, presence byte, and when present company, ticker?, headcount?, CAR[0,+1]?,
 *       CAR[0,+5]?, settled, as-of (epoch ms);</li>
 *   <li>3 watermark: source (int), time (long).</li>
 * </ul>
 * Enums are written by name, so reordering their symbols cannot silently change the meaning of
 * stored bytes.
 */
public final class WindowEvents implements Codec<WindowEvent> {

  public static final int FORMAT = 1;
  static final byte MEMBER = 1;
  static final byte WATERMARK = 3;

  public static Serde<WindowEvent> serde() {
    return new VersionedSerde<>("window event", FORMAT, new WindowEvents());
  }

  @Override
  public void write(WindowEvent event, BinaryWriter out) {
    if (event instanceof MemberChange m) {
      out.writeByte(MEMBER);
      writeRef(m.window(), out);
      out.writeString(m.announcementId());
      out.writeBoolean(m.member() != null);
      if (m.member() != null) {
        writeMember(m.member(), out);
        out.writeLong(m.asOf().toEpochMilli());
      }
    } else if (event instanceof Watermark w) {
      out.writeByte(WATERMARK).writeInt(w.source()).writeLong(w.time());
    } else {
      throw new IllegalArgumentException("not a window event: " + event);
    }
  }

  @Override
  public WindowEvent read(BinaryReader in) {
    byte kind = in.readByte();
    return switch (kind) {
      case MEMBER -> {
        WindowRef ref = readRef(in);
        String id = in.readString();
        if (!in.readBoolean()) {
          yield MemberChange.left(ref, id);
        }
        Member member = readMember(id, in);
        yield new MemberChange(ref, id, member, Instant.ofEpochMilli(in.readLong()));
      }
      case WATERMARK -> new Watermark(in.readInt(), in.readLong());
      default -> throw in.malformed("unknown event kind " + kind);
    };
  }

  public static void writeRef(WindowRef ref, BinaryWriter out) {
    out.writeString(ref.dimension().name()).writeString(ref.value());
    out.writeString(ref.window().period().name()).writeInt(Math.toIntExact(ref.window().start().toEpochDay()));
  }

  public static WindowRef readRef(BinaryReader in) {
    WindowDimension dimension = enumValue(WindowDimension.class, in.readString(), in);
    String value = in.readString();
    WindowPeriod period = enumValue(WindowPeriod.class, in.readString(), in);
    LocalDate start = LocalDate.ofEpochDay(in.readInt());
    return new WindowRef(dimension, value, new CalendarWindow(period, start));
  }

  /** The member without its announcement id (the enclosing record has it). */
  public static void writeMember(Member m, BinaryWriter out) {
    out.writeString(m.company()).writeNullableString(m.ticker()).writeNullableInt(m.headcount());
    out.writeNullableDouble(m.car01()).writeNullableDouble(m.car05()).writeBoolean(m.settled());
  }

  public static Member readMember(String announcementId, BinaryReader in) {
    return new Member(announcementId, in.readString(), in.readNullableString(), in.readNullableInt(),
        in.readNullableDouble(), in.readNullableDouble(), in.readBoolean());
  }

  public static <E extends Enum<E>> E enumValue(Class<E> type, String name, BinaryReader in) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw in.malformed("unknown " + type.getSimpleName() + " " + name);
    }
  }
}
