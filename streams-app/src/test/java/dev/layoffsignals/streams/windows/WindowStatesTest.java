package dev.layoffsignals.streams.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.WindowDimension;
import dev.layoffsignals.schemas.WindowPeriod;
import dev.layoffsignals.schemas.WindowStatus;
import dev.layoffsignals.streams.codec.BinaryReader;
import dev.layoffsignals.streams.codec.BinaryWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The window state codec remembers the members it wrote, and writes the same bytes either way. */
class WindowStatesTest {

  static final Instant T = Instant.parse("2022-11-09T05:00:00Z");
  static final WindowRef MARKET = new WindowRef(WindowDimension.MARKET, "all",
      CalendarWindow.containing(WindowPeriod.MONTH, LocalDate.of(2022, 11, 9)));

  static WindowState.Entry entry(String id, int headcount, Double car01) {
    return new WindowState.Entry(new Member(id, "Company " + id, null, headcount, car01, null, false), T);
  }

  static WindowState state(Map<String, WindowState.Entry> members) {
    WindowState state = new WindowState(MARKET, members, null);
    return state.emitted(WindowAggregate.of(MARKET.dimension(), MARKET.value(), MARKET.window(),
        state.members().values().stream().map(WindowState.Entry::member).toList(), WindowStatus.PROVISIONAL, T));
  }

  static byte[] bytes(WindowStates codec, WindowState state) {
    BinaryWriter out = new BinaryWriter();
    codec.write(state, out);
    return out.toByteArray();
  }

  @Test
  @DisplayName("a member written before is copied, not encoded again, and the bytes are those of a fresh codec")
  void remembersMembers() {
    WindowStates codec = new WindowStates();
    WindowState first = state(Map.of("a", entry("a", 100, 0.01), "b", entry("b", 200, -0.02)));
    assertThat(bytes(codec, first)).isEqualTo(bytes(new WindowStates(), first));
    assertThat(codec.remembered()).isEqualTo(2);

    // one member changes: the other keeps its instance, the changed one is a new instance
    WindowState second = first.with("b", entry("b", 250, -0.02)).with("c", entry("c", 50, null));
    assertThat(bytes(codec, second)).isEqualTo(bytes(new WindowStates(), second));
    assertThat(codec.remembered()).as("a remembered; b's new entry and c added").isEqualTo(4);

    // the same instance under another key is written under that key, not copied
    WindowState.Entry a = first.members().get("a");
    WindowState renamed = state(Map.of("z", a));
    assertThat(bytes(codec, renamed)).isEqualTo(bytes(new WindowStates(), renamed));

    assertThat(codec.read(new BinaryReader(bytes(codec, second), "test"))).isEqualTo(second);
  }

  @Test
  @DisplayName("it remembers at most twice its capacity")
  void bounded() {
    WindowStates codec = new WindowStates();
    for (int i = 0; i < 3 * WindowStates.REMEMBERED_MEMBERS; i++) {
      bytes(codec, new WindowState(MARKET, Map.of("m" + i, entry("m" + i, i, null)), null));
    }
    assertThat(codec.remembered()).isBetween(WindowStates.REMEMBERED_MEMBERS, 2 * WindowStates.REMEMBERED_MEMBERS);
  }
}
