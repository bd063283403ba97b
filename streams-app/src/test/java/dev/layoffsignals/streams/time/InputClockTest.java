package dev.layoffsignals.streams.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InputClockTest {

  static final List<String> DATA = List.of("stock-ticks", "layoff-records", "articles");
  static final String HEARTBEATS = "heartbeats";

  static InputClock clock() {
    return new InputClock(DATA, HEARTBEATS);
  }

  @Test
  @DisplayName("the clock is unknown until every data partition has a time, then the earliest of them; heartbeats' own time is not part of it")
  void earliestOfTheDataPartitions() {
    InputClock c = clock();
    c.advance("stock-ticks", 500);
    c.advance("articles", 300);
    c.advance(HEARTBEATS, 50);
    assertThat(c.clock()).isEqualTo(Long.MIN_VALUE);
    c.advance("layoff-records", 400);
    assertThat(c.clock()).isEqualTo(300);
    assertThat(c.advance("articles", 200)).as("time never goes back").isFalse();
    assertThat(c.time("articles")).isEqualTo(300);
    assertThat(c.time(HEARTBEATS)).isEqualTo(50);
  }

  @Test
  @DisplayName("a heartbeat raises at once the partitions it does not list, or lists at offset 0, or that are read that far")
  void immediateRaises() {
    InputClock c = clock();
    c.read("stock-ticks", 0);
    c.read("stock-ticks", 1);
    assertThat(c.vouch(Map.of("stock-ticks", 2L, "layoff-records", 0L), 1000)).isTrue();
    assertThat(c.clock()).isEqualTo(1000);
    assertThat(c.pendingCount("stock-ticks")).isZero();
  }

  @Test
  @DisplayName("a raise for offsets not read yet waits: it applies when the last record before its offset is read,"
      + " or before a record at or past it is judged")
  void pendingRaises() {
    InputClock c = clock();
    c.read("stock-ticks", 0);
    assertThat(c.vouch(Map.of("stock-ticks", 3L, "articles", 1L), 1000)).as("layoff-records, not listed, is raised").isTrue();
    assertThat(c.time("stock-ticks")).isEqualTo(Long.MIN_VALUE);
    assertThat(c.pendingCount("stock-ticks")).isEqualTo(1);

    assertThat(c.arrive("stock-ticks", 1)).isFalse();
    assertThat(c.read("stock-ticks", 1)).isFalse();
    assertThat(c.arrive("stock-ticks", 2)).as("offset 2 is vouched for: judged before the raise").isFalse();
    assertThat(c.read("stock-ticks", 2)).isTrue();
    assertThat(c.time("stock-ticks")).isEqualTo(1000);

    // offset 0 of articles was never seen (a record the deserializer rejected): the next one at or past it applies it
    assertThat(c.arrive("articles", 5)).isTrue();
    assertThat(c.clock()).isEqualTo(1000);
  }

  @Test
  @DisplayName("pending raises stay ordered by offset; one made useless by a higher one at an earlier offset is dropped")
  void pendingOrder() {
    InputClock c = clock();
    c.vouch(Map.of("articles", 10L), 100);
    c.vouch(Map.of("articles", 20L), 200);
    c.vouch(Map.of("articles", 15L), 300);   // drops (20, 200)
    c.vouch(Map.of("articles", 30L), 250);   // covered by (15, 300): not kept
    assertThat(c.pendingCount("articles")).isEqualTo(2);
    c.read("articles", 9);
    assertThat(c.time("articles")).isEqualTo(100);
    c.read("articles", 14);
    assertThat(c.time("articles")).isEqualTo(300);
    assertThat(c.pendingCount("articles")).isZero();
  }

  @Test
  @DisplayName("a sender vouching for offsets that never come fails loudly instead of growing without bound")
  void boundedPending() {
    InputClock c = clock();
    for (int i = 1; i <= InputClock.MAX_PENDING; i++) {
      c.vouch(Map.of("articles", (long) i), i);
    }
    assertThatThrownBy(() -> c.vouch(Map.of("articles", InputClock.MAX_PENDING + 1L), InputClock.MAX_PENDING + 1L))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("heartbeats pending on articles");
  }

  @Test
  @DisplayName("positions are the times and offsets without the pending raises, copied into a scratch clock")
  void positions() {
    InputClock c = clock();
    c.advance("stock-ticks", 500);
    c.read("stock-ticks", 41);
    c.vouch(Map.of("stock-ticks", 50L), 700);
    InputClock scratch = clock();

    assertThat(c.copyPositionsTo(scratch)).isSameAs(scratch);
    assertThat(scratch.hasPending()).isFalse();
    assertThat(scratch.toString()).isEqualTo(c.toString().replace(" pending 1", ""))
        .contains("stock-ticks: time 500 next 42");
    assertThatThrownBy(() -> scratch.copyPositionsTo(c)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("the store's serde keeps times, offsets and pending raises")
  void serdeRoundTrip() {
    InputClock c = clock();
    c.advance("stock-ticks", 500);
    c.read("stock-ticks", 41);
    c.advance(HEARTBEATS, 700);
    c.vouch(Map.of("stock-ticks", 50L, "articles", 3L), 700);
    Serde<InputClock> serde = InputClock.serde(DATA, HEARTBEATS);
    InputClock back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", c));
    assertThat(back).isEqualTo(c).hasToString(c.toString());
    assertThat(back.pendingCount("stock-ticks")).isEqualTo(1);
    back.read("stock-ticks", 49);
    assertThat(back.time("stock-ticks")).isEqualTo(700);
  }
}
