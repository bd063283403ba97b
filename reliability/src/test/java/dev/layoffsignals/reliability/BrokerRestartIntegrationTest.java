package dev.layoffsignals.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker dies in the middle of a replay (SIGKILL to its JVM) and is started again on the same
 * ports and log directory. Nobody touches the application or the replay: the replay ends with exit
 * code 0, the application never stops, every record of the replay is there, and the outputs are
 * those of an uninterrupted run, byte for byte. (A batch in flight may be there twice: the
 * replay's producer is idempotent, not transactional; see docs/operations.md.)
 */
@Tag("reliability")
class BrokerRestartIntegrationTest {

  static final String APPLICATION_ID = "reliability-broker-restart";
  static final Duration REPLAY_WALL_CLOCK = Duration.ofSeconds(20);
  static final Duration PROGRESS = Duration.ofMinutes(2);

  @TempDir
  Path tmp;

  @Test
  @DisplayName("A broker killed and restarted mid-replay: the replay and the app ride it out, same outputs")
  void producersAndAppRideOutABrokerRestart() throws Exception {
    Reference reference = Reference.get();
    long started = System.nanoTime();
    try (TestBed bed = TestBed.childBroker(tmp);
        ChildJvms jvms = ChildJvms.forTest(getClass(), "broker-restart")) {
      assertThat(bed.schemaIds()).as("schema ids, as in the reference run").isEqualTo(reference.schemaIds());
      StreamsInstance app = new StreamsInstance(jvms, "streams", bed.bootstrapServers(), bed.registryUrl(), APPLICATION_ID,
          tmp.resolve("state"), Ports.free(), List.of()).start();
      GroupProgress group = new GroupProgress(bed.admin(), APPLICATION_ID, TestBed.PARTITIONS);
      app.awaitRunning();
      double speed = Replay.speedFor(REPLAY_WALL_CLOCK);
      CompletableFuture<Replay.Result> replay = Replay.startAll(bed.bootstrapServers(), bed.registryUrl(), Replay.CHUNKS, speed);

      // a third of the replay processed, or (an app lagging on a busy machine) 60 % of it published:
      // records are arriving and being processed when the broker dies
      long[] consumed = new long[1];
      long[] published = new long[1];
      Await.until("the app to commit a third of the replay, or the replay to publish 60 % of it", PROGRESS, () -> {
        assertThat(app.alive()).as("the app stopped%n%s", app.tail()).isTrue();
        consumed[0] = group.inputsConsumed();
        published[0] = GroupProgress.inputRecords(bed.admin());
        return consumed[0] > 0 && (consumed[0] >= reference.inputRecords() / 3 || published[0] >= reference.inputRecords() * 3 / 5);
      }, () -> consumed[0] + " committed, " + published[0] + " published\n" + app.tail());
      assertThat(replay).as("the replay is still publishing").isNotDone();

      long killedAt = System.nanoTime();
      bed.killBroker();
      bed.restartBroker();
      double outage = (System.nanoTime() - killedAt) / 1e9;
      System.out.printf("reliability: broker restart: killed at %.1f s with %,d of %,d input records published and %,d"
          + " committed, back after %.1f s, replay %s%n", (killedAt - started) / 1e9, published[0], reference.inputRecords(),
          consumed[0], outage, replay.isDone() ? "done" : "still running");

      Replay.Result replayed = replay.get(PROGRESS.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(replayed.exitCode()).as("the replay rode out the restart: %s", replayed).isZero();
      group.awaitProcessed(app);
      assertThat(app.starts()).as("the app was never restarted").isEqualTo(1);
      assertThat(app.stop(Duration.ofSeconds(60))).as("exit code after SIGTERM%n%s", app.tail()).isEqualTo(ChildJvms.SIGTERM_EXIT);

      // the replay's producer is idempotent, not transactional, and Kafka does not promise that a
      // batch in flight when the broker dies is written once (seen: 6 ticks twice, in 1 run of 6);
      // the topology takes an exact duplicate for the record it repeats, so the outputs must be the
      // reference's all the same
      reference.assertReproducedBy(Outputs.read(bed.bootstrapServers(), bed.serdeConfig()), bed.serdeConfig(),
          String.format("broker restart (%.1f s without a broker)", outage), true);
      System.out.printf("reliability: broker restart test done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
  }
}
