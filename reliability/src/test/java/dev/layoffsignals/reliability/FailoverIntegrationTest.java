package dev.layoffsignals.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances share the work; one is SIGKILLed in the middle of the replay. The survivor takes
 * its tasks over, and its query API answers throughout: a list of the first two months of
 * announcements, settled long before the kill, is asked for every 100 ms from the kill to the end,
 * and every answer is either that exact list (200) or a 503 with {@code Retry-After} saying that a
 * partition has no live owner, is moving, or that Kafka Streams is rebalancing: never a 500, a
 * partial list or a refused connection, and never the dead instance named once the survivor holds
 * every partition. The final outputs are those of an uninterrupted run, byte for byte.
 */
@Tag("reliability")
class FailoverIntegrationTest {

  static final String APPLICATION_ID = "reliability-failover";
  static final Duration REPLAY_WALL_CLOCK = Duration.ofSeconds(20);
  static final Duration PROGRESS = Duration.ofMinutes(2);
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  /** The range asked for during the takeover: two months, settled once the clock is months past them. */
  static final LocalDate RANGE_FROM = Replay.FROM;
  static final LocalDate RANGE_TO = Replay.FROM.plusMonths(2).minusDays(1);
  static final String VICTIM_UNREACHABLE = "the dead instance cannot be reached";
  static final String QUERY = "/api/announcements?from=" + RANGE_FROM + "&to=" + RANGE_TO + "&limit=1000";

  @TempDir
  Path tmp;

  @Test
  @DisplayName("One of two instances SIGKILLed: the other takes over, answering 200 or 503 throughout; same outputs")
  void survivorTakesOverAndKeepsAnswering() throws Exception {
    Reference reference = Reference.get();
    Http http = new Http();
    long started = System.nanoTime();
    try (TestBed bed = TestBed.inProcess(tmp);
        ChildJvms jvms = ChildJvms.forTest(getClass(), "failover")) {
      assertThat(bed.schemaIds()).as("schema ids, as in the reference run").isEqualTo(reference.schemaIds());
      Set<String> expectedIds = referenceIdsInRange(reference, bed.serdeConfig());
      assertThat(expectedIds).as("announcements of %s..%s in the reference", RANGE_FROM, RANGE_TO).hasSizeGreaterThan(100);
      StreamsInstance survivor = new StreamsInstance(jvms, "survivor", bed.bootstrapServers(), bed.registryUrl(), APPLICATION_ID,
          tmp.resolve("state-survivor"), Ports.free(), List.of()).start();
      StreamsInstance victim = new StreamsInstance(jvms, "victim", bed.bootstrapServers(), bed.registryUrl(), APPLICATION_ID,
          tmp.resolve("state-victim"), Ports.free(), List.of()).start();
      GroupProgress group = new GroupProgress(bed.admin(), APPLICATION_ID, TestBed.PARTITIONS);
      survivor.awaitRunning();
      victim.awaitRunning();
      double speed = Replay.speedFor(REPLAY_WALL_CLOCK);
      CompletableFuture<Replay.Result> replay = Replay.startAll(bed.bootstrapServers(), bed.registryUrl(), Replay.CHUNKS, speed);

      // half the replay committed, and the range answered in full, the work shared by both instances
      long target = reference.inputRecords() / 2;
      JsonNode[] lastAnswer = new JsonNode[1];
      Await.until("half the replay processed, the range answered in full by the survivor, both instances holding partitions",
          PROGRESS, () -> {
            assertThat(survivor.alive()).as("survivor stopped%n%s", survivor.tail()).isTrue();
            assertThat(victim.alive()).as("victim stopped%n%s", victim.tail()).isTrue();
            if (group.inputsConsumed() < target) {
              return false;
            }
            Optional<Http.Answer> answer = http.get(survivor.url(QUERY));
            if (answer.isEmpty() || answer.get().status() != 200) {
              return false;
            }
            lastAnswer[0] = answer.get().json();
            return ids(lastAnswer[0]).equals(expectedIds) && activeHolders(http, survivor) == 2;
          }, () -> "last answer " + (lastAnswer[0] == null ? "none" : ids(lastAnswer[0]).size() + " ids") + "\n" + survivor.tail());
      JsonNode expectedList = lastAnswer[0].get("announcements");

      long killedAt = System.nanoTime();
      assertThat(victim.kill()).as("exit code of a process ended by SIGKILL").isEqualTo(ChildJvms.SIGKILL_EXIT);
      List<String> wrong = new ArrayList<>();
      Map<String, Integer> unavailable = new TreeMap<>(); // 503s by reason
      int ok = 0;
      int lastStatus = 0;
      long lastUnavailable = -1;
      long takeover = -1;
      long deadline = System.nanoTime() + PROGRESS.toNanos();
      while (true) {
        long now = System.nanoTime();
        String when = String.format("%.1f s after the kill%s", (now - killedAt) / 1e9, takeover < 0 ? "" : " (after the takeover)");
        Optional<Http.Answer> answer = http.get(survivor.url(QUERY));
        lastStatus = answer.map(Http.Answer::status).orElse(0);
        if (answer.isEmpty()) {
          wrong.add(when + ": the survivor could not be reached");
        } else if (answer.get().status() == 200) {
          if (answer.get().json().get("announcements").equals(expectedList)) {
            ok++;
          } else {
            wrong.add(when + ": 200 with another list: " + abbreviate(answer.get().body()));
          }
        } else if (answer.get().status() == 503 && answer.get().retryAfter().isPresent()) {
          String reason = reason(answer.get().json().path("error").asText());
          if (reason.startsWith("other")) {
            wrong.add(when + ": 503 for no rebalance nor move: " + answer.get().body());
          }
          if (takeover > 0 && reason.equals(VICTIM_UNREACHABLE)) {
            wrong.add(when + ": 503 naming the dead instance once the survivor held every partition: " + answer.get().body());
          }
          unavailable.merge(reason, 1, Integer::sum);
          lastUnavailable = now;
        } else {
          wrong.add(when + ": " + answer.get().status() + " " + abbreviate(answer.get().body()));
        }
        if (takeover < 0 && activeHolders(http, survivor) == 1 && http.get(survivor.url("/ready")).map(Http.Answer::status).orElse(0) == 200) {
          takeover = System.nanoTime();
        }
        if (takeover > 0 && lastStatus == 200 && replay.isDone() && group.backlog().isEmpty()) {
          break;
        }
        assertThat(survivor.alive()).as("survivor stopped%n%s", survivor.tail()).isTrue();
        assertThat(System.nanoTime()).as("takeover and processing within %s; wrong answers so far %s", PROGRESS, wrong).isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(100); // the polling interval of the clients
      }
      System.out.printf("reliability: failover: victim killed at %.1f s; survivor held every partition %.1f s later;"
          + " %d answers 200 with the exact list, 503s by reason %s (the last %.1f s after the kill), %d wrong%n",
          (killedAt - started) / 1e9, (takeover - killedAt) / 1e9, ok, unavailable,
          lastUnavailable < 0 ? 0 : (lastUnavailable - killedAt) / 1e9, wrong.size());
      assertThat(wrong).as("answers other than the exact list (200) or a 503 with Retry-After for a rebalance or a move").isEmpty();
      assertThat(unavailable).as("503s while the victim's partitions had no live owner").containsKey(VICTIM_UNREACHABLE);
      assertThat(ok).as("200s").isPositive();

      Replay.Result replayed = replay.get(PROGRESS.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(replayed.exitCode()).as("replay: %s", replayed).isZero();
      assertThat(survivor.starts()).as("the survivor was never restarted").isEqualTo(1);
      assertThat(survivor.stop(Duration.ofSeconds(60))).as("exit code after SIGTERM%n%s", survivor.tail()).isEqualTo(ChildJvms.SIGTERM_EXIT);
      reference.assertReproducedBy(Outputs.read(bed.bootstrapServers(), bed.serdeConfig()), bed.serdeConfig(), "failover");
      System.out.printf("reliability: failover test done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
  }

  /** How many instances hold active partitions of the announcements view, as the survivor sees it. */
  private static int activeHolders(Http http, StreamsInstance instance) throws InterruptedException {
    Optional<Http.Answer> answer = http.get(instance.url("/api/instances"));
    if (answer.isEmpty() || answer.get().status() != 200) {
      return -1;
    }
    int holders = 0;
    for (JsonNode i : answer.get().json().get("instances")) {
      if (!i.path("views").path("announcements-view").path("active").isEmpty()) {
        holders++;
      }
    }
    return holders;
  }

  private static Set<String> ids(JsonNode answer) {
    Set<String> ids = new TreeSet<>();
    answer.get("announcements").forEach(a -> ids.add(a.get("announcement_id").asText()));
    return ids;
  }

  /**
   * The ids of the reference's announcements announced in the range (New York days, both included),
   * decoded with the test bed's registry, which has the reference's schema ids.
   */
  private static Set<String> referenceIdsInRange(Reference reference, Map<String, ?> serdeConfig) {
    Instant from = RANGE_FROM.atStartOfDay(NEW_YORK).toInstant();
    Instant to = RANGE_TO.plusDays(1).atStartOfDay(NEW_YORK).toInstant();
    Set<String> ids = new TreeSet<>();
    try (Deserializer<LayoffAnnouncement> d = Topics.LAYOFF_ANNOUNCEMENTS.valueSerde(serdeConfig).deserializer()) {
      reference.outputs().announcements().forEach((id, bytes) -> {
        Instant at = d.deserialize(Topics.LAYOFF_ANNOUNCEMENTS.name(), bytes.get()).getAnnouncedAt();
        if (!at.isBefore(from) && at.isBefore(to)) {
          ids.add(id);
        }
      });
    }
    return ids;
  }

  /** A 503's reason, from its error message (see the query API's ApiException.unavailable). */
  private static String reason(String error) {
    if (error.contains("cannot be reached")) {
      return VICTIM_UNREACHABLE;
    }
    if (error.contains("not RUNNING")) {
      return "rebalancing";
    }
    if (error.contains("not queryable now") || error.contains("cannot be queried now") || error.contains("answered by both")
        || error.contains("no instance holds") || error.contains("answered 503")) {
      return "partitions moving";
    }
    return "other: " + error;
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }
}
