package dev.layoffsignals.streams;

import static dev.layoffsignals.streams.ReactionTopologyTest.HOLIDAYS;
import static dev.layoffsignals.streams.ReactionTopologyTest.PRICES;
import static dev.layoffsignals.streams.ReactionTopologyTest.WED_12;
import static dev.layoffsignals.streams.ReactionTopologyTest.header;
import static dev.layoffsignals.streams.TopologyFixture.at;
import static dev.layoffsignals.streams.TopologyFixture.startOfDay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.streams.errors.ErrorCategory;
import dev.layoffsignals.topics.ErrorHeaders;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Heartbeats move the clock like data, and are otherwise invisible. */
class HeartbeatTopologyTest {

  static final LocalDate DAY_PLUS_5 = LocalDate.of(2024, 6, 20); // day 0 = 06-12, 06-19 is a holiday

  /** An announcement of 06-12 and every close up to its day +5: complete, not yet settled. */
  static List<TestRecord<String, MarketReaction>> completeButUnsettled(TopologyFixture f) {
    f.record(TopologyFixture.announcement("a1", "Acme", "ACME", "Software", startOfDay(WED_12), TimePrecision.DATE, 1200));
    for (LocalDate d : Sessions.between(LocalDate.of(2024, 6, 10), DAY_PLUS_5, HOLIDAYS)) {
      f.closes(d, PRICES.benchmark.get(d), "ACME", PRICES.symbol.get(d));
    }
    List<TestRecord<String, MarketReaction>> out = TopologyFixture.all(f.reactions);
    assertThat(out).extracting(r -> r.value().getStatus()).containsOnly(ReactionStatus.PROVISIONAL);
    return out;
  }

  @Test
  @DisplayName("a heartbeat past day +5 by the grace settles the reaction, as a later tick would")
  void heartbeatSettles() {
    try (TopologyFixture f = new TopologyFixture()) {
      List<TestRecord<String, MarketReaction>> provisional = completeButUnsettled(f);
      MarketReaction complete = provisional.get(provisional.size() - 1).value();

      Instant dayPlus5CloseAndGrace = at(DAY_PLUS_5, 16, 0).plus(TopologySettings.DEFAULT_GRACE);
      f.heartbeat(dayPlus5CloseAndGrace); // the clock reaches the day +5 close; it must pass it
      assertThat(TopologyFixture.all(f.reactions)).isEmpty();

      f.heartbeat(dayPlus5CloseAndGrace.plusMillis(1));
      assertThat(TopologyFixture.all(f.reactions)).singleElement().satisfies(r -> {
        assertThat(r.value().getStatus()).isEqualTo(ReactionStatus.FINAL);
        complete.setStatus(ReactionStatus.FINAL);
        assertThat(r.value()).isEqualTo(complete);
      });
      assertThat(f.announcements.readRecordsToList()).as("a heartbeat is no announcement").hasSize(1);
      assertThat(f.late.isEmpty()).isTrue();
      assertThat(f.deadLetters.isEmpty()).isTrue();
    }
  }

  @Test
  @DisplayName("a heartbeat older than the heartbeats partition's time by more than the grace goes to late-records, one without a source to dead-letters")
  void lateAndInvalidHeartbeats() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.close("QQQ", LocalDate.of(2024, 6, 14), 400.0);
      Instant old = at(LocalDate.of(2024, 6, 11), 16, 0);
      f.heartbeat(old);
      f.heartbeats.pipeInput(null, new Heartbeat(" ", at(LocalDate.of(2024, 6, 14), 17, 0), Map.of()));

      assertThat(f.late.readRecordsToList()).singleElement().satisfies(r -> {
        assertThat(header(r.headers().lastHeader(ErrorHeaders.CATEGORY))).isEqualTo("LATE");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.SOURCE_TOPIC))).isEqualTo("heartbeats");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.PROCESSOR))).isEqualTo("input-clock");
      });
      assertThat(f.deadLetters.readRecordsToList()).singleElement().satisfies(r -> {
        assertThat(header(r.headers().lastHeader(ErrorHeaders.CATEGORY))).isEqualTo("INVALID");
        assertThat(header(r.headers().lastHeader(ErrorHeaders.REASON))).isEqualTo("source is blank");
      });
      assertThat(f.errors.get(ErrorCategory.LATE, "heartbeats")).isEqualTo(1);
      assertThat(f.errors.get(ErrorCategory.INVALID, "heartbeats")).isEqualTo(1);
    }
  }
}
