package dev.layoffsignals.streams;

import static dev.layoffsignals.streams.ArticleTopologyTest.FRENCH;
import static dev.layoffsignals.streams.ArticleTopologyTest.PAPER;
import static dev.layoffsignals.streams.ArticleTopologyTest.PRICES;
import static dev.layoffsignals.streams.ArticleTopologyTest.SESSIONS;
import static dev.layoffsignals.streams.ArticleTopologyTest.WIRE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.streams.metrics.SignalMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The domain's meters count what went through the topology. */
class MetricsTopologyTest {

  @Test
  @DisplayName("articles, reports, created and merged announcements, reactions by status, rejected records")
  void countsWhatWentThrough() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (TopologyFixture f = new TopologyFixture(s -> s.withMetrics(new SignalMetrics(registry)))) {
      for (LocalDate d : SESSIONS) {
        if (d.equals(LocalDate.of(2022, 11, 9))) {
          f.article(WIRE);
          f.article(PAPER);
        }
        if (d.equals(LocalDate.of(2022, 11, 10))) {
          f.article(FRENCH);
          f.record(TopologyFixture.announcement("r1", "Acme", null, "Software", TopologyFixture.startOfDay(d),
              TimePrecision.DATE, 300));
        }
        f.closes(d, PRICES.benchmark.get(d), "META", PRICES.symbol.get(d));
      }
      f.close("META", LocalDate.of(2022, 11, 1), 90.0); // a month behind stream time: late

      List<TestRecord<String, MarketReaction>> reactions = TopologyFixture.all(f.reactions);
      long provisional = reactions.stream().filter(r -> r.value().getStatus() == ReactionStatus.PROVISIONAL).count();
      assertThat(reactions).extracting(r -> r.value().getStatus()).contains(ReactionStatus.FINAL);

      assertThat(count(registry, SignalMetrics.ARTICLES)).isEqualTo(3);
      assertThat(registry.get(SignalMetrics.EXTRACTION).timer().count()).isEqualTo(3);
      assertThat(count(registry, SignalMetrics.REPORTS, "source", "article")).isEqualTo(3);
      assertThat(count(registry, SignalMetrics.REPORTS, "source", "record")).isEqualTo(1);
      assertThat(count(registry, SignalMetrics.ANNOUNCEMENTS, "change", "created")).as("Meta and Acme").isEqualTo(2);
      assertThat(count(registry, SignalMetrics.ANNOUNCEMENTS, "change", "merged")).as("two more Meta articles").isEqualTo(2);
      assertThat(count(registry, SignalMetrics.ANNOUNCEMENTS, "change", "retracted")).isZero();
      assertThat(count(registry, SignalMetrics.REACTIONS, "status", "PROVISIONAL")).isEqualTo(provisional);
      assertThat(count(registry, SignalMetrics.REACTIONS, "status", "FINAL")).isEqualTo(1);
      assertThat(count(registry, SignalMetrics.REJECTED, "category", "LATE")).isEqualTo(1);
      assertThat(registry.get(SignalMetrics.REJECTED).tag("category", "LATE").counter().getId().getTag("topic"))
          .isEqualTo("stock-ticks");
    }
  }

  static double count(SimpleMeterRegistry registry, String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }
}
