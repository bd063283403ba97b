package dev.layoffsignals.streams.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.eventstudy.SessionCalendar;
import dev.layoffsignals.streams.dedup.SameLayoffRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClockGridTest {

  static long ny(String localDateTime) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), SessionCalendar.NEW_YORK).toInstant().toEpochMilli();
  }

  @Test
  @DisplayName("rounds down to 00:00 New York before the close has passed, to 16:00:00.001 after")
  void roundsDownToMidnightOrJustAfterTheClose() {
    ClockGrid grid = new ClockGrid();
    assertThat(grid.floor(ny("2024-03-05T00:00:00"))).isEqualTo(ny("2024-03-05T00:00:00"));
    assertThat(grid.floor(ny("2024-03-05T10:17:00"))).isEqualTo(ny("2024-03-05T00:00:00"));
    assertThat(grid.floor(ny("2024-03-05T16:00:00"))).isEqualTo(ny("2024-03-05T00:00:00")); // the close itself: not past it
    assertThat(grid.floor(ny("2024-03-05T16:00:00.001"))).isEqualTo(ny("2024-03-05T16:00:00.001"));
    assertThat(grid.floor(ny("2024-03-05T23:59:59.999"))).isEqualTo(ny("2024-03-05T16:00:00.001"));
    assertThat(grid.floor(ny("2024-03-06T00:00:00"))).isEqualTo(ny("2024-03-06T00:00:00"));
    // going back in time is answered as well (the remembered interval does not hold)
    assertThat(grid.floor(ny("2024-03-04T12:00:00"))).isEqualTo(ny("2024-03-04T00:00:00"));
    // Sunday 2024-03-10 has 23 hours in New York, Sunday 2024-11-03 has 25
    assertThat(grid.floor(ny("2024-03-10T23:00:00"))).isEqualTo(ny("2024-03-10T16:00:00.001"));
    assertThat(grid.floor(ny("2024-11-03T01:30:00"))).isEqualTo(ny("2024-11-03T00:00:00"));
    assertThat(grid.floor(ny("2024-11-03T20:00:00"))).isEqualTo(ny("2024-11-03T16:00:00.001"));
  }

  @Test
  @DisplayName("the rounded clock takes every decision the clock takes: against midnights, closes, and closed layoffs")
  void roundedClockDecidesAsTheClock() {
    SplittableRandom random = new SplittableRandom(7);
    ClockGrid grid = new ClockGrid();
    long from = ny("2023-12-25T00:00:00");
    long span = ny("2024-12-31T00:00:00") - from;
    List<Long> clocks = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      clocks.add(from + (long) (random.nextDouble() * span));
    }
    clocks.sort(null); // as a watermark goes
    for (long clock : clocks) {
      long rounded = grid.floor(clock);
      assertThat(rounded).isLessThanOrEqualTo(clock);
      LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(clock), SessionCalendar.NEW_YORK);
      for (int d = -3; d <= 3; d++) {
        LocalDate date = day.plusDays(d);
        long close = SessionCalendar.closeOf(date).toEpochMilli();
        long midnight = SessionCalendar.startOfDay(date).toEpochMilli();
        assertThat(rounded > close).as("past the close of %s at %s", date, clock).isEqualTo(clock > close);
        assertThat(rounded >= midnight).as("past 00:00 of %s at %s", date, clock).isEqualTo(clock >= midnight);
        Instant announced = Instant.ofEpochMilli(midnight + random.nextLong(86_400_000L));
        long closedFrom = SameLayoffRule.closedFrom(announced).toEpochMilli();
        assertThat(rounded >= closedFrom && rounded > announced.toEpochMilli())
            .as("layoff of %s closed at %s", announced, clock)
            .isEqualTo(clock >= closedFrom && clock > announced.toEpochMilli());
      }
      assertThat(SessionCalendar.firstCloseDateAtOrAfter(Instant.ofEpochMilli(rounded)))
          .isEqualTo(SessionCalendar.firstCloseDateAtOrAfter(Instant.ofEpochMilli(clock)));
      assertThat(LocalDate.ofInstant(Instant.ofEpochMilli(rounded), SessionCalendar.NEW_YORK)).isEqualTo(day);
    }
  }
}
