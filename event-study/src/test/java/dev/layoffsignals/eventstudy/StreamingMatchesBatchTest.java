package dev.layoffsignals.eventstudy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.eventstudy.Reaction.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming path (bounded {@link CloseHistory}s updated one close at a time, {@link EventStudy}
 * evaluated after each) against the batch reference over all the real data: same record, bit for
 * bit.
 */
class StreamingMatchesBatchTest {

  private static final EventStudyParameters PARAMETERS = EventStudyParameters.DEFAULTS;
  private static final EventStudy EVENT_STUDY = new EventStudy(PARAMETERS);
  /** Feed sessions -150..+10: more than the history needs, up to the INCOMPLETE deadline. */
  private static final int FIRST_DAY = -150;
  private static final int LAST_DAY = 10;

  private record Arrival(boolean isBenchmark, DailyClose close) {
  }

  private record Case(String symbol, Instant announcedAt, Set<LocalDate> withheld) {
    List<DailyClose> symbolCloses() {
      return HistoricalPrices.closes(symbol).stream().filter(c -> !withheld.contains(c.date())).toList();
    }

    Reaction batch() {
      return new BatchEventStudy(PARAMETERS).reaction(announcedAt, symbolCloses(), HistoricalPrices.closes("QQQ"))
          .orElseThrow();
    }

    /** Closes of sessions FIRST_DAY..LAST_DAY around day 0, by date, the symbol's before the benchmark's. */
    List<Arrival> inDateOrder() {
      List<DailyClose> benchmark = HistoricalPrices.closes("QQQ");
      LocalDate day0 = batch().day0();
      int dayZeroIndex = IntStream.range(0, benchmark.size())
          .filter(i -> benchmark.get(i).date().equals(day0)).findFirst().orElseThrow();
      List<DailyClose> symbol = symbolCloses();
      List<Arrival> arrivals = new ArrayList<>();
      for (int i = dayZeroIndex + FIRST_DAY; i <= dayZeroIndex + LAST_DAY; i++) {
        LocalDate date = benchmark.get(i).date();
        symbol.stream().filter(c -> c.date().equals(date)).findFirst()
            .ifPresent(c -> arrivals.add(new Arrival(false, c)));
        arrivals.add(new Arrival(true, benchmark.get(i)));
      }
      return arrivals;
    }

    @Override
    public String toString() {
      return symbol + " " + announcedAt + (withheld.isEmpty() ? "" : " without " + withheld);
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("META", SessionCalendar.startOfDay(LocalDate.parse("2022-11-09")), Set.of()),
        new Case("INTC", newYork("2024-08-01T16:15"), Set.of()),
        new Case("MSFT", SessionCalendar.startOfDay(LocalDate.parse("2023-01-18")), Set.of()),
        // INTC without its close of day +3 (2024-08-07): INCOMPLETE
        new Case("INTC", newYork("2024-08-01T16:15"), Set.of(LocalDate.parse("2024-08-07"))));
  }

  static Stream<Arguments> casesAndSeeds() {
    return cases().flatMap(c -> IntStream.range(0, 25).mapToObj(seed -> Arguments.of(c, seed)));
  }

  /**
   * Each close is displaced by up to {@code GRACE} arrivals (both streams interleaved), so either
   * stream runs up to 3 sessions ahead of the other, benchmark closes come out of order, and old
   * closes arrive after newer ones. The histories keep {@code historySessionsNeeded() + 3}.
   */
  @ParameterizedTest(name = "{0}, seed {1}")
  @MethodSource("casesAndSeeds")
  void endsWithTheBatchResultWhateverTheArrivalOrderWithinTheGrace(Case c, int seed) {
    final int grace = 6;
    List<Arrival> arrivals = shuffledWithin(c.inDateOrder(), grace, new Random(seed));

    List<Optional<Reaction>> emitted = stream(c.announcedAt(), arrivals, PARAMETERS.historySessionsNeeded() + grace / 2);

    Reaction batch = c.batch();
    assertThat(emitted.get(emitted.size() - 1)).contains(batch);
    assertThat(emitted).filteredOn(Optional::isPresent).extracting(r -> r.get().status()).contains(Status.PROVISIONAL);
  }

  /**
   * In date order, with the symbol's close of each date arriving before the benchmark's and
   * histories of exactly {@link EventStudyParameters#historySessionsNeeded()} sessions: PROVISIONAL
   * day by day, then the first FINAL or INCOMPLETE is the batch result and stays so through day +10.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void inDateOrderTheFirstTerminalResultIsTheBatchResult(Case c) {
    List<Optional<Reaction>> emitted = stream(c.announcedAt(), c.inDateOrder(), PARAMETERS.historySessionsNeeded());

    Reaction batch = c.batch();
    List<Reaction> reactions = emitted.stream().flatMap(Optional::stream).toList();
    int firstTerminal = IntStream.range(0, reactions.size())
        .filter(i -> reactions.get(i).status() != Status.PROVISIONAL).findFirst().orElseThrow();
    assertThat(reactions.subList(0, firstTerminal)).extracting(Reaction::status).containsOnly(Status.PROVISIONAL);
    assertThat(reactions.subList(firstTerminal, reactions.size())).containsOnly(batch);
    // the PROVISIONAL ones gain a session per benchmark close of days 0..+4 and agree with the batch result on
    // every session they have
    assertThat(reactions.subList(0, firstTerminal).stream().map(r -> r.sessions().size()).distinct())
        .startsWith(2, 3, 4, 5, 6);
    for (Reaction provisional : reactions.subList(0, firstTerminal)) {
      assertThat(provisional.model()).isEqualTo(batch.model());
      assertThat(batch.sessions()).containsAll(provisional.sessions());
    }
  }

  /** One session less than {@link EventStudyParameters#historySessionsNeeded()} and INCOMPLETE at day +10 no longer matches. */
  @ParameterizedTest(name = "capacity needed {0}")
  @ValueSource(ints = {0, -1})
  void theHistoryBoundIsTight(int slack) {
    Case incomplete = cases().reduce((a, b) -> b).orElseThrow();

    List<Optional<Reaction>> emitted = stream(incomplete.announcedAt(), incomplete.inDateOrder(),
        PARAMETERS.historySessionsNeeded() + slack);

    Reaction last = emitted.get(emitted.size() - 1).orElseThrow();
    assertThat(last.status()).isEqualTo(Status.INCOMPLETE);
    assertThat(last.model().estimationReturns()).isEqualTo(slack == 0 ? 120 : 119);
    assertThat(last.equals(incomplete.batch())).isEqualTo(slack == 0);
  }

  private static List<Optional<Reaction>> stream(Instant announcedAt, List<Arrival> arrivals, int capacity) {
    CloseHistory symbol = CloseHistory.empty(capacity);
    CloseHistory benchmark = CloseHistory.empty(capacity);
    List<Optional<Reaction>> emitted = new ArrayList<>();
    for (Arrival arrival : arrivals) {
      if (arrival.isBenchmark()) {
        benchmark = benchmark.with(arrival.close());
      } else {
        symbol = symbol.with(arrival.close());
      }
      emitted.add(EVENT_STUDY.evaluate(announcedAt, symbol, benchmark));
    }
    return emitted;
  }

  /** Moves each arrival later by a random 0..grace positions (a stable sort on position + delay). */
  private static List<Arrival> shuffledWithin(List<Arrival> arrivals, int grace, Random random) {
    record Delayed(int key, int position, Arrival arrival) {
    }
    List<Delayed> delayed = new ArrayList<>();
    for (int i = 0; i < arrivals.size(); i++) {
      delayed.add(new Delayed(i + random.nextInt(grace + 1), i, arrivals.get(i)));
    }
    delayed.sort(Comparator.comparingInt(Delayed::key).thenComparingInt(Delayed::position));
    return delayed.stream().map(Delayed::arrival).toList();
  }

  private static Instant newYork(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SessionCalendar.NEW_YORK).toInstant();
  }
}
