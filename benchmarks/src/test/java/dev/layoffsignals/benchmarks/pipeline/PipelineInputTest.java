package dev.layoffsignals.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineInputTest {

  @Test
  void sessionsAreTheWeekdaysFromTheStart() {
    List<LocalDate> sessions = PipelineInput.sessions(6);
    assertThat(PipelineInput.START).isEqualTo(LocalDate.of(2024, 1, 2)); // a Tuesday
    assertThat(sessions).containsExactly(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 4),
        LocalDate.of(2024, 1, 5), LocalDate.of(2024, 1, 8), LocalDate.of(2024, 1, 9));
  }

  @Test
  void anInputEndingBeforeTodayIsAccepted() {
    // 6 sessions end on Tuesday 2024-01-09
    assertThatCode(() -> PipelineInput.requireBefore(6, false, LocalDate.of(2024, 1, 10))).doesNotThrowAnyException();
    assertThatCode(() -> PipelineInput.requireBefore(3, true, LocalDate.of(2024, 1, 10))).doesNotThrowAnyException();
  }

  @Test
  void anInputReachingTodayIsRefusedWithHowManyDaysFit() {
    // the broker would refuse the records of today's session: stamped with their event times, ahead of its clock
    assertThatThrownBy(() -> PipelineInput.requireBefore(6, false, LocalDate.of(2024, 1, 9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("6 trading days from 2024-01-02 run to 2024-01-09, not before today (2024-01-09): the input's"
            + " records are stamped with their event times, and the broker refuses timestamps ahead of its clock;"
            + " at most --days 5 fit");
    // the state phase publishes twice the days: 6 sessions for --days 3
    assertThatThrownBy(() -> PipelineInput.requireBefore(3, true, LocalDate.of(2024, 1, 9)))
        .hasMessage("6 trading days (twice --days 3, for the state phase) from 2024-01-02 run to 2024-01-09, not before"
            + " today (2024-01-09): the input's records are stamped with their event times, and the broker refuses"
            + " timestamps ahead of its clock; at most --days 2 fit with the state phase (5 without it)");
    // 1,000 weekdays from 2024-01-02: 200 weeks
    assertThatThrownBy(() -> PipelineInput.requireBefore(1_000, false, LocalDate.of(2026, 11, 22)))
        .hasMessageContaining("run to 2027-11-01, not before today (2026-11-22)").hasMessageContaining("at most --days 754 fit");
  }

  @Test
  void sizesRefuseFewerTicksThanAnOpenAndAClosePerSymbolAndDay() {
    // 3 days x (1 company + QQQ) x 2 = 12 ticks at least
    assertThatCode(() -> new PipelineInput.Sizes(12, 3, 1, 0, 0, 42)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new PipelineInput.Sizes(11, 3, 1, 0, 0, 42)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ticks 11 is fewer than an OPEN and a CLOSE per symbol and day (12)");
  }
}
