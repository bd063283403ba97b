package dev.layoffsignals.streams.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.streams.errors.ErrorCounter;
import dev.layoffsignals.streams.ingest.Ingested;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the input clock's store holds, and what a processor started again on that store (a task
 * restored after a restart) makes of it.
 */
class InputClockProcessorRestartTest {

  private static final List<String> DATA = List.of("stock-ticks", "layoff-records", "articles");
  private static final String HEARTBEATS = "heartbeats";
  private static final long DAY = Duration.ofDays(1).toMillis();

  private final MockProcessorContext<String, Ingested> context = new MockProcessorContext<>();
  private final KeyValueStore<String, InputClock> store = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore("input-clock"), Serdes.String(), InputClock.serde(DATA, HEARTBEATS))
      .withLoggingDisabled().build();

  InputClockProcessorRestartTest() {
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }

  private InputClockProcessor started() {
    InputClockProcessor processor = new InputClockProcessor("input-clock", "input-clock", DATA, HEARTBEATS,
        Duration.ofHours(1), ErrorCounter.NONE);
    processor.init(context);
    return processor;
  }

  private void read(InputClockProcessor processor, String topic, long offset, long eventTime, Map<String, Long> vouched) {
    context.setRecordMetadata(topic, 0, offset);
    processor.process(new Record<>("k", new Ingested.Read(eventTime, List::of, vouched, new byte[0], new byte[0], "ingest"),
        eventTime));
  }

  @Test
  @DisplayName("pending raises are stored apart from the times and offsets, only when they change, and survive a restart")
  void pendingRaisesSurviveARestart() {
    InputClockProcessor first = started();
    read(first, "stock-ticks", 0, 10 * DAY, Map.of());
    read(first, HEARTBEATS, 0, 20 * DAY, Map.of("stock-ticks", 5L));
    read(first, HEARTBEATS, 1, 30 * DAY, Map.of("stock-ticks", 9L));

    assertThat(store.get(InputClockProcessor.STORE_KEY).hasPending()).as("times and offsets only").isFalse();
    assertThat(store.get(InputClockProcessor.PENDING_KEY).pendingCount("stock-ticks")).isEqualTo(2);
    InputClock storedPending = store.get(InputClockProcessor.PENDING_KEY);
    read(first, "stock-ticks", 1, 10 * DAY, Map.of());
    assertThat(store.get(InputClockProcessor.PENDING_KEY)).as("a record that changes no raise leaves them as stored")
        .isEqualTo(storedPending);
    assertThat(store.get(InputClockProcessor.STORE_KEY).toString()).contains("stock-ticks: time " + 10 * DAY + " next 2");

    InputClockProcessor second = started(); // the task again, on the same store
    read(second, "stock-ticks", 4, 11 * DAY, Map.of());
    assertThat(store.get(InputClockProcessor.STORE_KEY).time("stock-ticks")).as("the raise vouching for offset 5").isEqualTo(20 * DAY);
    assertThat(store.get(InputClockProcessor.PENDING_KEY).pendingCount("stock-ticks")).isEqualTo(1);

    read(started(), "stock-ticks", 8, 12 * DAY, Map.of());
    assertThat(store.get(InputClockProcessor.STORE_KEY).time("stock-ticks")).isEqualTo(30 * DAY);
    assertThat(store.get(InputClockProcessor.PENDING_KEY).hasPending()).isFalse();
  }

  @Test
  @DisplayName("a clock stored whole under one key (before pending raises had their own) keeps its pending raises")
  void clockStoredWholeKeepsItsPendingRaises() {
    InputClock whole = new InputClock(DATA, HEARTBEATS);
    whole.read("stock-ticks", 0);
    whole.advance("stock-ticks", 10 * DAY);
    whole.vouch(Map.of("stock-ticks", 5L, "articles", 0L, "layoff-records", 0L), 20 * DAY);
    store.put(InputClockProcessor.STORE_KEY, whole);

    InputClockProcessor processor = started();
    read(processor, "stock-ticks", 1, 10 * DAY, Map.of());
    assertThat(store.get(InputClockProcessor.PENDING_KEY).pendingCount("stock-ticks")).as("stored under their own key")
        .isEqualTo(1);

    read(started(), "stock-ticks", 4, 10 * DAY, Map.of());
    assertThat(store.get(InputClockProcessor.STORE_KEY).time("stock-ticks")).isEqualTo(20 * DAY);
  }
}
