package dev.layoffsignals.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash test: the application, a child JVM running {@code layoff-signals streams}, is SIGKILLed
 * {@value #KILLS} times while the replay of the real history is being published, and started again
 * on the same state directory each time. Once it has processed everything, its outputs, read with
 * {@code read_committed}, are those of an uninterrupted run byte for byte: no update lost, none
 * delivered twice, no FINAL result changed.
 *
 * <p>Month {@code k} of the replay is published, paced, while the instance runs; once the instance
 * has committed some of it, a seeded random delay later (or as soon as the month is published, if
 * that comes first), kill {@code k}: so every kill lands while records arrive and are processed,
 * on a fast machine or a slow one. The next month is published once the restarted instance runs.
 * The seed is printed; {@code -Dreliability.seed=N} repeats a schedule.
 */
@Tag("reliability")
class CrashRecoveryIntegrationTest {

  static final long SEED = Long.getLong("reliability.seed", 9L);
  static final int KILLS = 5;
  static final String APPLICATION_ID = "reliability-crash";
  /** About 3 s a month: long enough for a kill to land while a month arrives. */
  static final Duration REPLAY_WALL_CLOCK = Duration.ofSeconds(18);
  static final Duration MAX_KILL_DELAY = Duration.ofMillis(2000);
  static final Duration PROGRESS = Duration.ofMinutes(2);

  @TempDir
  Path tmp;

  @Test
  @DisplayName("SIGKILLed 5 times during a replay, the app ends with the outputs of an uninterrupted run, byte for byte")
  void killedAndRestartedInstanceReproducesTheUninterruptedRun() throws Exception {
    assertThat(Replay.CHUNKS).as("a month of the replay per kill, and one after them").hasSizeGreaterThan(KILLS);
    Reference reference = Reference.get();
    Random random = new Random(SEED);
    System.out.printf("reliability: crash test, seed %d (-Dreliability.seed=%d to repeat)%n", SEED, SEED);
    long started = System.nanoTime();
    try (TestBed bed = TestBed.inProcess(tmp);
        ChildJvms jvms = ChildJvms.forTest(getClass(), "crash")) {
      assertThat(bed.schemaIds()).as("schema ids, as in the reference run").isEqualTo(reference.schemaIds());
      StreamsInstance app = new StreamsInstance(jvms, "streams", bed.bootstrapServers(), bed.registryUrl(), APPLICATION_ID,
          tmp.resolve("state"), Ports.free(), List.of()).start();
      GroupProgress group = new GroupProgress(bed.admin(), APPLICATION_ID, TestBed.PARTITIONS);
      app.awaitRunning();
      double speed = Replay.speedFor(REPLAY_WALL_CLOCK);

      List<String> kills = new ArrayList<>();
      for (int k = 0; k < Replay.CHUNKS.size(); k++) {
        Replay.Chunk month = Replay.CHUNKS.get(k);
        long before = GroupProgress.inputRecords(bed.admin()); // what earlier months published
        CompletableFuture<Replay.Result> replay = Replay.start(bed.bootstrapServers(), bed.registryUrl(), month, speed);
        if (k < KILLS) {
          long[] consumed = {before};
          Await.until(String.format("kill %d: %s to commit records of %s", k + 1, app.name(), month), PROGRESS, () -> {
            assertThat(app.alive()).as("%s stopped by itself%n%s", app.name(), app.tail()).isTrue();
            consumed[0] = group.inputsConsumed();
            return consumed[0] > before;
          }, () -> consumed[0] + " committed\n" + app.tail());
          long delay = random.nextInt((int) MAX_KILL_DELAY.toMillis());
          boolean publishing = !finishedWithin(replay, delay); // the random kill point: a delay, cut short by the month's end
          long left = group.inputsLeft();
          assertThat(app.kill()).as("exit code of a process ended by SIGKILL").isEqualTo(ChildJvms.SIGKILL_EXIT);
          kills.add(String.format("kill %d at %.1f s, %d ms after the app committed records of %s: month %s, %,d input records"
              + " not yet committed", k + 1, (System.nanoTime() - started) / 1e9, delay, month,
              publishing ? "still being published" : "published", left));
          System.out.println("reliability: crash test: " + kills.get(k));
          assertThat(publishing || left > 0).as("kill %d landed while records arrived or waited to be processed", k + 1).isTrue();
          app.start();
          app.awaitRunning();
        }
        Replay.Result result = replay.get(PROGRESS.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(result.exitCode()).as("replay %s", result).isZero();
      }
      group.awaitProcessed(app);
      assertThat(app.stop(Duration.ofSeconds(60))).as("exit code after SIGTERM%n%s", app.tail()).isEqualTo(ChildJvms.SIGTERM_EXIT);
      assertThat(Files.readString(app.log())).as("a clean close after SIGTERM").contains("Kafka Streams state PENDING_SHUTDOWN -> NOT_RUNNING");

      assertThat(kills).hasSize(KILLS);
      assertThat(app.starts()).isEqualTo(KILLS + 1);
      reference.assertReproducedBy(Outputs.read(bed.bootstrapServers(), bed.serdeConfig()), bed.serdeConfig(),
          "crash test (" + KILLS + " SIGKILLs, seed " + SEED + ")");
      System.out.printf("reliability: crash test done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
  }

  /** Whether the run completed within {@code millis}: a bounded wait on it, which is also the random kill point. */
  private static boolean finishedWithin(CompletableFuture<?> run, long millis) throws Exception {
    try {
      run.get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException stillRunning) {
      return false;
    }
  }
}
