package dev.layoffsignals.streams.reaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.eventstudy.CloseHistory;
import dev.layoffsignals.eventstudy.DailyClose;
import dev.layoffsignals.eventstudy.EventStudy;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.streams.events.ReactOutput;
import dev.layoffsignals.streams.events.ReactionChange;
import dev.layoffsignals.streams.time.WatermarkTracker;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the evaluator emits when it evaluates an announcement again. */
class AnnouncementEvaluatorTest {

  private static final LocalDate FIRST = LocalDate.parse("2023-01-02");
  private final AnnouncementEvaluator evaluator = new AnnouncementEvaluator(EventStudy.withDefaults());
  private final CloseHistory benchmark = closes(30, 300.0, 1.001);
  private final CloseHistory symbol = closes(30, 100.0, 1.003);
  private final LayoffAnnouncement announcement = LayoffAnnouncement.newBuilder()
      .setAnnouncementId("a1")
      .setCompany("Acme")
      .setTicker("ACME")
      .setSector("Software")
      .setAnnouncedAt(Instant.parse("2023-02-08T14:00:00Z")) // a Wednesday, two sessions before the last close
      .setTimePrecision(TimePrecision.INSTANT)
      .setHeadcount(1000)
      .setReasons(new ArrayList<>())
      .setConfidence(0.9)
      .setSources(new ArrayList<>())
      .setSourceCount(1)
      .setVersion(1)
      .build();

  /** Closes of the first {@code sessions} weekdays from {@link #FIRST}, growing by {@code factor} a day. */
  private static CloseHistory closes(int sessions, double first, double factor) {
    List<DailyClose> closes = new ArrayList<>();
    double close = first;
    for (LocalDate d = FIRST; closes.size() < sessions; d = d.plusDays(1)) {
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        closes.add(new DailyClose(d, close));
        close *= factor;
      }
    }
    return CloseHistory.of(CloseRetention.CAPACITY, closes);
  }

  private AnnouncementEvaluator.Outcome evaluate(AnnouncementEvaluator on, OpenAnnouncement open) {
    return on.evaluate(open, benchmark, symbol, WatermarkTracker.NONE);
  }

  private static List<MarketReaction> reactions(List<ReactOutput> outputs) {
    return outputs.stream().filter(o -> o instanceof ReactionChange).map(o -> ((ReactionChange) o).reaction()).toList();
  }

  @Test
  @DisplayName("evaluated again on the same closes, an announcement emits nothing and keeps the record it emitted")
  void sameInputsSameRecord() {
    AnnouncementEvaluator.Outcome first = evaluate(evaluator, new OpenAnnouncement(announcement, null, null));
    assertThat(reactions(first.outputs())).hasSize(1);

    AnnouncementEvaluator.Outcome again = evaluate(evaluator, first.next());

    assertThat(again.outputs()).isEmpty();
    assertThat(again.next()).isEqualTo(first.next());
    assertThat(again.next().lastReaction()).isSameAs(first.next().lastReaction());
  }

  @Test
  @DisplayName("a new version of the announcement with the same closes emits the reaction again, with the new figures")
  void aNewVersionOfTheAnnouncementIsANewRecord() {
    AnnouncementEvaluator.Outcome first = evaluate(evaluator, new OpenAnnouncement(announcement, null, null));
    LayoffAnnouncement merged = LayoffAnnouncement.newBuilder(announcement).setHeadcount(1200).setSourceCount(2).build();

    AnnouncementEvaluator.Outcome again = evaluate(evaluator, first.next().withAnnouncement(merged));

    MarketReaction before = reactions(first.outputs()).get(0);
    assertThat(reactions(again.outputs())).singleElement().satisfies(after -> {
      assertThat(after.getHeadcount()).isEqualTo(1200);
      assertThat(after).isEqualTo(MarketReaction.newBuilder(before).setHeadcount(1200).build());
    });
  }

  @Test
  @DisplayName("after a restart (the last record read back from the store, a new evaluator), an unchanged reaction emits nothing")
  void anUnchangedReactionAfterARestartEmitsNothing() {
    OpenAnnouncement stored = evaluate(evaluator, new OpenAnnouncement(announcement, null, null)).next();
    Serde<List<OpenAnnouncement>> serde = OpenAnnouncements.serde();
    OpenAnnouncement restored = serde.deserializer().deserialize("t", serde.serializer().serialize("t", List.of(stored))).get(0);

    AnnouncementEvaluator.Outcome again = evaluate(new AnnouncementEvaluator(EventStudy.withDefaults()), restored);

    assertThat(again.outputs()).isEmpty();
    assertThat(again.next()).isEqualTo(stored);
  }

  @Test
  @DisplayName("a new close changes the reaction: the evaluator builds and emits a new record")
  void aNewCloseIsANewRecord() {
    AnnouncementEvaluator.Outcome first = evaluate(evaluator, new OpenAnnouncement(announcement, null, null));
    LocalDate next = symbol.dateAt(symbol.size() - 1).plusDays(3); // the Monday after the last Friday

    AnnouncementEvaluator.Outcome again = evaluator.evaluate(first.next(), benchmark.with(next, 330.0),
        symbol.with(next, 80.0), WatermarkTracker.NONE);

    assertThat(reactions(again.outputs())).singleElement().satisfies(after ->
        assertThat(after.getAsOf()).isAfter(reactions(first.outputs()).get(0).getAsOf()));
  }
}
