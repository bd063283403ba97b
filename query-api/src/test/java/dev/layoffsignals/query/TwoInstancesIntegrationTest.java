package dev.layoffsignals.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the app (same application id, one stream thread, one standby replica each) on a
 * real broker after a replay of the bundled history: the views' partitions are spread over both,
 * and either instance answers every query alike, lists by scatter-gather and key lookups by
 * forwarding to the key's owner. The last test stops one query server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIntegrationTest {

  static final Set<Integer> ALL_PARTITIONS = Set.of(0, 1, 2, 3, 4, 5);

  @TempDir
  static Path tmp;

  static RunningStack stack;
  static RunningStack.Instance a;
  static RunningStack.Instance b;

  @BeforeAll
  static void start() {
    stack = RunningStack.startAndReplay(tmp, RunningStack.Options.instances(2).withStandbyReplicas(1));
    a = stack.instance(0);
    b = stack.instance(1);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** Partitions of {@code view} that {@code instance} holds as {@code kind} (active, standby), per /api/instances. */
  static Set<Integer> partitions(JsonNode instances, String instance, String view, String kind) {
    for (JsonNode i : instances.get("instances")) {
      if (i.get("instance").asText().equals(instance)) {
        Set<Integer> out = new TreeSet<>();
        i.get("views").get(view).get(kind).forEach(p -> out.add(p.asInt()));
        return out;
      }
    }
    throw new AssertionError(instance + " not in " + instances);
  }

  /** The partition of a key on a 6-partition topic, as the producers' default partitioner puts it. */
  static int partition(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % ALL_PARTITIONS.size();
  }

  @Test
  @Order(1)
  void theViewsArePartitionedOverBothInstances() {
    Http.Response fromA = Http.get(a.url() + "/api/instances");
    Http.Response fromB = Http.get(b.url() + "/api/instances");
    assertThat(fromA.status()).isEqualTo(200);
    assertThat(fromB.status()).isEqualTo(200);
    JsonNode instances = fromA.json();
    assertThat(instances.get("instances")).extracting(i -> i.get("instance").asText())
        .containsExactlyElementsOf(new TreeSet<>(List.of(a.name(), b.name())));
    assertThat(instances.get("instances")).extracting(i -> i.get("self").asBoolean())
        .containsExactly(a.name().compareTo(b.name()) < 0, a.name().compareTo(b.name()) > 0);
    assertThat(withoutSelf(fromA.jsonWithoutInstance())).as("both see the same placement").isEqualTo(withoutSelf(fromB.jsonWithoutInstance()));

    for (String view : List.of("announcements-view", "reactions-view", "windows-view")) {
      Set<Integer> activeA = partitions(instances, a.name(), view, "active");
      Set<Integer> activeB = partitions(instances, b.name(), view, "active");
      assertThat(activeA).as(view + " on " + a.name()).isNotEmpty();
      assertThat(activeB).as(view + " on " + b.name()).isNotEmpty();
      assertThat(activeA).as(view).doesNotContainAnyElementsOf(activeB);
      Set<Integer> union = new TreeSet<>(activeA);
      union.addAll(activeB);
      assertThat(union).as(view).isEqualTo(ALL_PARTITIONS);
      // one standby replica each: an instance is the other's standby
      assertThat(partitions(instances, a.name(), view, "standby")).as(view).isEqualTo(activeB);
      assertThat(partitions(instances, b.name(), view, "standby")).as(view).isEqualTo(activeA);
    }
  }

  private static JsonNode withoutSelf(JsonNode body) {
    JsonNode copy = body.deepCopy();
    copy.get("instances").forEach(i -> ((ObjectNode) i).remove("self"));
    return copy;
  }

  @Test
  @Order(2)
  void everyListAnswersTheSameFromEitherInstance() {
    Map<String, Integer> minimumCounts = Map.of(
        "/api/announcements?limit=1000", 1000,
        "/api/announcements?ticker=META", 2,
        "/api/announcements?from=2022-11-01&to=2022-11-30&limit=50", 50,
        "/api/reactions?limit=1000", 50,
        "/api/reactions?ticker=AMZN&from=2022-01-01", 2,
        "/api/windows?dimension=market&limit=1000", 100,
        "/api/windows?dimension=sector&period=month&from=2022-01-01&to=2022-12-31&limit=1000", 12,
        "/api/windows?dimension=ticker&key=META", 2);
    minimumCounts.forEach((path, minimum) -> {
      Http.Response fromA = Http.get(a.url() + path);
      Http.Response fromB = Http.get(b.url() + path);
      assertThat(fromA.status()).as(path + " " + fromA.body()).isEqualTo(200);
      assertThat(fromB.status()).as(path + " " + fromB.body()).isEqualTo(200);
      assertThat(fromA.json().get("instance").asText()).isEqualTo(a.name());
      assertThat(fromB.json().get("instance").asText()).isEqualTo(b.name());
      assertThat(fromA.header("X-Served-By")).contains(a.name());
      assertThat(fromB.header("X-Served-By")).contains(b.name());
      assertThat(fromA.json().get("count").asInt()).as(path).isGreaterThanOrEqualTo(minimum);
      assertThat(fromA.jsonWithoutInstance()).as(path).isEqualTo(fromB.jsonWithoutInstance());
    });
  }

  @Test
  @Order(3)
  void keyLookupsAreAnsweredByTheOwnerFromEitherInstance() {
    JsonNode instances = Http.get(a.url() + "/api/instances").json();
    Map<Integer, String> owners = new HashMap<>();
    for (RunningStack.Instance i : List.of(a, b)) {
      partitions(instances, i.name(), "reactions-view", "active").forEach(p -> owners.put(p, i.name()));
    }
    JsonNode reactions = Http.get(a.url() + "/api/reactions?limit=1000").json().get("reactions");
    assertThat(reactions.size()).isGreaterThan(50);
    Map<String, Integer> forwardedFrom = new HashMap<>();
    for (JsonNode reaction : reactions) {
      String id = reaction.get("announcement_id").asText();
      String owner = owners.get(partition(id));
      for (RunningStack.Instance asked : List.of(a, b)) {
        Http.Response r = Http.get(asked.url() + "/api/reactions/" + PathSegments.encode(id));
        assertThat(r.status()).as(id + " from " + asked.name() + ": " + r.body()).isEqualTo(200);
        assertThat(r.json().get("instance").asText()).as(id + " from " + asked.name()).isEqualTo(owner);
        assertThat(r.header("X-Served-By")).contains(owner);
        assertThat(r.json().get("reaction")).as(id).isEqualTo(reaction);
        if (!asked.name().equals(owner)) {
          assertThat(r.header("X-Forwarded-By")).contains(asked.name());
          forwardedFrom.merge(asked.name(), 1, Integer::sum);
        } else {
          assertThat(r.header("X-Forwarded-By")).isEmpty();
        }
      }
    }
    assertThat(forwardedFrom.keySet()).as("each instance forwarded lookups of keys the other owns")
        .containsExactlyInAnyOrder(a.name(), b.name());

    Http.Response missing = Http.get(b.url() + "/api/reactions/no-such-announcement");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("instance").asText()).isEqualTo(owners.get(partition("no-such-announcement")));
  }

  @Test
  @Order(4)
  void anOwnerThatCannotBeReachedIs503() {
    JsonNode instances = Http.get(a.url() + "/api/instances").json();
    Set<Integer> ofB = partitions(instances, b.name(), "reactions-view", "active");
    Set<Integer> announcementsOfB = partitions(instances, b.name(), "announcements-view", "active");
    List<String> ofBIds = new ArrayList<>();
    List<String> ofAIds = new ArrayList<>();
    Http.get(a.url() + "/api/reactions?limit=1000").json().get("reactions").forEach(r -> {
      String id = r.get("announcement_id").asText();
      (ofB.contains(partition(id)) ? ofBIds : ofAIds).add(id);
    });

    b.closeServer();

    String id = ofBIds.get(0);
    Http.Response lookup = Http.get(a.url() + "/api/reactions/" + PathSegments.encode(id));
    assertThat(lookup.status()).isEqualTo(503);
    assertThat(lookup.header("Retry-After")).contains("2");
    assertThat(lookup.header("X-Served-By")).contains(a.name());
    assertThat(lookup.json().get("error").asText()).startsWith("instance " + b.name() + " (active owner of partition "
        + partition(id) + " of reactions-view) cannot be reached: ");

    Http.Response list = Http.get(a.url() + "/api/announcements");
    assertThat(list.status()).isEqualTo(503);
    assertThat(list.json().get("error").asText()).startsWith("instance " + b.name() + " (holds partitions "
        + new TreeSet<>(announcementsOfB) + " of announcements-view) cannot be reached: ");

    Http.Response own = Http.get(a.url() + "/api/reactions/" + PathSegments.encode(ofAIds.get(0)));
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().get("instance").asText()).isEqualTo(a.name());
  }
}
