package dev.layoffsignals.streams.windows;

import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.streams.codec.AvroBinary;
import dev.layoffsignals.streams.codec.BinaryReader;
import dev.layoffsignals.streams.codec.BinaryWriter;
import dev.layoffsignals.streams.codec.Codec;
import dev.layoffsignals.streams.codec.RecentEncodings;
import dev.layoffsignals.streams.codec.VersionedSerde;
import dev.layoffsignals.streams.events.WindowEvents;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * Format 1 of a {@link WindowState}: the window (as on window-members), a member count, then for
 * each its announcement id, member and as-of millis, then the last emitted aggregate (presence
 * byte, Avro binary).
 *
 * <p>A window is written whole after every change to one of its members, and a market window has
 * hundreds: the codec keeps the bytes of the members (and of the aggregate) it wrote last, by
 * identity, and copies them when the same instance is written again (a state changed by
 * {@link WindowState#with} keeps the other members' instances; see {@link RecentEncodings}).
 */
public final class WindowStates implements Codec<WindowState> {

  public static final int FORMAT = 1;

  /** Members remembered; a few times what is open at once in the benchmark's replay (about 1,500). */
  static final int REMEMBERED_MEMBERS = 8_192;

  private final AvroBinary<ReactionWindow> avro = AvroBinary.remembering(ReactionWindow.class, 1_024);
  private final RecentEncodings<WindowState.Entry, Encoded> recent = new RecentEncodings<>(REMEMBERED_MEMBERS);

  /** A member as written: its id (the key it was written under) and its bytes. */
  private record Encoded(String id, byte[] bytes) {
  }

  public static Serde<WindowState> serde() {
    return new VersionedSerde<>("window state", FORMAT, new WindowStates());
  }

  @Override
  public void write(WindowState state, BinaryWriter out) {
    WindowEvents.writeRef(state.ref(), out);
    out.writeInt(state.members().size());
    state.members().forEach((id, entry) -> {
      Encoded known = recent.get(entry);
      if (known != null && known.id().equals(id)) {
        out.writeRaw(known.bytes());
        return;
      }
      int from = out.size();
      out.writeString(id);
      WindowEvents.writeMember(entry.member(), out);
      out.writeLong(entry.asOf().toEpochMilli());
      recent.put(entry, new Encoded(id, out.copyOfRange(from, out.size())));
    });
    out.writeBoolean(state.lastEmitted() != null);
    if (state.lastEmitted() != null) {
      avro.write(state.lastEmitted(), out);
    }
  }

  /** How many members' bytes it remembers now; for tests. */
  int remembered() {
    return recent.size();
  }

  @Override
  public WindowState read(BinaryReader in) {
    WindowRef ref = WindowEvents.readRef(in);
    int count = in.readCount(8);
    Map<String, WindowState.Entry> members = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      String id = in.readString();
      Member member = WindowEvents.readMember(id, in);
      members.put(id, new WindowState.Entry(member, Instant.ofEpochMilli(in.readLong())));
    }
    ReactionWindow last = in.readBoolean() ? avro.read(in) : null;
    return new WindowState(ref, members, last);
  }
}
