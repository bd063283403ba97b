package dev.layoffsignals.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** When heartbeats are due and what they carry, from the event times published alone. */
class HeartbeatScheduleTest {

  private static final long H = 3_600_000;

  /** The periodic watermarks called for while publishing these event times, in order. */
  private static List<Long> periodic(HeartbeatSchedule schedule, long... eventTimes) {
    List<Long> due = new ArrayList<>();
    for (long t : eventTimes) {
      schedule.published(t).ifPresent(due::add);
    }
    return due;
  }

  @Test
  @DisplayName("nothing published: no watermark, so no final heartbeat")
  void nothingPublished() {
    assertThat(HeartbeatSchedule.finalOnly().watermark()).isEmpty();
    assertThat(HeartbeatSchedule.every(Duration.ofHours(1)).watermark()).isEmpty();
  }

  @Test
  @DisplayName("the final watermark is the largest event time published, not the last")
  void watermarkIsTheMaximum() {
    HeartbeatSchedule schedule = HeartbeatSchedule.finalOnly();

    assertThat(periodic(schedule, 5 * H, 9 * H, 2 * H, 7 * H)).isEmpty();

    assertThat(schedule.watermark()).isEqualTo(OptionalLong.of(9 * H));
    assertThat(schedule.periodic()).isZero();
  }

  @Test
  @DisplayName("final only: never a periodic heartbeat, however far event time goes")
  void finalOnlyIsNeverDue() {
    HeartbeatSchedule schedule = HeartbeatSchedule.finalOnly();

    assertThat(periodic(schedule, 0, 1000 * H, 100_000 * H)).isEmpty();
    assertThat(schedule.watermark()).isEqualTo(OptionalLong.of(100_000 * H));
  }

  @Test
  @DisplayName("periodic: due when event time has advanced by the interval since the last heartbeat, the first counted from the first record")
  void periodicEveryInterval() {
    HeartbeatSchedule schedule = HeartbeatSchedule.every(Duration.ofHours(1));

    // 10:00 anchors; 10:59 is not an hour later; 11:00 is; 11:30, 11:59 are not; 12:10 is (an hour after 11:00)
    List<Long> due = periodic(schedule, 10 * H, 10 * H + 59 * 60_000, 11 * H, 11 * H + H / 2,
        11 * H + 59 * 60_000, 12 * H + 10 * 60_000);

    assertThat(due).containsExactly(11 * H, 12 * H + 10 * 60_000);
    assertThat(schedule.periodic()).isEqualTo(2);
    assertThat(schedule.watermark()).isEqualTo(OptionalLong.of(12 * H + 10 * 60_000));
  }

  @Test
  @DisplayName("periodic: a gap of many intervals gives one heartbeat after it, at the record that ends it")
  void gapGivesOneHeartbeat() {
    HeartbeatSchedule schedule = HeartbeatSchedule.every(Duration.ofHours(1));

    assertThat(periodic(schedule, 0, 30 * H, 30 * H, 30 * H + 1)).containsExactly(30 * H);
  }

  @Test
  @DisplayName("periodic: a record older than the largest published does not move the watermark back")
  void olderRecordDoesNotMoveItBack() {
    HeartbeatSchedule schedule = HeartbeatSchedule.every(Duration.ofHours(1));

    assertThat(periodic(schedule, 0, 2 * H, H, 2 * H + H / 2, 3 * H)).containsExactly(2 * H, 3 * H);
    assertThat(schedule.watermark()).isEqualTo(OptionalLong.of(3 * H));
  }

  @Test
  @DisplayName("the interval must be positive")
  void intervalMustBePositive() {
    assertThatThrownBy(() -> HeartbeatSchedule.every(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the heartbeat interval must be positive, not PT0S");
    assertThatThrownBy(() -> HeartbeatSchedule.every(Duration.ofMinutes(-5))).isInstanceOf(IllegalArgumentException.class);
  }
}
