package dev.layoffsignals.streams.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.schemas.LayoffAnnouncement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AvroBinaryTest {

  private static final AvroBinary<LayoffAnnouncement> PLAIN = new AvroBinary<>(LayoffAnnouncement.class);

  @Test
  @DisplayName("a remembering codec writes the bytes of the plain one, whether it remembers the instance or not")
  void sameBytesRememberedOrNot() {
    AvroBinary<LayoffAnnouncement> remembering = AvroBinary.remembering(LayoffAnnouncement.class, 8);
    LayoffAnnouncement a = InternalSerdesTest.announcement();
    LayoffAnnouncement b = LayoffAnnouncement.newBuilder(a).setAnnouncementId("lfyi-2").setHeadcount(12_000).build();

    byte[] expected = bytes(PLAIN, a, b, a);
    assertThat(bytes(remembering, a, b, a)).as("first write of a and b, then a remembered").isEqualTo(expected);
    assertThat(bytes(remembering, a, b, a)).as("all remembered").isEqualTo(expected);
    assertThat(remembering.remembered()).isEqualTo(2);

    // an equal but other instance is encoded, not looked up: identity, never equality
    LayoffAnnouncement copy = LayoffAnnouncement.newBuilder(a).build();
    assertThat(bytes(remembering, copy)).isEqualTo(bytes(PLAIN, copy));
    assertThat(remembering.remembered()).isEqualTo(3);

    // and what it wrote reads back
    BinaryReader in = new BinaryReader(expected, "test");
    assertThat(List.of(remembering.read(in), remembering.read(in), remembering.read(in))).containsExactly(a, b, a);
  }

  @Test
  @DisplayName("remembers at least the last N instances written and at most 2N")
  void bounded() {
    AvroBinary<LayoffAnnouncement> remembering = AvroBinary.remembering(LayoffAnnouncement.class, 4);
    List<LayoffAnnouncement> written = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      LayoffAnnouncement a = LayoffAnnouncement.newBuilder(InternalSerdesTest.announcement()).setAnnouncementId("a" + i).build();
      written.add(a);
      bytes(remembering, a);
      assertThat(remembering.remembered()).isBetween(Math.min(i + 1, 4), 8);
    }
    // the last four are remembered: writing them again adds nothing
    int before = remembering.remembered();
    bytes(remembering, written.get(16), written.get(17), written.get(18), written.get(19));
    assertThat(remembering.remembered()).isEqualTo(before);
    // the first is long forgotten: written again, it is encoded and remembered anew, in a new
    // generation (the last four are the previous one)
    assertThat(bytes(remembering, written.get(0))).isEqualTo(bytes(PLAIN, written.get(0)));
    assertThat(remembering.remembered()).isEqualTo(5);
  }

  @Test
  void refusesToRememberNothing() {
    assertThatThrownBy(() -> AvroBinary.remembering(LayoffAnnouncement.class, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("remembering at least one instance, not 0");
  }

  @SafeVarargs
  private static byte[] bytes(AvroBinary<LayoffAnnouncement> codec, LayoffAnnouncement... values) {
    BinaryWriter out = new BinaryWriter();
    for (LayoffAnnouncement v : values) {
      codec.write(v, out);
    }
    return out.toByteArray();
  }
}
