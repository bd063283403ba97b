package dev.layoffsignals.streams.reaction;

import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.streams.codec.AvroBinary;
import dev.layoffsignals.streams.codec.BinaryReader;
import dev.layoffsignals.streams.codec.BinaryWriter;
import dev.layoffsignals.streams.codec.Codec;
import dev.layoffsignals.streams.codec.VersionedSerde;
import dev.layoffsignals.streams.events.WindowEvents;
import dev.layoffsignals.streams.windows.Member;
import dev.layoffsignals.streams.windows.WindowRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * Format 1 of the open announcements of one routing key: a count, then for each the announcement
 * (Avro binary), the last reaction (presence byte, Avro binary) and the last membership (presence
 * byte; window count and windows as on window-members; member; as-of millis).
 */
public final class OpenAnnouncements implements Codec<List<OpenAnnouncement>> {

  public static final int FORMAT = 1;

  /** Announcements and reactions whose encodings are kept: more than are open at once in any task. */
  static final int REMEMBERED = 1_024;

  // a key's list is written whole after each change to one of its announcements (after every
  // close of its ticker and of the benchmark): the others are the same instances as last time
  private final AvroBinary<LayoffAnnouncement> announcements = AvroBinary.remembering(LayoffAnnouncement.class, REMEMBERED);
  private final AvroBinary<MarketReaction> reactions = AvroBinary.remembering(MarketReaction.class, REMEMBERED);

  public static Serde<List<OpenAnnouncement>> serde() {
    return new VersionedSerde<>("open announcements", FORMAT, new OpenAnnouncements());
  }

  @Override
  public void write(List<OpenAnnouncement> list, BinaryWriter out) {
    out.writeInt(list.size());
    for (OpenAnnouncement open : list) {
      announcements.write(open.announcement(), out);
      out.writeBoolean(open.lastReaction() != null);
      if (open.lastReaction() != null) {
        reactions.write(open.lastReaction(), out);
      }
      OpenAnnouncement.Membership m = open.lastMembership();
      out.writeBoolean(m != null);
      if (m != null) {
        out.writeInt(m.windows().size());
        for (WindowRef ref : m.windows()) {
          WindowEvents.writeRef(ref, out);
        }
        WindowEvents.writeMember(m.member(), out);
        out.writeLong(m.asOf().toEpochMilli());
      }
    }
  }

  @Override
  public List<OpenAnnouncement> read(BinaryReader in) {
    int count = in.readCount(3);
    List<OpenAnnouncement> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      LayoffAnnouncement announcement = announcements.read(in);
      MarketReaction reaction = in.readBoolean() ? reactions.read(in) : null;
      OpenAnnouncement.Membership membership = null;
      if (in.readBoolean()) {
        int windows = in.readCount(4);
        List<WindowRef> refs = new ArrayList<>(windows);
        for (int w = 0; w < windows; w++) {
          refs.add(WindowEvents.readRef(in));
        }
        Member member = WindowEvents.readMember(announcement.getAnnouncementId(), in);
        membership = new OpenAnnouncement.Membership(refs, member, Instant.ofEpochMilli(in.readLong()));
      }
      list.add(new OpenAnnouncement(announcement, reaction, membership));
    }
    return list;
  }
}
