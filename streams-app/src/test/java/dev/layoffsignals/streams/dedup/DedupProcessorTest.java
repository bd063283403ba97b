package dev.layoffsignals.streams.dedup;

import static dev.layoffsignals.streams.dedup.AnnouncementClusteringTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.HeadcountQualifier;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DedupProcessorTest {

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
