package dev.layoffsignals.eventstudy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionCalendarTest {

  /** Benchmark closes around Thanksgiving 2022: no session on Thursday 24 November. */
  private static final SessionCalendar THANKSGIVING_WEEK = SessionCalendar.of(CloseHistory.of(10, List.of(
      new DailyClose(LocalDate.parse("2022-11-18"), 280.0),   // Fri
      new DailyClose(LocalDate.parse("2022-11-21"), 278.0),   // Mon
      new DailyClose(LocalDate.parse("2022-11-22"), 281.0),   // Tue
      new DailyClose(LocalDate.parse("2022-11-23"), 284.0),   // Wed
      // Thu 24: holiday, no close
      new DailyClose(LocalDate.parse("2022-11-25"), 282.0),   // Fri (early close, modelled as 16:00)
      new DailyClose(LocalDate.parse("2022-11-28"), 279.0)))); // Mon: last known session

  static Stream<Arguments> announcements() {
    return Stream.of(
        Arguments.of("Tue 08:30, before the open", ny("2022-11-22T08:30"), "2022-11-22"),
        Arguments.of("Tue 11:45, during the session", ny("2022-11-22T11:45"), "2022-11-22"),
        Arguments.of("Tue 16:00:00.000, exactly at the close", ny("2022-11-22T16:00"), "2022-11-22"),
        Arguments.of("Tue 16:00:00.001, just after the close", ny("2022-11-22T16:00:00.001"), "2022-11-23"),
        Arguments.of("Tue 16:15, after the close", ny("2022-11-22T16:15"), "2022-11-23"),
        Arguments.of("Tue 23:59", ny("2022-11-22T23:59"), "2022-11-23"),
        Arguments.of("Wed 16:15, next day is a holiday", ny("2022-11-23T16:15"), "2022-11-25"),
        Arguments.of("Thu 10:00, on the holiday", ny("2022-11-24T10:00"), "2022-11-25"),
        Arguments.of("Sat 12:00, weekend", ny("2022-11-26T12:00"), "2022-11-28"),
        Arguments.of("Fri 17:00, after the close before a weekend", ny("2022-11-25T17:00"), "2022-11-28"),
        Arguments.of("date-only Tue, a trading day", SessionCalendar.startOfDay(LocalDate.parse("2022-11-22")), "2022-11-22"),
        Arguments.of("date-only Thu, the holiday", SessionCalendar.startOfDay(LocalDate.parse("2022-11-24")), "2022-11-25"),
        Arguments.of("date-only Sun", SessionCalendar.startOfDay(LocalDate.parse("2022-11-27")), "2022-11-28"),
        Arguments.of("Tue 20:30 UTC = 15:30 EST, before the close", Instant.parse("2022-11-22T20:30:00Z"), "2022-11-22"),
        Arguments.of("Tue 21:30 UTC = 16:30 EST, after the close", Instant.parse("2022-11-22T21:30:00Z"), "2022-11-23"));
  }

  @ParameterizedTest(name = "{0} -> day 0 {2}")
  @MethodSource("announcements")
  void dayZeroIsTheFirstSessionClosingAtOrAfterTheAnnouncement(String description, Instant announcedAt, String day0) {
    assertThat(THANKSGIVING_WEEK.dayZero(announcedAt)).contains(LocalDate.parse(day0));
  }

  @Test
  void dayZeroIsUnknownUntilTheBenchmarkHasClosedIt() {
    // Mon 28 after the close: day 0 would be Tue 29, whose close is not known yet
    assertThat(THANKSGIVING_WEEK.dayZero(ny("2022-11-28T16:01"))).isEmpty();
  }

  @Test
  void dayZeroIsUnknownWithoutAKnownSessionBeforeTheAnnouncement() {
    // Fri 18 is the first known session: an earlier gap in the data could hide the real day 0
    assertThat(THANKSGIVING_WEEK.dayZero(ny("2022-11-18T09:00"))).isEmpty();
    assertThat(THANKSGIVING_WEEK.dayZero(ny("2022-11-10T09:00"))).isEmpty();
    assertThat(THANKSGIVING_WEEK.dayZero(ny("2022-11-18T16:01"))).contains(LocalDate.parse("2022-11-21"));
  }

  @Test
  void sessionsCloseAt16NewYorkTimeInWinterAndSummer() {
    assertThat(SessionCalendar.closeOf(LocalDate.parse("2022-11-22"))).isEqualTo(Instant.parse("2022-11-22T21:00:00Z")); // EST
    assertThat(SessionCalendar.closeOf(LocalDate.parse("2024-08-01"))).isEqualTo(Instant.parse("2024-08-01T20:00:00Z")); // EDT
    assertThat(SessionCalendar.startOfDay(LocalDate.parse("2022-11-09"))).isEqualTo(Instant.parse("2022-11-09T05:00:00Z"));
    assertThat(SessionCalendar.startOfDay(LocalDate.parse("2024-08-01"))).isEqualTo(Instant.parse("2024-08-01T04:00:00Z"));
  }

  @Test
  void countsSessionsFromADate() {
    LocalDate wednesday = LocalDate.parse("2022-11-23");

    assertThat(THANKSGIVING_WEEK.sessionAt(wednesday, 1)).contains(LocalDate.parse("2022-11-25"));   // over the holiday
    assertThat(THANKSGIVING_WEEK.sessionAt(wednesday, -2)).contains(LocalDate.parse("2022-11-21"));
    assertThat(THANKSGIVING_WEEK.sessionAt(wednesday, 3)).isEqualTo(Optional.empty());
    assertThatThrownBy(() -> THANKSGIVING_WEEK.sessionAt(LocalDate.parse("2022-11-24"), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("2022-11-24 is not a known session");
  }

  private static Instant ny(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SessionCalendar.NEW_YORK).toInstant();
  }
}
