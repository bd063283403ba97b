package dev.layoffsignals.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry unreachable, at start and in the middle of a run.
 *
 * <ul>
 *   <li>{@code streams} waits for it before consuming anything, with bounded retries that name its
 *       URL, and exits 1 with a clear error when it never answers;</li>
 *   <li>started while it is down, the application waits, and starts when it comes back;</li>
 *   <li>down before a running instance has read a record, so that its serdes have no schema id
 *       cached: the records it cannot read are not bad input. The exception handler says so in an
 *       error and fails the stream thread (after the serde's bounded retries), the transaction is
 *       aborted, nothing is committed as consumed and nothing goes to dead-letters; the command
 *       waits for the registry and starts Kafka Streams again once it answers, and those records
 *       are processed;</li>
 *   <li>stopped mid-run: a running replay, which holds its schema ids, carries on; a running
 *       instance carries on with the ids it has fetched, or, meeting one it has not, stops and
 *       waits as above (which of the two depends on the data); an instance restarted meanwhile waits for it instead of sending good records to
 *       dead-letters; a replay started meanwhile exits 1 naming it, having published nothing.
 *       After it returns, on the same port, the outputs are those of an uninterrupted run, byte
 *       for byte, and dead-letters is as empty as the reference's.</li>
 * </ul>
 */
@Tag("reliability")
class RegistryOutageIntegrationTest {

  static final String APPLICATION_ID = "reliability-registry-outage";
  static final Duration REPLAY_WALL_CLOCK = Duration.ofSeconds(20);
  /** The month during which the registry goes down is published slowly, so that the outage happens while it is. */
  static final Duration OUTAGE_MONTH = Duration.ofSeconds(12);
  static final Duration PROGRESS = Duration.ofMinutes(2);
  static final String WAITING = "not reachable yet";
  /** The deserialization handler's error for a record it cannot read because of the registry. */
  static final String NOT_BAD_INPUT = "That is not bad input: the record is not sent to dead-letters";
  /** The command's error when Kafka Streams stopped because of it, and its wait for the registry. */
  static final String STOPPED_BY_REGISTRY = "Kafka Streams stopped (ERROR) because the schema registry gave no usable answer";
  static final String STARTING_AGAIN = "Schema registry answers again: starting Kafka Streams again";

  @TempDir
  Path tmp;

  @Test
  @DisplayName("A registry that never answers: streams retries, bounded, then exits 1 naming its URL, having consumed nothing")
  void registryThatNeverAnswersIsABoundedClearError() throws Exception {
    try (ChildJvms jvms = ChildJvms.forTest(getClass(), "never")) {
      int registryPort = Ports.free(); // nothing listens there
      String url = "http://127.0.0.1:" + registryPort;
      StreamsInstance app = new StreamsInstance(jvms, "never", "127.0.0.1:" + Ports.free(), url, APPLICATION_ID + "-never",
          tmp.resolve("state"), Ports.free(), List.of("schema.registry.startup.timeout.ms=3000")).start();
      long started = System.nanoTime();
      assertThat(app.process().waitFor(60, TimeUnit.SECONDS)).as("streams exits by itself%n%s", app.tail()).isTrue();
      double took = (System.nanoTime() - started) / 1e9;
      String log = Files.readString(app.log());
      System.out.printf("reliability: registry never answers: exit %d after %.1f s%n", app.process().exitValue(), took);
      assertThat(app.process().exitValue()).as("exit code%n%s", app.tail()).isEqualTo(1);
      assertThat(log)
          .contains("error: Schema registry unreachable at [" + url + "] for 3 s (schema.registry.startup.timeout.ms)")
          .contains("Nothing was consumed")
          .doesNotContain("Kafka Streams state");
      // each attempt is one call of the serde's client with its own retries (4 by default), all logged with the URL
      assertThat(Pattern.compile("Schema registry at \\[" + Pattern.quote(url) + "] not reachable yet \\(.*\\); attempt 1,").matcher(log).results().count())
          .as("the first attempt logged with the URL").isEqualTo(1);
      assertThat(Pattern.compile("Schema registry call GET /subjects at " + Pattern.quote(url) + " failed \\(.*\\); retry [1-4] of 4")
          .matcher(log).results().count()).as("the client's retries logged with the URL").isGreaterThanOrEqualTo(4);
      assertThat(took).as("seconds to give up: the JVM's start, the timeout and one last call").isLessThan(30);
    }
  }

  @Test
  @DisplayName("Registry down at start and mid-run: the app waits, running clients carry on, nothing is lost")
  void registryOutagesLoseNothing() throws Exception {
    Reference reference = Reference.get();
    long started = System.nanoTime();
    try (TestBed bed = TestBed.inProcess(tmp);
        ChildJvms jvms = ChildJvms.forTest(getClass(), "outages")) {
      assertThat(bed.schemaIds()).as("schema ids, as in the reference run").isEqualTo(reference.schemaIds());
      GroupProgress group = new GroupProgress(bed.admin(), APPLICATION_ID, TestBed.PARTITIONS);

      // 1. down at start: the instance waits, consuming nothing, and starts once the registry is back
      bed.stopRegistry();
      StreamsInstance app = new StreamsInstance(jvms, "streams", bed.bootstrapServers(), bed.registryUrl(), APPLICATION_ID,
          tmp.resolve("state"), Ports.free(), List.of()).start();
      app.awaitLogged(WAITING);
      assertThat(app.alive()).as("waiting, not exited%n%s", app.tail()).isTrue();
      bed.startRegistry();
      app.awaitLogged("Kafka Streams state REBALANCING -> RUNNING");
      System.out.printf("reliability: registry outage: the app waited for the registry at start, then started (%.1f s)%n",
          (System.nanoTime() - started) / 1e9);

      // 2. down before the instance has read a single record: frozen (SIGSTOP) while the first two
      // months are published, it wakes up to records whose schema ids its serdes have never fetched
      double speed = Replay.speedFor(REPLAY_WALL_CLOCK);
      List<Replay.Chunk> months = Replay.CHUNKS;
      app.pause();
      Replay.Result first;
      try {
        first = Replay.startAll(bed.bootstrapServers(), bed.registryUrl(), months.subList(0, 2), Replay.UNPACED)
            .get(PROGRESS.toMillis(), TimeUnit.MILLISECONDS);
        bed.stopRegistry();
      } finally {
        app.resume();
      }
      assertThat(first.exitCode()).as("replay %s", first).isZero();
      long uncachedAt = System.nanoTime();
      app.awaitLogged(NOT_BAD_INPUT);
      app.awaitLogged(STOPPED_BY_REGISTRY);
      app.awaitLoggedAfter(STOPPED_BY_REGISTRY, WAITING);
      String log = Files.readString(app.log(), StandardCharsets.ISO_8859_1);
      assertThat(Pattern.compile("Schema registry call GET /schemas/ids/\\d+ at " + Pattern.quote(bed.registryUrl())
          + " failed \\(.*\\); retry 4 of 4").matcher(log).find()).as("the serde's bounded retries, logged%n%s", app.tail()).isTrue();
      assertThat(log).as("the handlers' log of a record sent to dead-letters").doesNotContain(", sent to " + Topics.DEAD_LETTERS.name());
      assertThat(group.inputsConsumed()).as("input committed as consumed while no record could be read").isZero();
      assertThat(highWatermark(bed, Topics.DEAD_LETTERS.name())).as("records written to dead-letters, even in aborted transactions")
          .isZero();
      bed.startRegistry();
      app.awaitLogged(STARTING_AGAIN);
      System.out.printf("reliability: registry outage: records with uncached schema ids not read for %.1f s, nothing committed"
          + " nor dead-lettered; Kafka Streams started again once the registry answered%n", (System.nanoTime() - uncachedAt) / 1e9);

      // 3. down mid-run, while the third month is published slowly: the running instance and the
      // running replay carry on with the ids they hold
      long beforeMonth = GroupProgress.inputRecords(bed.admin());
      Replay.Chunk month = months.get(2);
      double slow = (double) Duration.ofDays(month.to().toEpochDay() - month.from().toEpochDay() + 1).toMillis() / OUTAGE_MONTH.toMillis();
      CompletableFuture<Replay.Result> running = Replay.start(bed.bootstrapServers(), bed.registryUrl(), month, slow);
      Await.until("the app to commit records of " + month, PROGRESS, () -> {
        assertThat(app.alive()).as("the app stopped%n%s", app.tail()).isTrue();
        assertRunning(running);
        return group.inputsConsumed() > beforeMonth; // the month is being published, and processed
      }, app::tail);
      long stopsBefore = occurrences(app, STOPPED_BY_REGISTRY);
      bed.stopRegistry();
      long stoppedAt = System.nanoTime();
      long consumedAtStop = group.inputsConsumed();
      long publishedAtStop = GroupProgress.inputRecords(bed.admin());
      // the instance goes on with the schema ids it has fetched; whether it meets one it has not
      // (the serdes fetch an id when a record first needs decoding) depends on the data, and then it
      // stops Kafka Streams and waits, as in 2.
      Await.until("the running instance to go on committing without the registry, or to stop and wait for it", PROGRESS, () -> {
        assertThat(app.alive()).as("the app stopped%n%s", app.tail()).isTrue();
        assertRunning(running);
        return group.inputsConsumed() >= consumedAtStop + 50 || occurrences(app, STOPPED_BY_REGISTRY) > stopsBefore;
      }, app::tail);
      boolean heldIds = occurrences(app, STOPPED_BY_REGISTRY) == stopsBefore;
      System.out.printf("reliability: registry outage: the running instance %s%n", heldIds
          ? "carried on with the schema ids it held" : "met a schema id it had not fetched: stopped Kafka Streams and waited");

      // an instance restarted meanwhile has no ids: it waits instead of consuming
      assertThat(app.kill()).isEqualTo(ChildJvms.SIGKILL_EXIT);
      app.start();
      app.awaitLogged(WAITING);
      long consumedWhileWaiting = group.inputsConsumed();

      // a replay started meanwhile has no ids either: a clear error, nothing published
      Replay.Result refused = Replay.run(bed.bootstrapServers(), bed.registryUrl(), months.get(3), Replay.UNPACED);
      assertThat(refused.exitCode()).as("a replay started while the registry is down: %s", refused).isEqualTo(1);
      assertThat(refused.err()).contains("Schema registry unreachable at " + bed.registryUrl());
      assertThat(refused.out()).containsPattern("(?m)^0 records in ")
          .contains("heartbeat  failed: cannot serialize the heartbeat: ").contains("Schema registry unreachable at " + bed.registryUrl());

      Await.until("the running replay to publish while the registry is down", PROGRESS, () -> {
        assertRunning(running);
        return GroupProgress.inputRecords(bed.admin()) >= publishedAtStop + 100;
      });
      assertThat(group.inputsConsumed()).as("the restarted instance consumed nothing while waiting").isEqualTo(consumedWhileWaiting);
      long publishedMeanwhile = GroupProgress.inputRecords(bed.admin()) - publishedAtStop;
      bed.startRegistry();
      System.out.printf("reliability: registry outage: down for %.1f s mid-run; %,d records published and %,d committed meanwhile%n",
          (System.nanoTime() - stoppedAt) / 1e9, publishedMeanwhile, consumedWhileWaiting - consumedAtStop);

      Replay.Result carriedOn = running.get(PROGRESS.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(carriedOn.exitCode()).as("the replay carried on through the outage: %s", carriedOn).isZero();
      Replay.Result rest = Replay.startAll(bed.bootstrapServers(), bed.registryUrl(), months.subList(3, months.size()), speed)
          .get(PROGRESS.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(rest.exitCode()).as("replay %s", rest).isZero();
      group.awaitProcessed(app);
      assertThat(app.stop(Duration.ofSeconds(60))).as("exit code after SIGTERM%n%s", app.tail()).isEqualTo(ChildJvms.SIGTERM_EXIT);

      Outputs outputs = Outputs.read(bed.bootstrapServers(), bed.serdeConfig());
      assertThat(outputs.deadLetters()).as("good records sent to dead-letters").isEmpty();
      reference.assertReproducedBy(outputs, bed.serdeConfig(), "registry outages");
      System.out.printf("reliability: registry outage test done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
  }

  private static long occurrences(StreamsInstance app, String text) throws Exception {
    return Pattern.compile(Pattern.quote(text)).matcher(Files.readString(app.log(), StandardCharsets.ISO_8859_1)).results().count();
  }

  /** The end of a topic, summed over its partitions, uncommitted and aborted records included. */
  private static long highWatermark(TestBed bed, String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    bed.admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
        .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    return bed.admin().listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
        .get(30, TimeUnit.SECONDS).values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
  }

  /** The replay publishing through the outage has not failed (it may have finished). */
  private static void assertRunning(CompletableFuture<Replay.Result> replay) {
    if (replay.isDone()) {
      assertThat(replay.join().exitCode()).as("the replay publishing through the outage: %s", replay.join()).isZero();
    }
  }
}
