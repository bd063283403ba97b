package dev.layoffsignals.streams.dedup;

import static dev.layoffsignals.streams.dedup.AnnouncementClusteringTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.HeadcountQualifier;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.streams.events.AnnouncementChange;
import dev.layoffsignals.streams.events.ReactInput;
import dev.layoffsignals.streams.events.Report;
import dev.layoffsignals.streams.events.TickerEvent;
import dev.layoffsignals.streams.events.Watermark;
import dev.layoffsignals.streams.metrics.SignalMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DedupProcessorTest {

  private final MockProcessorContext<String, ReactInput> context = new MockProcessorContext<>();
  private final KeyValueStore<String, List<LayoffAnnouncement>> store = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore("dedup-reports"), Serdes.String(), ReportSets.serde())
      .withLoggingDisabled().build();

  DedupProcessorTest() {
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }

  private DedupProcessor started() {
    DedupProcessor processor = new DedupProcessor("dedup-reports", new SignalMetrics(new SimpleMeterRegistry()));
    processor.init(context);
    return processor;
  }

  private static void process(DedupProcessor processor, TickerEvent event, Instant at) {
    processor.process(new Record<>("ACME", event, at.toEpochMilli()));
  }

  /** The announcement changes forwarded since the last call, as "id sources" or "id retracted". */
  private List<String> changes() {
    List<String> out = context.forwarded().stream()
        .map(f -> f.record().value())
        .filter(v -> v instanceof AnnouncementChange)
        .map(v -> (AnnouncementChange) v)
        .map(c -> c.announcementId() + (c.retracted() ? " retracted" : " " + c.announcement().getSourceCount()))
        .toList();
    context.resetForwards();
    return out;
  }

  @Test
  @DisplayName("a processor started again on the store (a restored task) merges a new report into the layoff stored before")
  void aRestartedProcessorKnowsTheStoredReports() {
    LayoffAnnouncement first = report("d0", "2023-01-02T14:00:00Z", 1000, HeadcountQualifier.APPROX, null);
    LayoffAnnouncement second = report("d2", "2023-01-04T23:00:00Z", 1050, HeadcountQualifier.EXACT, null);
    process(started(), new Report(first), first.getAnnouncedAt());
    assertThat(changes()).containsExactly("d0 1");

    process(started(), new Report(second), second.getAnnouncedAt());

    assertThat(changes()).containsExactly("d0 2");
    assertThat(store.get("ACME")).extracting(LayoffAnnouncement::getAnnouncementId).containsExactly("d0", "d2");
  }

  @Test
  @DisplayName("a forgotten layoff leaves the store and the processor's memory: a later report of the key retracts nothing")
  void aForgottenLayoffIsForgottenEverywhere() {
    DedupProcessor processor = started();
    LayoffAnnouncement first = report("d0", "2023-01-02T14:00:00Z", 1000, HeadcountQualifier.APPROX, null);
    process(processor, new Report(first), first.getAnnouncedAt());
    assertThat(changes()).containsExactly("d0 1");

    Instant closed = SameLayoffRule.closedFrom(first.getAnnouncedAt());
    process(processor, new Watermark(0, closed.toEpochMilli()), closed);
    assertThat(store.get("ACME")).isNull();
    LayoffAnnouncement later = report("d9", "2023-01-11T14:00:00Z", 1000, HeadcountQualifier.EXACT, null);
    process(processor, new Report(later), later.getAnnouncedAt());

    assertThat(changes()).containsExactly("d9 1");
    assertThat(store.get("ACME")).extracting(LayoffAnnouncement::getAnnouncementId).containsExactly("d9");
  }

  @Test
  @DisplayName("the reports of a layoff are forgotten from 00:00 New York of the fourth day after its first report")
  void closedLayoffsAreForgotten() {
    LayoffAnnouncement first = report("d0", "2023-01-02T14:00:00Z", 1000, HeadcountQualifier.APPROX, null); // 09:00 NY, Mon 01-02
    LayoffAnnouncement second = report("d2", "2023-01-04T23:00:00Z", 1050, HeadcountQualifier.EXACT, null);
    LayoffAnnouncement other = report("d5", "2023-01-07T14:00:00Z", 1000, HeadcountQualifier.EXACT, null);
    List<LayoffAnnouncement> all = List.of(first, second, other);

    assertThat(SameLayoffRule.closedFrom(first.getAnnouncedAt())).isEqualTo(Instant.parse("2023-01-06T05:00:00Z"));
    assertThat(DedupProcessor.stillOpen(all, Instant.parse("2023-01-06T04:59:59.999Z"))).hasSize(3);
    assertThat(DedupProcessor.stillOpen(all, Instant.parse("2023-01-06T05:00:00Z")))
        .extracting(LayoffAnnouncement::getAnnouncementId).containsExactly("d5");
  }

  @Test
  @DisplayName("forgetting closed layoffs changes none of the open ones")
  void forgettingChangesNothingElse() {
    List<LayoffAnnouncement> all = List.of(
        report("d0", "2023-01-02T14:00:00Z", 1000, HeadcountQualifier.APPROX, null),
        report("d2", "2023-01-04T23:00:00Z", 1050, HeadcountQualifier.EXACT, null),
        report("d5", "2023-01-07T14:00:00Z", 1000, HeadcountQualifier.EXACT, null),
        report("d6", "2023-01-08T14:00:00Z", 1020, HeadcountQualifier.EXACT, null));
    Instant clock = Instant.parse("2023-01-07T15:00:00Z");

    var before = DedupProcessor.announcements(all);
    var after = DedupProcessor.announcements(DedupProcessor.stillOpen(all, clock));

    assertThat(after).containsOnlyKeys("d5");
    assertThat(after.get("d5")).isEqualTo(before.get("d5"));
  }
}
