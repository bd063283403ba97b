package dev.layoffsignals.eventstudy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CloseHistoryTest {

  private static final LocalDate MON = LocalDate.parse("2024-07-29");
  private static final LocalDate TUE = MON.plusDays(1);
  private static final LocalDate WED = MON.plusDays(2);
  private static final LocalDate THU = MON.plusDays(3);

  @Test
  void keepsClosesSortedWhateverTheArrivalOrder() {
    CloseHistory history = CloseHistory.empty(10).with(WED, 3.0).with(MON, 1.0).with(TUE, 2.0);

    assertThat(history.toList()).containsExactly(
        new DailyClose(MON, 1.0), new DailyClose(TUE, 2.0), new DailyClose(WED, 3.0));
    assertThat(history.closeOn(TUE)).isEqualTo(OptionalDouble.of(2.0));
    assertThat(history.closeOn(THU)).isEmpty();
    assertThat(history.latestDate()).contains(WED);
  }

  @Test
  void looksClosesUpByEpochDayWithNaNForADateWithout() {
    CloseHistory history = CloseHistory.empty(10).with(MON, 1.0).with(WED, 3.0);

    assertThat(history.epochDayAt(1)).isEqualTo((int) WED.toEpochDay());
    assertThat(history.closeOnEpochDay((int) WED.toEpochDay())).isEqualTo(3.0);
    assertThat(history.closeOnEpochDay((int) TUE.toEpochDay())).isNaN();
    assertThat(history.closeOnEpochDay((int) THU.toEpochDay())).isNaN();
    assertThat(history.ceilingIndexOfEpochDay((int) MON.toEpochDay())).isZero();
    assertThat(history.ceilingIndexOfEpochDay((int) TUE.toEpochDay())).isEqualTo(1);
    assertThat(history.ceilingIndexOfEpochDay((int) THU.toEpochDay())).isEqualTo(2);
  }

  @Test
  void aSecondCloseForADateReplacesTheFirst() {
    CloseHistory history = CloseHistory.empty(10).with(MON, 1.0).with(MON, 1.5);

    assertThat(history.toList()).containsExactly(new DailyClose(MON, 1.5));
  }

  @Test
  void dropsTheOldestCloseBeyondItsCapacity() {
    CloseHistory full = CloseHistory.empty(2).with(TUE, 2.0).with(WED, 3.0);

    assertThat(full.with(THU, 4.0).toList()).containsExactly(new DailyClose(WED, 3.0), new DailyClose(THU, 4.0));
    // a close older than everything retained is dropped at once
    assertThat(full.with(MON, 1.0)).isEqualTo(full);
  }

  @Test
  void isAValueOfACapacityAndTwoArrays() {
    CloseHistory history = CloseHistory.empty(5).with(MON, 1.0).with(WED, 3.0);

    int[] days = history.epochDays();
    double[] closes = history.closes();
    assertThat(days).containsExactly((int) MON.toEpochDay(), (int) WED.toEpochDay());
    assertThat(closes).containsExactly(1.0, 3.0);
    assertThat(CloseHistory.of(history.capacity(), days, closes)).isEqualTo(history).hasSameHashCodeAs(history);

    days[0] = 0;   // the accessors hand out copies
    closes[0] = 99.0;
    assertThat(history.closeOn(MON)).isEqualTo(OptionalDouble.of(1.0));
    assertThat(history.with(TUE, 2.0)).isNotEqualTo(history);
    assertThat(history.size()).isEqualTo(2);
  }

  @Test
  void keepsTheLatestClosesOfACollection() {
    CloseHistory history = CloseHistory.of(2, List.of(
        new DailyClose(WED, 3.0), new DailyClose(MON, 1.0), new DailyClose(TUE, 2.0)));

    assertThat(history.toList()).containsExactly(new DailyClose(TUE, 2.0), new DailyClose(WED, 3.0));
  }

  @Test
  void rejectsInvalidState() {
    int mon = (int) MON.toEpochDay();
    assertThatThrownBy(() -> CloseHistory.of(5, new int[] {mon + 1, mon}, new double[] {1, 2}))
        .hasMessage("days are not strictly ascending at index 1");
    assertThatThrownBy(() -> CloseHistory.of(1, new int[] {mon, mon + 1}, new double[] {1, 2}))
        .hasMessage("2 closes exceed the capacity 1");
    assertThatThrownBy(() -> CloseHistory.of(5, new int[] {mon}, new double[] {1, 2}))
        .hasMessage("1 days but 2 closes");
    assertThatThrownBy(() -> CloseHistory.empty(5).with(MON, Double.NaN))
        .hasMessage("close of 2024-07-29 must be positive and finite, was NaN");
    assertThatThrownBy(() -> CloseHistory.empty(5).with(MON, 0.0))
        .hasMessage("close of 2024-07-29 must be positive and finite, was 0.0");
    assertThatThrownBy(() -> CloseHistory.of(1, List.of(new DailyClose(MON, 1.0), new DailyClose(MON, 2.0))))
        .hasMessage("two closes for 2024-07-29");
    assertThatThrownBy(() -> CloseHistory.empty(0)).hasMessage("capacity must be positive, was 0");
  }
}
