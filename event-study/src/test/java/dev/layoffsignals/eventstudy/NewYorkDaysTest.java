package dev.layoffsignals.eventstudy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link NewYorkDays} against java.time, which it stands in for. */
class NewYorkDaysTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void startAndCloseOfEveryDateFrom1900To2100() {
    for (LocalDate date = LocalDate.of(1900, 1, 1); date.isBefore(LocalDate.of(2101, 1, 1)); date = date.plusDays(1)) {
      assertThat(NewYorkDays.startOfDayMillis(date.toEpochDay()))
          .as("start of %s", date).isEqualTo(date.atStartOfDay(NEW_YORK).toInstant().toEpochMilli());
      assertThat(NewYorkDays.closeMillis(date.toEpochDay()))
          .as("close of %s", date).isEqualTo(ZonedDateTime.of(date, LocalTime.of(16, 0), NEW_YORK).toInstant().toEpochMilli());
    }
  }

  @Test
  void dateOfInstantsEitherSideOfEveryMidnightAndEveryOffsetChange() {
    List<Long> instants = new ArrayList<>();
    for (LocalDate date = LocalDate.of(1900, 1, 1); date.isBefore(LocalDate.of(2101, 1, 1)); date = date.plusDays(1)) {
      instants.add(date.atStartOfDay(NEW_YORK).toInstant().toEpochMilli());
      instants.add(date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli());
    }
    ZoneOffsetTransition transition = NEW_YORK.getRules().nextTransition(Instant.parse("1900-01-01T00:00:00Z"));
    while (transition != null && transition.getInstant().isBefore(Instant.parse("2101-01-01T00:00:00Z"))) {
      instants.add(transition.getInstant().toEpochMilli());
      transition = NEW_YORK.getRules().nextTransition(transition.getInstant());
    }
    for (long at : instants) {
      for (long delta : new long[] {-3_600_001, -1, 0, 1, 3_599_999}) {
        assertEpochDayAsJavaTime(at + delta);
      }
    }
  }

  @Test
  void dateOfRandomInstantsIncludingFarAwayOnes() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      assertEpochDayAsJavaTime(random.nextLong(-5_000_000_000_000L, 5_000_000_000_000L));
    }
    for (Instant far : new Instant[] {Instant.parse("-999999-01-01T12:00:00Z"),
        Instant.parse("+999999-06-30T23:59:59.999Z"), Instant.ofEpochSecond(-100_000_000_001L), Instant.ofEpochSecond(100_000_000_001L)}) {
      assertThat(NewYorkDays.epochDay(far)).as("%s", far).isEqualTo(LocalDate.ofInstant(far, NEW_YORK).toEpochDay());
    }
  }

  @Test
  void coversThreeThousandYearsEitherSideOf1970() {
    assertThat(NewYorkDays.covers(LocalDate.of(-1000, 1, 1))).isTrue();
    assertThat(NewYorkDays.covers(LocalDate.of(4900, 12, 31))).isTrue();
    assertThat(NewYorkDays.covers(LocalDate.MAX)).isFalse();
    assertThat(NewYorkDays.covers(LocalDate.MIN)).isFalse();
  }

  @Test
  void threadsAskingForDatesThatShareTableSlotsGetTheirOwnAnswers() throws Exception {
    // dates 4096 days apart share a slot: each thread keeps replacing the others' entries
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long base = LocalDate.of(1990, 1, 1).toEpochDay() + t * 4096L;
        results.add(pool.submit((Callable<Integer>) () -> {
          int wrong = 0;
          for (int round = 0; round < 20; round++) {
            for (long day = base; day < base + 4096; day++) {
              long expected = LocalDate.ofEpochDay(day).atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
              wrong += NewYorkDays.startOfDayMillis(day) == expected ? 0 : 1;
            }
          }
          return wrong;
        }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertEpochDayAsJavaTime(long epochMilli) {
    Instant instant = Instant.ofEpochMilli(epochMilli);
    long expected = LocalDate.ofInstant(instant, NEW_YORK).toEpochDay();
    assertThat(NewYorkDays.epochDay(epochMilli)).as("%s", instant).isEqualTo(expected);
    assertThat(NewYorkDays.epochDay(instant)).as("%s", instant).isEqualTo(expected);
  }
}
