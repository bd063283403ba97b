package dev.layoffsignals.streams.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.WindowDimension;
import dev.layoffsignals.schemas.WindowMember;
import dev.layoffsignals.schemas.WindowPeriod;
import dev.layoffsignals.schemas.WindowStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowAggregateTest {

  static final CalendarWindow NOV_2022 = CalendarWindow.containing(WindowPeriod.MONTH, LocalDate.of(2022, 11, 9));
  static final Instant AS_OF = Instant.parse("2022-11-30T21:00:00Z");

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "WEEK, 2022-11-09, 2022-11-07",   // Wednesday -> Monday
      "WEEK, 2022-11-07, 2022-11-07",   // a Monday is its own start
      "WEEK, 2022-11-13, 2022-11-07",   // Sunday belongs to the week that began on Monday
      "MONTH, 2022-11-30, 2022-11-01",
      "MONTH, 2024-02-29, 2024-02-01"})
  void windowsStartOnMondaysAndFirstsOfMonths(WindowPeriod period, LocalDate day, LocalDate start) {
    assertThat(CalendarWindow.containing(period, day).start()).isEqualTo(start);
  }

  @Test
  void boundsAreNewYorkMidnightAcrossDaylightSavingChanges() {
    // 2022-11-06: clocks go back in New York; the week of 10-31 starts at UTC-4 and ends at UTC-5
    CalendarWindow week = CalendarWindow.containing(WindowPeriod.WEEK, LocalDate.of(2022, 11, 2));

    assertThat(week.startInstant()).isEqualTo(Instant.parse("2022-10-31T04:00:00Z"));
    assertThat(week.endInstant()).isEqualTo(Instant.parse("2022-11-07T05:00:00Z"));
    assertThat(week.key(WindowDimension.SECTOR, "Internet")).isEqualTo("SECTOR|Internet|WEEK|2022-10-31");
  }

  @Test
  void figuresCoverEveryMemberAndOnlyTheirKnownParts() {
    List<Member> members = List.of(
        new Member("meta", "Meta", "META", 11_000, 0.07, 0.10, true),
        new Member("amzn", "Amazon", "AMZN", 10_000, -0.02, null, false),  // CAR[0,+5] not known yet
        new Member("twtr", "Twitter", null, 3_700, null, null, true),       // private: no reaction
        new Member("tiny", "Tiny", "TINY", null, -0.01, -0.03, true));      // no headcount

    ReactionWindow w = WindowAggregate.of(WindowDimension.MARKET, "ALL", NOV_2022, members, WindowStatus.PROVISIONAL, AS_OF);

    assertThat(w.getAnnouncementCount()).isEqualTo(4);
    assertThat(w.getTotalHeadcount()).isEqualTo(24_700L);
    assertThat(w.getWithHeadcount()).isEqualTo(3);
    assertThat(w.getReactionCount()).isEqualTo(3);
    assertThat(w.getMeanCar0P1()).isCloseTo((0.07 - 0.02 - 0.01) / 3, within(1e-15));
    assertThat(w.getMedianCar0P1()).isEqualTo(-0.01);
    assertThat(w.getMeanCar0P5()).isCloseTo((0.10 - 0.03) / 2, within(1e-15));
    assertThat(w.getMedianCar0P5()).isCloseTo((0.10 - 0.03) / 2, within(1e-15));
    assertThat(w.getNegativeCar0P1Share()).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(w.getHeadcountWeightedCar0P5()).as("only META has both").isEqualTo(0.10);
    assertThat(w.getLargest()).extracting(WindowMember::getAnnouncementId).containsExactly("meta", "amzn", "twtr");
    assertThat(w.getWindowStart()).isEqualTo(Instant.parse("2022-11-01T04:00:00Z"));
    assertThat(w.getWindowEnd()).isEqualTo(Instant.parse("2022-12-01T05:00:00Z"));
    assertThat(WindowAggregate.allSettled(members)).isFalse();
  }

  @Test
  void memberOrderDoesNotChangeAnyBit() {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      members.add(new Member("id" + i, "C" + i, "T" + i, 100 + i * 37, Math.sin(i) / 10, Math.cos(i) / 10, true));
    }
    ReactionWindow expected = WindowAggregate.of(WindowDimension.TICKER, "X", NOV_2022, members, WindowStatus.FINAL, AS_OF);

    Collections.reverse(members);
    Collections.swap(members, 3, 41);

    assertThat(WindowAggregate.of(WindowDimension.TICKER, "X", NOV_2022, members, WindowStatus.FINAL, AS_OF)).isEqualTo(expected);
  }

  @Test
  void anEmptyWindowHasNoFigures() {
    ReactionWindow w = WindowAggregate.of(WindowDimension.MARKET, "ALL", NOV_2022, List.of(), WindowStatus.FINAL, AS_OF);

    assertThat(w.getAnnouncementCount()).isZero();
    assertThat(w.getMeanCar0P1()).isNull();
    assertThat(w.getNegativeCar0P1Share()).isNull();
    assertThat(w.getHeadcountWeightedCar0P5()).isNull();
    assertThat(w.getLargest()).isEmpty();
  }
}
