package dev.layoffsignals.streams;

import static dev.layoffsignals.streams.HeartbeatTopologyTest.DAY_PLUS_5;
import static dev.layoffsignals.streams.ReactionTopologyTest.header;
import static dev.layoffsignals.streams.TopologyFixture.at;
import static dev.layoffsignals.streams.TopologyFixture.startOfDay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.topics.ErrorHeaders;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The input clock with nothing but what the test pipes (no heartbeat after each record): each
 * input partition has its own time, the task's clock is the earliest of them, and a heartbeat
 * applies to a partition once the records it vouches for have been read.
 */
class InputClockTopologyTest {

  static final Instant SETTLED = at(DAY_PLUS_5, 16, 0).plus(TopologySettings.DEFAULT_GRACE).plusMillis(1);

  static Article quietArticle(String id, Instant at) {
    return new Article(id, at, "Markets were calm", "Nothing happened today.", "en", null, "wire");
  }

  @Test
  @DisplayName("the clock's store holds every data input, in an order that is its stored format and never changes")
  void clockDataTopicsAreEveryDataInputInTheStoredOrder() {
    assertThat(LayoffSignalsTopology.CLOCK_DATA_TOPICS)
        .containsExactlyInAnyOrderElementsOf(Topics.DATA_INPUTS.stream().map(Topic::name).toList())
        .as("positions in stored clocks: append a new input, never reorder")
        .containsExactly("stock-ticks", "layoff-records", "articles");
  }

  @Test
  @DisplayName("a record is late against its own partition's time: a month-old layoff record after a month of ticks is on time,"
      + " one older than the layoff records already read by more than the grace is late")
  void latenessPerPartition() {
    try (TopologyFixture f = TopologyFixture.withPartitionClocks()) {
      for (LocalDate d = LocalDate.of(2024, 7, 8); !d.isAfter(LocalDate.of(2024, 7, 12)); d = d.plusDays(1)) {
        f.closes(d, 400.0, "ACME", 10.0);
      }
      f.record(TopologyFixture.announcement("june", "Acme", "ACME", "Software", startOfDay(LocalDate.of(2024, 6, 12)),
          TimePrecision.DATE, 1200));
      assertThat(f.late.isEmpty()).as("layoff-records had read nothing: its time is its own").isTrue();
      assertThat(TopologyFixture.all(f.announcements)).extracting(TestRecord::key).containsExactly("june");

      f.record(TopologyFixture.announcement("may", "Other", "OTHR", "Software", startOfDay(LocalDate.of(2024, 6, 7)),
          TimePrecision.DATE, 300));
      assertThat(f.late.readRecordsToList()).singleElement().satisfies(r -> {
        assertThat(header(r.headers().lastHeader(ErrorHeaders.CATEGORY))).isEqualTo("LATE");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.REASON))).isEqualTo("event time 2024-06-07T04:00:00Z is more"
            + " than the grace period PT48H before the time of layoff-records-0, 2024-06-12T04:00:00Z");
      });
      assertThat(f.announcements.isEmpty()).isTrue();
    }
  }

  @Test
  @DisplayName("the clock is the earliest input partition: with no article read, nothing settles however far the ticks go;"
      + " an article past the grace settles it")
  void earliestPartitionHoldsTheClock() {
    try (TopologyFixture f = TopologyFixture.withPartitionClocks()) {
      List<TestRecord<String, MarketReaction>> provisional = HeartbeatTopologyTest.completeButUnsettled(f);
      MarketReaction complete = provisional.get(provisional.size() - 1).value();
      for (LocalDate d = DAY_PLUS_5.plusDays(1); !d.isAfter(DAY_PLUS_5.plusDays(20)); d = d.plusDays(1)) {
        f.ticks.pipeInput("ACME", new StockTick("ACME", at(d, 12, 0), 11.0, 10L, TickKind.TRADE), at(d, 12, 0));
      }
      f.record(TopologyFixture.announcement("later", "Other", "OTHR", "Software", startOfDay(DAY_PLUS_5.plusDays(20)),
          TimePrecision.DATE, 10));
      assertThat(TopologyFixture.all(f.reactions)).as("articles has no time yet").isEmpty();

      f.articles.pipeInput("a1", quietArticle("a1", SETTLED), SETTLED);
      assertThat(TopologyFixture.all(f.reactions)).singleElement().satisfies(r -> {
        complete.setStatus(ReactionStatus.FINAL);
        assertThat(r.value()).isEqualTo(complete);
      });
      assertThat(f.late.isEmpty()).isTrue();
    }
  }

  @Test
  @DisplayName("a heartbeat applies to a partition once the records it vouches for are read: one of them, read after the"
      + " heartbeat and older than its watermark by more than the grace, is on time; then the reaction settles")
  void heartbeatWaitsForTheOffsetsItVouchesFor() {
    try (TopologyFixture f = TopologyFixture.withPartitionClocks()) {
      HeartbeatTopologyTest.completeButUnsettled(f);
      f.articles.pipeInput("a1", quietArticle("a1", at(DAY_PLUS_5, 9, 0)), at(DAY_PLUS_5, 9, 0));
      int ticks = ticksPipedBy(f);
      // the sender wrote one more tick and one more layoff record than the task has read, then this heartbeat
      f.heartbeats.pipeInput(null, new Heartbeat("replay", SETTLED,
          Map.of("stock-ticks", (long) ticks + 1, "layoff-records", 2L)), SETTLED);
      assertThat(TopologyFixture.all(f.reactions)).as("the vouched records are not read yet").isEmpty();

      Instant old = at(DAY_PLUS_5, 12, 0); // more than the grace before the heartbeat's watermark
      f.ticks.pipeInput("ACME", new StockTick("ACME", old, 11.0, 10L, TickKind.TRADE), old);
      assertThat(TopologyFixture.all(f.reactions)).as("layoff-records is still short of its offset").isEmpty();
      f.record(TopologyFixture.announcement("late-sent", "Other", "OTHR", "Software", startOfDay(DAY_PLUS_5), TimePrecision.DATE, 10));

      assertThat(f.late.isEmpty()).as("records the heartbeat vouches for are never late because of it").isTrue();
      assertThat(TopologyFixture.all(f.reactions)).filteredOn(r -> r.key().equals("a1")).singleElement()
          .satisfies(r -> assertThat(r.value().getStatus()).isEqualTo(ReactionStatus.FINAL));

      // now applied: a tick older than the watermark by more than the grace is late
      f.ticks.pipeInput("ACME", new StockTick("ACME", old, 11.0, 10L, TickKind.TRADE), old);
      assertThat(f.late.readRecordsToList()).singleElement().satisfies(r ->
          assertThat(header(r.headers().lastHeader(ErrorHeaders.REASON))).endsWith("before the time of stock-ticks-0, " + SETTLED));
    }
  }

  @Test
  @DisplayName("the stored clock knows every offset read, also of records that moved no time: after a restart a heartbeat"
      + " vouching for them applies at once")
  void storedClockKeepsEveryOffset() {
    try (TopologyFixture f = TopologyFixture.withPartitionClocks()) {
      Instant close = at(LocalDate.of(2024, 6, 12), 16, 0);
      f.ticks.pipeInput("QQQ", new StockTick("QQQ", close, 400.0, 10L, TickKind.CLOSE), close);
      f.ticks.pipeInput("ACME", new StockTick("ACME", close, 10.0, 10L, TickKind.CLOSE), close); // same time
      dev.layoffsignals.streams.time.InputClock stored = f.driver.<String, dev.layoffsignals.streams.time.InputClock>getKeyValueStore(
          LayoffSignalsTopology.Names.INPUT_CLOCK_STORE).get("clock");
      assertThat(stored.toString()).contains("stock-ticks: time " + close.toEpochMilli() + " next 2");
      assertThat(stored.vouch(Map.of("stock-ticks", 2L), close.plusSeconds(60).toEpochMilli())).isTrue();
    }
  }

  @Test
  @DisplayName("a heartbeat vouching for a negative offset is impossible: dead-lettered, it raises nothing")
  void negativeOffsetIsInvalid() {
    try (TopologyFixture f = TopologyFixture.withPartitionClocks()) {
      f.heartbeats.pipeInput(null, new Heartbeat("replay", SETTLED, Map.of("stock-ticks", -1L)), SETTLED);
      assertThat(f.deadLetters.readRecordsToList()).singleElement().satisfies(r -> {
        assertThat(header(r.headers().lastHeader(ErrorHeaders.CATEGORY))).isEqualTo("INVALID");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.REASON))).isEqualTo("offset of stock-ticks is -1, not an offset");
      });
      dev.layoffsignals.streams.time.InputClock stored = f.driver.<String, dev.layoffsignals.streams.time.InputClock>getKeyValueStore(
          LayoffSignalsTopology.Names.INPUT_CLOCK_STORE).get("clock");
      assertThat(stored.clock()).isEqualTo(Long.MIN_VALUE);
    }
  }

  /** Ticks piped so far by {@link HeartbeatTopologyTest#completeButUnsettled}: two closes per session. */
  private static int ticksPipedBy(TopologyFixture f) {
    return 2 * Sessions.between(LocalDate.of(2024, 6, 10), DAY_PLUS_5, ReactionTopologyTest.HOLIDAYS).size();
  }
}
