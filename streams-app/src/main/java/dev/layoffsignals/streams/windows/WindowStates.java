package dev.layoffsignals.streams.windows;

import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.streams.codec.AvroBinary;
import dev.layoffsignals.streams.codec.BinaryReader;
import dev.layoffsignals.streams.codec.BinaryWriter;
import dev.layoffsignals.streams.codec.Codec;
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
 */
public final class WindowStates implements Codec<WindowState> {

  public static final int FORMAT = 1;

  private final AvroBinary<ReactionWindow> avro = new AvroBinary<>(ReactionWindow.class);

  public static Serde<WindowState> serde() {
    return new VersionedSerde<>("window state", FORMAT, new WindowStates());
  }

  @Override
  public void write(WindowState state, BinaryWriter out) {
    WindowEvents.writeRef(state.ref(), out);
    out.writeInt(state.members().size());
    state.members().forEach((id, entry) -> {
      out.writeString(id);
      WindowEvents.writeMember(entry.member(), out);
      out.writeLong(entry.asOf().toEpochMilli());
    });
    out.writeBoolean(state.lastEmitted() != null);
    if (state.lastEmitted() != null) {
      avro.write(state.lastEmitted(), out);
    }
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
