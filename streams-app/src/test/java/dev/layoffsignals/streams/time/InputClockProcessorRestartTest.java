package dev.layoffsignals.streams.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.streams.errors.ErrorCategory;
import dev.layoffsignals.streams.errors.ErrorCounter;
import dev.layoffsignals.streams.events.Watermark;
import dev.layoffsignals.streams.ingest.Ingested;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
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
  private static final long MINUTE = Duration.ofMinutes(1).toMillis();

  private final MockProcessorContext<String, Ingested> context = new MockProcessorContext<>();
  private final KeyValueStore<String, InputClock> store = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore("input-clock"), Serdes.String(), InputClock.serde(DATA, HEARTBEATS))
      .withLoggingDisabled().build();

  InputClockProcessorRestartTest() {
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }

  private InputClockProcessor started() {
    return started(CommittedOffsets.UNKNOWN);
  }

  private InputClockProcessor started(CommittedOffsets committed) {
    InputClockProcessor processor = new InputClockProcessor("input-clock", "input-clock", DATA, HEARTBEATS,
        Duration.ofHours(1), ErrorCounter.NONE, committed);
    processor.init(context);
    return processor;
  }

  /** Committed offsets as a group holds them: partitions it committed nothing for are left out. */
  private static final class Committed implements CommittedOffsets {
    final Map<TopicPartition, Long> offsets = new HashMap<>();
    final List<String> groupsAsked = new ArrayList<>();

    @Override
    public boolean known() {
      return true;
    }

    @Override
    public Map<TopicPartition, Long> of(String groupId, Set<TopicPartition> partitions) {
      groupsAsked.add(groupId);
      Map<TopicPartition, Long> answer = new HashMap<>(offsets);
      answer.keySet().retainAll(partitions);
      return answer;
    }
  }

  private String stored() {
    return store.get(InputClockProcessor.STORE_KEY).toString();
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
  @DisplayName("with the committed offsets known, times and offsets are stored when a time moves, and a restart resumes at the committed offsets")
  void committedOffsetsReplaceTheWriteAfterEveryRecord() {
    Committed committed = new Committed();
    InputClockProcessor first = started(committed);
    long nine = 9 * DAY;
    read(first, "stock-ticks", 0, nine + 15 * MINUTE, Map.of());
    assertThat(stored()).contains("stock-ticks: time " + nine + " next 1");
    read(first, "stock-ticks", 1, nine + 45 * MINUTE, Map.of());
    assertThat(stored()).as("the same hour: nothing moved but the offset").contains("stock-ticks: time " + nine + " next 1");
    read(first, "stock-ticks", 2, nine + 65 * MINUTE, Map.of());
    assertThat(stored()).as("the next hour").contains("stock-ticks: time " + (nine + 60 * MINUTE) + " next 3");
    read(first, "stock-ticks", 3, nine + 70 * MINUTE, Map.of());
    assertThat(stored()).contains("stock-ticks: time " + (nine + 60 * MINUTE) + " next 3");

    // the task committed after offset 3, then started again: a heartbeat vouching for offset 4
    // (the records read before the restart) raises the ticks' time without waiting for another tick
    committed.offsets.put(new TopicPartition("stock-ticks", 0), 4L);
    committed.offsets.put(new TopicPartition("layoff-records", 1), 7L); // another task's partition
    InputClockProcessor second = started(committed);
    assertThat(committed.groupsAsked).containsExactly(context.applicationId(), context.applicationId());
    assertThat(stored()).as("nothing changed yet but the offsets in memory").contains("stock-ticks: time " + (nine + 60 * MINUTE) + " next 3");
    read(second, HEARTBEATS, 0, 20 * DAY, Map.of("stock-ticks", 4L));
    assertThat(store.get(InputClockProcessor.STORE_KEY).time("stock-ticks")).isEqualTo(20 * DAY);
    assertThat(stored()).contains("stock-ticks: time " + 20 * DAY + " next 4").contains("layoff-records: time " + 20 * DAY + " next -1");
    assertThat(store.get(InputClockProcessor.PENDING_KEY) == null || !store.get(InputClockProcessor.PENDING_KEY).hasPending())
        .as("nothing pending").isTrue();
  }

  @Test
  @DisplayName("without the committed offsets, a restart waits for the next record past the offsets a heartbeat vouches for")
  void withoutCommittedOffsetsTheStoredOffsetsDecide() {
    InputClockProcessor first = started();
    read(first, "stock-ticks", 0, 9 * DAY, Map.of());
    read(first, "stock-ticks", 1, 9 * DAY + MINUTE, Map.of());
    assertThat(stored()).as("stored after every record").contains("next 2");

    InputClockProcessor second = started();
    read(second, HEARTBEATS, 0, 20 * DAY, Map.of("stock-ticks", 4L));
    assertThat(store.get(InputClockProcessor.STORE_KEY).time("stock-ticks")).as("offsets 2 and 3 not read yet").isEqualTo(9 * DAY);
    assertThat(store.get(InputClockProcessor.PENDING_KEY).pendingCount("stock-ticks")).isEqualTo(1);
  }

  @Test
  @DisplayName("a raise pending at the commit applies when the task starts at committed offsets past it, and its watermark goes with the next record")
  void pendingRaiseAppliesAtCommittedOffsets() {
    Committed committed = new Committed();
    InputClockProcessor first = started(committed);
    read(first, HEARTBEATS, 0, 10 * DAY, Map.of()); // every data partition at day 10
    read(first, "stock-ticks", 0, 10 * DAY, Map.of());
    read(first, HEARTBEATS, 1, 12 * DAY, Map.of("stock-ticks", 5L));
    assertThat(store.get(InputClockProcessor.PENDING_KEY).pendingCount("stock-ticks")).isEqualTo(1);
    context.resetForwards();

    // records 1-4 read and committed, the last offsets a transaction marker's: the group resumes at 6
    committed.offsets.put(new TopicPartition("stock-ticks", 0), 6L);
    InputClockProcessor second = started(committed);
    assertThat(store.get(InputClockProcessor.PENDING_KEY).hasPending()).as("stored when the task starts").isFalse();
    assertThat(store.get(InputClockProcessor.STORE_KEY).time("stock-ticks")).isEqualTo(12 * DAY);
    assertThat(context.forwarded()).as("init forwards nothing").isEmpty();

    read(second, "articles", 0, 12 * DAY, Map.of());
    assertThat(context.forwarded()).extracting(f -> f.record().value())
        .filteredOn(v -> v instanceof Ingested.Accepted a && a.event() instanceof Watermark)
        .as("the clock moved to day 12 when the ticks' raise applied: the watermark follows").hasSize(1);
  }

  @Test
  @DisplayName("a partition's time counts in whole hours: a record up to an hour older than the grace allows still counts")
  void lateToTheHour() {
    InputClockProcessor processor = started();
    long noon = 9 * DAY + 12 * 60 * MINUTE;
    read(processor, "stock-ticks", 0, noon + 30 * MINUTE, Map.of()); // time 12:00; grace one hour
    assertThat(store.get(InputClockProcessor.STORE_KEY).time("stock-ticks")).isEqualTo(noon);
    context.resetForwards();

    read(processor, "stock-ticks", 1, noon - 60 * MINUTE, Map.of()); // 11:00: 90 minutes older, not late
    read(processor, "stock-ticks", 2, noon - 60 * MINUTE - 1, Map.of()); // 10:59:59.999: late
    assertThat(context.forwarded()).extracting(f -> f.record().value().getClass().getSimpleName())
        .containsExactly("Rejected");
    assertThat(context.forwarded().get(0).record().value()).isInstanceOfSatisfying(Ingested.Rejected.class,
        r -> assertThat(r.category()).isEqualTo(ErrorCategory.LATE));
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
