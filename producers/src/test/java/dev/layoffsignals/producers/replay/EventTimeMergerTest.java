package dev.layoffsignals.producers.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.EventSource;
import dev.layoffsignals.producers.InputStats;
import dev.layoffsignals.producers.ListSource;
import dev.layoffsignals.producers.Rejection;
import dev.layoffsignals.producers.Rejects;
import dev.layoffsignals.producers.layoffs.CompanyResolver;
import dev.layoffsignals.producers.layoffs.LayoffsFyiSource;
import dev.layoffsignals.producers.ticks.SyntheticTickSource;
import dev.layoffsignals.producers.ticks.SyntheticTicks;
import dev.layoffsignals.producers.ticks.TickCsvSource;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import dev.layoffsignals.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventTimeMergerTest {

  private static final Path DATA = Path.of("../data/historical");

  private static Event tick(InputStats in, String symbol, long t, long line) {
    return new Event(Topics.STOCK_TICKS, symbol,
        new StockTick(symbol, Instant.ofEpochMilli(t), 1.0, 1L, TickKind.TRADE), t, line, in);
  }

  private static Event article(InputStats in, String id, long t, long line) {
    return new Event(Topics.ARTICLES, id, new Article(id, Instant.ofEpochMilli(t), "t", "b", null, null, null), t, line, in);
  }

  private static List<String> drain(EventSource s) throws IOException {
    List<String> out = new ArrayList<>();
    Event e;
    while ((e = s.next()) != null) {
      out.add(e.timestamp() + " " + e.topic().name() + " " + e.key() + " " + e.input().name() + ":" + e.line());
    }
    return out;
  }

  @Test
  @DisplayName("event time first; at equal times topic order (articles, ticks, layoffs), then source order, then position")
  void orderAndTieBreaks() throws IOException {
    InputStats a = new InputStats("a");
    InputStats b = new InputStats("b");
    InputStats c = new InputStats("c");
    // a: unsorted ticks (sorted by the merger, stable); b: ticks; c: articles, listed last
    EventSource sa = new ListSource(a, List.of(tick(a, "X", 30, 1), tick(a, "X", 10, 2), tick(a, "Y", 10, 3)), false);
    EventSource sb = new ListSource(b, List.of(tick(b, "Z", 10, 1), tick(b, "Z", 20, 2)), true);
    EventSource sc = new ListSource(c, List.of(article(c, "n1", 10, 1), article(c, "n2", 30, 2)), false);

    List<String> merged = drain(new EventTimeMerger(List.of(sa, sb, sc), Rejects.collecting()));

    assertThat(merged).containsExactly(
        "10 articles n1 c:1",      // same time as three ticks: the articles topic comes first
        "10 stock-ticks X a:2",    // source a before source b, and within a, file order
        "10 stock-ticks Y a:3",
        "10 stock-ticks Z b:1",
        "20 stock-ticks Z b:2",
        "30 articles n2 c:2",
        "30 stock-ticks X a:1");
  }

  @Test
  @DisplayName("a streamed (time-ordered) source that goes back in time: the event is rejected, the merge stays ordered")
  void outOfOrderStreamedEvent() throws IOException {
    InputStats s = new InputStats("trades.csv");
    Event late = tick(s, "X", 5, 3);
    EventSource trades = new ListSource(s, List.of(tick(s, "X", 10, 2), late, tick(s, "X", 20, 4)), true);
    for (int i = 0; i < 3; i++) {
      s.countEvent();
    }
    Rejects rejects = Rejects.collecting();

    List<String> merged = drain(new EventTimeMerger(List.of(trades), rejects));

    assertThat(merged).containsExactly("10 stock-ticks X trades.csv:2", "20 stock-ticks X trades.csv:4");
    assertThat(rejects.rejections()).extracting(Rejection::describe).containsExactly(
        "trades.csv:3: out of event-time order: 1970-01-01T00:00:00.005Z is before the previous event at"
            + " 1970-01-01T00:00:00.010Z (a streamed input must be sorted by time)");
    assertThat(s.events()).isEqualTo(2);
    assertThat(s.rejected()).isEqualTo(1);
  }

  private static List<EventSource> realInputs(Rejects rejects) throws IOException {
    List<EventSource> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(DATA.resolve("prices"))) {
      for (Path p : files.sorted().toList()) {
        sources.add(TickCsvSource.open(p, rejects));
      }
    }
    sources.add(LayoffsFyiSource.open(DATA.resolve("layoffs.csv"), CompanyResolver.NONE, rejects));
    sources.add(new SyntheticTickSource(SyntheticTicks.Spec.parse("symbols=3,days=5,ticks-per-session=10,start=2022-11-07")));
    return sources;
  }

  @Test
  @DisplayName("two replays of the real data give the identical sequence, in non-decreasing event time")
  void deterministic() throws IOException {
    Rejects rejects = Rejects.collecting();
    List<String> first = drain(new EventTimeMerger(realInputs(rejects), rejects));
    List<String> second = drain(new EventTimeMerger(realInputs(rejects), rejects));

    assertThat(rejects.rejections()).isEmpty();
    // 9 files x 1,255 bars x 2 ticks + 4,277 layoffs + 4 x 5 x 12 synthetic ticks
    assertThat(first).hasSize(9 * 1255 * 2 + 4277 + 240).isEqualTo(second);
    assertThat(first).extracting(l -> Long.parseLong(l.substring(0, l.indexOf(' ')))).isSorted();
  }

  @Test
  @DisplayName("--from/--to are New York dates, both included; --symbols filters ticks only")
  void filter() {
    ReplayFilter f = ReplayFilter.of(java.time.LocalDate.of(2022, 11, 9), java.time.LocalDate.of(2022, 11, 9),
        java.util.Set.of("META"));
    InputStats in = new InputStats("x");
    long startNy = Instant.parse("2022-11-09T05:00:00Z").toEpochMilli();
    long endNy = Instant.parse("2022-11-10T05:00:00Z").toEpochMilli();

    assertThat(f.accepts(tick(in, "META", startNy, 1))).isTrue();
    assertThat(f.accepts(tick(in, "META", startNy - 1, 1))).isFalse();
    assertThat(f.accepts(tick(in, "META", endNy - 1, 1))).isTrue();
    assertThat(f.accepts(tick(in, "META", endNy, 1))).isFalse();
    assertThat(f.accepts(tick(in, "QQQ", startNy, 1))).isFalse();
    assertThat(f.accepts(article(in, "n", startNy, 1))).isTrue();
  }

  @Test
  @DisplayName("--speed N sleeps for event-time gaps divided by N; --speed 0 never reads the clock")
  void pacing() throws InterruptedException {
    long[] now = {1_000_000_000L};
    List<Long> sleeps = new ArrayList<>();
    Pacer pacer = new Pacer(60, () -> now[0], nanos -> {
      sleeps.add(nanos);
      now[0] += nanos;
    });
    pacer.await(0);             // first event: starts the clock
    pacer.await(60_000);        // one minute later in event time: one second later at 60x
    now[0] += 5_000_000_000L;   // the publisher was slow: 5 s pass
    pacer.await(120_000);       // already late: no sleep
    pacer.await(600_000);       // due 10 s after the start; 6 s have passed (1 s slept + 5 s slow): 4 s of sleep

    assertThat(sleeps).containsExactly(1_000_000_000L, 4_000_000_000L);

    Pacer fast = new Pacer(0, () -> {
      throw new AssertionError("speed 0 must not read the clock");
    }, nanos -> {
      throw new AssertionError("speed 0 must not sleep");
    });
    fast.await(0);
    fast.await(Long.MAX_VALUE / 2);
  }
}
