package dev.layoffsignals.streams.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.streams.events.Watermark;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The clock of a task reading a repartition topic: the minimum of its upstream tasks' watermarks. */
class WatermarkTrackerTest {

  private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
  private final KeyValueStore<Integer, Long> store = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore("watermarks"), Serdes.Integer(), Serdes.Long()).withLoggingDisabled().build();

  WatermarkTrackerTest() {
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }

  private WatermarkTracker<Object> started() {
    WatermarkTracker<Object> tracker = new WatermarkTracker<>("watermarks", 2, w -> w);
    tracker.init(context);
    return tracker;
  }

  private List<Long> clocksAfter(WatermarkTracker<Object> tracker, int source, long time) {
    context.resetForwards();
    tracker.process(new Record<>("~watermark", new Watermark(source, time), time));
    return context.forwarded().stream().map(f -> ((Watermark) f.record().value()).time()).toList();
  }

  @Test
  @DisplayName("the clock is the minimum over every expected upstream, forwarded once each time it advances")
  void minimumOfUpstreams() {
    WatermarkTracker<Object> tracker = started();
    assertThat(clocksAfter(tracker, 0, 100)).as("upstream 1 has not reported").isEmpty();
    assertThat(WatermarkTracker.clock(store)).isEqualTo(WatermarkTracker.NONE);
    assertThat(clocksAfter(tracker, 1, 50)).containsExactly(50L);
    assertThat(clocksAfter(tracker, 1, 40)).as("older than what upstream 1 sent").isEmpty();
    assertThat(clocksAfter(tracker, 1, 120)).containsExactly(100L);
    assertThat(clocksAfter(tracker, 0, 110)).containsExactly(110L);
    assertThat(WatermarkTracker.clock(store)).isEqualTo(110L);

    context.resetForwards();
    tracker.process(new Record<>("k", "a record", 5L));
    assertThat(context.forwarded()).singleElement().satisfies(f -> assertThat(f.record().value()).isEqualTo("a record"));
  }

  @Test
  @DisplayName("a tracker started again on the same store (a restored task) goes on from what it holds")
  void restartedGoesOnFromTheStore() {
    WatermarkTracker<Object> first = started();
    clocksAfter(first, 0, 100);
    clocksAfter(first, 1, 200);
    assertThat(WatermarkTracker.clock(store)).isEqualTo(100L);

    WatermarkTracker<Object> second = started();
    assertThat(clocksAfter(second, 1, 300)).as("upstream 0 still at 100").isEmpty();
    assertThat(clocksAfter(second, 0, 250)).containsExactly(250L);
    assertThat(store.get(0)).isEqualTo(250L);
    assertThat(store.get(1)).isEqualTo(300L);
  }

  @Test
  @DisplayName("a watermark from an upstream beyond the expected ones counts too")
  void unexpectedUpstreamCounts() {
    WatermarkTracker<Object> tracker = started();
    clocksAfter(tracker, 0, 100);
    clocksAfter(tracker, 2, 30); // input.partitions too low: taken into account (and logged)
    assertThat(clocksAfter(tracker, 1, 100)).containsExactly(30L);
  }
}
