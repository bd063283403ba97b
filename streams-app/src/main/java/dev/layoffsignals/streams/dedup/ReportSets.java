package dev.layoffsignals.streams.dedup;

import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.streams.codec.AvroBinary;
import dev.layoffsignals.streams.codec.BinaryReader;
import dev.layoffsignals.streams.codec.BinaryWriter;
import dev.layoffsignals.streams.codec.Codec;
import dev.layoffsignals.streams.codec.VersionedSerde;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/** Format 1 of the open reports of one routing key: a count, then each report as Avro binary. */
public final class ReportSets implements Codec<List<LayoffAnnouncement>> {

  public static final int FORMAT = 1;

  /** Reports a key's set is written with again after each new one: the earlier ones are the same instances. */
  private final AvroBinary<LayoffAnnouncement> avro = AvroBinary.remembering(LayoffAnnouncement.class, REMEMBERED);
  /** Reports whose encodings are kept: more than are open at once in any task. */
  static final int REMEMBERED = 1_024;

  public static Serde<List<LayoffAnnouncement>> serde() {
    return new VersionedSerde<>("report set", FORMAT, new ReportSets());
  }

  @Override
  public void write(List<LayoffAnnouncement> reports, BinaryWriter out) {
    out.writeInt(reports.size());
    for (LayoffAnnouncement report : reports) {
      avro.write(report, out);
    }
  }

  @Override
  public List<LayoffAnnouncement> read(BinaryReader in) {
    int count = in.readCount(4);
    List<LayoffAnnouncement> reports = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      reports.add(avro.read(in));
    }
    return reports;
  }
}
