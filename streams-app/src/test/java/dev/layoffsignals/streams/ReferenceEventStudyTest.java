package dev.layoffsignals.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.layoffsignals.eventstudy.BatchEventStudy;
import dev.layoffsignals.eventstudy.DailyClose;
import dev.layoffsignals.eventstudy.EventSession;
import dev.layoffsignals.eventstudy.EventStudyParameters;
import dev.layoffsignals.eventstudy.Reaction;
import dev.layoffsignals.producers.Event;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionSession;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.streams.dedup.AnnouncementClustering;
import dev.layoffsignals.streams.dedup.RoutingKeys;
import dev.layoffsignals.streams.ingest.RecordRules;
import dev.layoffsignals.topics.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reference: a plain batch event study over the CSVs of data/historical (every close known at
 * once) and the layoffs.fyi import, deduplicated by the same rule. Replaying the same data through
 * the topology, record by record in event time, must settle every announcement with a ticker in
 * the price files with the same values.
 */
class ReferenceEventStudyTest {

  static final double EPS = 1e-9;

  @Test
  @DisplayName("every FINAL or INCOMPLETE reaction of a full replay equals the batch event study's, to 1e-9")
  void replayEqualsBatch() {
    Map<String, Reaction> expected = batchReactions();
    Map<String, MarketReaction> settled = new TreeMap<>();
    try (TopologyFixture f = new TopologyFixture()) {
      for (Event e : HistoricalData.events()) {
        if (e.topic() == Topics.STOCK_TICKS) {
          f.ticks.pipeInput(e.key(), (StockTick) e.value(), e.timestamp());
        } else {
          f.records.pipeInput(e.key(), (LayoffAnnouncement) e.value(), e.timestamp());
        }
      }
      TopologyFixture.latest(TopologyFixture.all(f.reactions)).forEach((id, r) -> {
        if (r.getStatus() != ReactionStatus.PROVISIONAL) {
          settled.put(id, r);
        }
      });
      assertThat(f.late.isEmpty()).as("a replay in event-time order has nothing late").isTrue();
      assertThat(f.deadLetters.isEmpty()).isTrue();
    }

    assertThat(expected).hasSizeGreaterThan(50);
    assertThat(settled.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((id, batch) -> {
      MarketReaction streamed = settled.get(id);
      assertThat(streamed.getStatus().name()).as(id).isEqualTo(batch.status().name());
      assertThat(streamed.getDay0()).as(id).isEqualTo(batch.day0());
      assertThat(streamed.getAsOf()).as(id).isEqualTo(batch.asOf());
      assertThat(streamed.getModel().name()).as(id).isEqualTo(batch.model().kind().name());
      assertThat(streamed.getEstimationReturns()).as(id).isEqualTo(batch.model().estimationReturns());
      assertThat(streamed.getAlpha()).as(id).isCloseTo(batch.model().alpha(), within(EPS));
      assertThat(streamed.getBeta()).as(id).isCloseTo(batch.model().beta(), within(EPS));
      assertThat(streamed.getReferenceClose()).as(id).isCloseTo(batch.referenceClose(), within(EPS));
      same(id + " R(0)", streamed.getDay0Return(), batch.day0Return());
      same(id + " Rm(0)", streamed.getDay0BenchmarkReturn(), batch.day0BenchmarkReturn());
      same(id + " CAR[-1,+1]", streamed.getCarM1P1(), batch.carM1P1());
      same(id + " CAR[0,0]", streamed.getCar00(), batch.car00());
      same(id + " CAR[0,+1]", streamed.getCar0P1(), batch.car0P1());
      same(id + " CAR[0,+5]", streamed.getCar0P5(), batch.car0P5());
      same(id + " raw[0,+5]", streamed.getRawReturn0P5(), batch.rawReturn0P5());
      assertThat(streamed.getSessions()).as(id).hasSameSizeAs(batch.sessions());
      for (int i = 0; i < batch.sessions().size(); i++) {
        ReactionSession s = streamed.getSessions().get(i);
        EventSession b = batch.sessions().get(i);
        assertThat(s.getOffset()).isEqualTo(b.offset());
        assertThat(s.getDate()).isEqualTo(b.date());
        same(id + " close " + b.offset(), s.getClose(), b.close());
        same(id + " AR " + b.offset(), s.getAbnormalReturn(), b.abnormalReturn());
      }
    });
  }

  /** The batch: announcements deduplicated from all records at once, each studied over all closes. */
  static Map<String, Reaction> batchReactions() {
    Map<String, LayoffAnnouncement> records = new LinkedHashMap<>();
    for (Event e : HistoricalData.events()) {
      if (e.topic() == Topics.LAYOFF_RECORDS && RecordRules.reportProblem((LayoffAnnouncement) e.value()).isEmpty()) {
        records.put(e.key(), (LayoffAnnouncement) e.value());
      }
    }
    Map<String, List<LayoffAnnouncement>> byCompany = new LinkedHashMap<>();
    for (LayoffAnnouncement r : records.values()) {
      String key = RoutingKeys.of(r.getTicker(), r.getCompany()) + "|" + RoutingKeys.companyKey(r.getCompany());
      byCompany.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    Map<String, List<DailyClose>> closes = HistoricalData.closes();
    BatchEventStudy batch = new BatchEventStudy(EventStudyParameters.DEFAULTS);
    Map<String, Reaction> expected = new TreeMap<>();
    for (List<LayoffAnnouncement> company : byCompany.values()) {
      for (LayoffAnnouncement a : AnnouncementClustering.merge(company)) {
        if (a.getTicker() == null || a.getTicker().equals("QQQ") || !closes.containsKey(a.getTicker())) {
          continue;
        }
        Optional<Reaction> r = batch.reaction(a.getAnnouncedAt(), closes.get(a.getTicker()), closes.get("QQQ"));
        r.filter(x -> x.status() != Reaction.Status.PROVISIONAL).ifPresent(x -> expected.put(a.getAnnouncementId(), x));
      }
    }
    return expected;
  }

  static void same(String what, Double streamed, OptionalDouble batch) {
    if (batch.isEmpty()) {
      assertThat(streamed).as(what).isNull();
    } else {
      assertThat(streamed).as(what).isNotNull();
      assertThat(streamed).as(what).isCloseTo(batch.getAsDouble(), within(EPS));
    }
  }
}
