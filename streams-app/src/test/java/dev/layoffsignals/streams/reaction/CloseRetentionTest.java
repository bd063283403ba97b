package dev.layoffsignals.streams.reaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.eventstudy.CloseHistory;
import dev.layoffsignals.eventstudy.EventStudyParameters;
import dev.layoffsignals.eventstudy.SessionCalendar;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CloseRetentionTest {

  static final CloseRetention RETENTION = new CloseRetention(EventStudyParameters.DEFAULTS);

  /** 300 consecutive calendar days as sessions, from 2023-01-01. */
  static CloseHistory sessions(int count) {
    CloseHistory h = CloseHistory.empty(CloseRetention.CAPACITY);
    for (int i = 0; i < count; i++) {
      h = h.with(LocalDate.of(2023, 1, 1).plusDays(i), 100 + i);
    }
    return h;
  }

  @Test
  @DisplayName("keeps the 132 sessions before the first possible day 0 (day -131 is the close before the first estimation return)")
  void keepsWhatAnAnnouncementAtOrAfterTheCutoffNeeds() {
    CloseHistory benchmark = sessions(300);
    LocalDate keepFrom = benchmark.dateAt(250);

    CloseHistory pruned = RETENTION.prune(benchmark, benchmark, SessionCalendar.startOfDay(keepFrom));

    assertThat(RETENTION.sessionsBefore()).isEqualTo(132);
    assertThat(pruned.dateAt(0)).isEqualTo(benchmark.dateAt(250 - 132));
    assertThat(pruned.size()).isEqualTo(300 - 118);
    assertThat(pruned.latestDate()).isEqualTo(benchmark.latestDate());
  }

  @Test
  @DisplayName("keeps everything when the benchmark does not reach back far enough, or nothing is known of the clock")
  void keepsAllWhenUnsure() {
    CloseHistory benchmark = sessions(100);

    assertThat(RETENTION.prune(benchmark, benchmark, SessionCalendar.startOfDay(benchmark.dateAt(99)))).isSameAs(benchmark);
    assertThat(RETENTION.prune(benchmark, benchmark, null)).isSameAs(benchmark);
  }

  @Test
  @DisplayName("a symbol's history is cut at the benchmark's session dates")
  void symbolCutAtBenchmarkSessions() {
    CloseHistory benchmark = sessions(300);
    CloseHistory symbol = CloseHistory.empty(CloseRetention.CAPACITY)
        .with(benchmark.dateAt(100), 1).with(benchmark.dateAt(117), 2).with(benchmark.dateAt(118), 3).with(benchmark.dateAt(299), 4);

    CloseHistory pruned = RETENTION.prune(symbol, benchmark, SessionCalendar.startOfDay(benchmark.dateAt(250)));

    assertThat(pruned.closes()).containsExactly(3, 4);
  }
}
