package dev.layoffsignals.eventstudy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventStudyParametersTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(EventStudyParameters.DEFAULTS)
        .isEqualTo(new EventStudyParameters("QQQ", -130, -11, 60, -1, 5, 5));
    assertThat(EventStudyParameters.DEFAULTS.withBenchmarkSymbol("SPY").benchmarkSymbol()).isEqualTo("SPY");
  }

  @Test
  void historyNeededRunsFromTheCloseBeforeTheFirstEstimationReturnToTheIncompleteDeadline() {
    // sessions -131..+10
    assertThat(EventStudyParameters.DEFAULTS.historySessionsNeeded()).isEqualTo(142);
    assertThat(new EventStudyParameters("QQQ", -100, -6, 30, -2, 7, 3).historySessionsNeeded()).isEqualTo(112);
  }

  @Test
  void rejectsWindowsThatCannotProduceTheReportedFigures() {
    assertThatThrownBy(() -> new EventStudyParameters("QQQ", -130, -11, 60, 0, 5, 5))
        .hasMessage("event window 0..5 must contain -1..+5 (CAR[-1,+1] and CAR[0,+5] are reported)");
    assertThatThrownBy(() -> new EventStudyParameters("QQQ", -130, -1, 60, -1, 5, 5))
        .hasMessage("estimation window must end before the event window starts");
    assertThatThrownBy(() -> new EventStudyParameters("QQQ", -10, -130, 60, -1, 5, 5))
        .hasMessage("estimation window -10..-130 is empty");
    assertThatThrownBy(() -> new EventStudyParameters(" ", -130, -11, 60, -1, 5, 5))
        .hasMessage("benchmarkSymbol is blank");
  }
}
