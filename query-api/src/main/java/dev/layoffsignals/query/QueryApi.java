package dev.layoffsignals.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layoffsignals.schemas.MarketReaction;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The JSON API under {@code /api}. Lists are scatter-gather: this instance scans its active
 * partitions, asks every other instance holding active partitions of the view for the same list
 * from its own partitions ({@value #SCOPE}={@value #LOCAL}, which stops further fan-out), checks
 * that every partition answered exactly once, and merges. A key lookup goes to the key's active
 * owner: answered here when that is this instance, else forwarded and relayed as it comes.
 */
final class QueryApi {

  /** Internal parameter: answer from this instance's partitions only. */
  static final String SCOPE = "scope";
  static final String LOCAL = "local";

  private final KafkaStreams streams;
  private final HostInfo self;
  private final LocalStores stores;
  private final PeerClient peers;
  private final Replies replies;
  private final ObjectMapper mapper;

  QueryApi(KafkaStreams streams, HostInfo self, LocalStores stores, PeerClient peers, Replies replies, ObjectMapper mapper) {
    this.streams = streams;
    this.self = self;
    this.stores = stores;
    this.peers = peers;
    this.replies = replies;
    this.mapper = mapper;
  }

  /** The parameters of a request, {@value #SCOPE} taken apart. */
  record Request(QueryParameters parameters, boolean local) {

    static Request of(Context ctx) {
      Map<String, List<String>> params = new HashMap<>(ctx.queryParamMap());
      List<String> scope = params.remove(SCOPE);
      boolean local = false;
      if (scope != null) {
        if (scope.size() != 1 || !scope.get(0).equals(LOCAL)) {
          throw ApiException.badRequest(SCOPE + " must be " + LOCAL
              + " (internal: answer from this instance's partitions only), not '" + String.join(",", scope) + "'");
        }
        local = true;
      }
      return new Request(new QueryParameters(params), local);
    }
  }

  void announcements(Context ctx) {
    list(ctx, AnnouncementQuery::parse);
  }

  void reactions(Context ctx) {
    list(ctx, ReactionQuery::parse);
  }

  void windows(Context ctx) {
    list(ctx, WindowQuery::parse);
  }

  /** {@code GET /api/reactions/{announcementId}}. */
  void reaction(Context ctx) {
    Request request = Request.of(ctx);
    request.parameters().allowOnly(Set.of());
    String id = ctx.pathParam("announcementId");
    requireRunning();
    View view = View.REACTIONS;
    KeyQueryMetadata owner = streams.queryMetadataForKey(view.store(), id, Serdes.String().serializer());
    if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.partition() < 0) {
      throw ApiException.unavailable("no instance holds the partition of key '" + id + "' in " + view.store()
          + " now (rebalancing, or application.server not set)");
    }
    if (request.local() || owner.activeHost().equals(self)) {
      Optional<MarketReaction> reaction = stores.get(view, id, owner.partition());
      if (reaction.isEmpty()) {
        throw ApiException.notFound("no market reaction for announcement id '" + id + "'");
      }
      ObjectNode body = replies.body();
      body.set("reaction", AvroJson.toJson((IndexedRecord) reaction.get()));
      replies.send(ctx, 200, body);
      return;
    }
    HostInfo host = owner.activeHost();
    PeerClient.Response response = peers.getNow(host, "/api/reactions/" + PathSegments.encode(id) + "?" + SCOPE + "=" + LOCAL,
        "active owner of partition " + owner.partition() + " of " + view.store());
    replies.relay(ctx, response, Placement.name(host));
  }

  /** {@code GET /api/instances}. */
  void instances(Context ctx) {
    Request.of(ctx).parameters().allowOnly(Set.of());
    requireRunning();
    Placement placement = Placement.of(streams.metadataForAllStreamsClients());
    ObjectNode body = replies.body();
    body.put("state", streams.state().name());
    ArrayNode instances = body.putArray("instances");
    for (HostInfo host : placement.instances()) {
      ObjectNode instance = instances.addObject();
      instance.put("instance", Placement.name(host));
      instance.put("self", host.equals(self));
      ObjectNode views = instance.putObject("views");
      for (View view : View.values()) {
        ObjectNode v = views.putObject(view.store());
        ArrayNode active = v.putArray("active");
        placement.active(host, view).forEach(active::add);
        ArrayNode standby = v.putArray("standby");
        placement.standby(host, view).forEach(standby::add);
      }
    }
    replies.send(ctx, 200, body);
  }

  private <V> void list(Context ctx, Function<QueryParameters, ListQuery<V>> parser) {
    Request request = Request.of(ctx);
    ListQuery<V> query = parser.apply(request.parameters());
    requireRunning();
    View view = query.view();
    if (request.local()) {
      LocalStores.Answer local = stores.scan(query);
      ObjectNode body = replies.body();
      body.put("count", local.items().size());
      ArrayNode partitions = body.putArray("partitions");
      local.partitions().forEach(partitions::add);
      body.putArray(view.itemsField()).addAll(local.items());
      replies.send(ctx, 200, body);
      return;
    }
    Placement placement = Placement.of(streams.metadataForAllStreamsClients());
    if (!placement.instances().contains(self)) {
      // else the other instances' partitions would be silently missing from the answer
      throw ApiException.unavailable("this instance (" + replies.self() + ") is not among the application's instances "
          + placement.instances().stream().map(Placement::name).toList() + ": its application.server must be "
          + replies.self());
    }
    Map<HostInfo, CompletableFuture<PeerClient.Response>> asked = new LinkedHashMap<>();
    String pathAndQuery = ctx.path() + "?" + (ctx.queryString() == null || ctx.queryString().isEmpty() ? "" : ctx.queryString() + "&")
        + SCOPE + "=" + LOCAL;
    placement.owners(view).forEach((host, partitions) -> {
      if (!host.equals(self)) {
        asked.put(host, peers.get(host, pathAndQuery, "holds partitions " + partitions + " of " + view.store()));
      }
    });
    LocalStores.Answer local = stores.scan(query);

    Ranking merged = query.ranking();
    Map<Integer, String> answeredBy = new TreeMap<>();
    add(view, answeredBy, local.partitions(), replies.self());
    local.items().forEach(item -> merged.offer(query.rank(item)));
    for (Map.Entry<HostInfo, CompletableFuture<PeerClient.Response>> e : asked.entrySet()) {
      String name = Placement.name(e.getKey());
      JsonNode answer = answer(name, PeerClient.await(e.getValue()));
      SortedSet<Integer> partitions = new TreeSet<>();
      answer.path("partitions").forEach(p -> partitions.add(p.asInt()));
      add(view, answeredBy, partitions, name);
      answer.path(view.itemsField()).forEach(item -> merged.offer(query.rank(item)));
    }
    SortedSet<Integer> missing = new TreeSet<>();
    placement.owners(view).values().forEach(missing::addAll);
    missing.removeAll(answeredBy.keySet());
    if (!missing.isEmpty()) {
      throw ApiException.unavailable("partitions " + missing + " of " + view.store()
          + " are not queryable now (restoring or moving between instances)");
    }
    List<JsonNode> items = merged.items();
    ObjectNode body = replies.body();
    body.put("count", items.size());
    body.putArray(view.itemsField()).addAll(items);
    replies.send(ctx, 200, body);
  }

  /** Records who answered for {@code partitions}; a partition answered twice means ownership is moving. */
  private static void add(View view, Map<Integer, String> answeredBy, Set<Integer> partitions, String instance) {
    for (Integer p : partitions) {
      String previous = answeredBy.putIfAbsent(p, instance);
      if (previous != null) {
        throw ApiException.unavailable("partition " + p + " of " + view.store() + " was answered by both " + previous
            + " and " + instance + " (ownership is moving between instances)");
      }
    }
  }

  /** Another instance's list answer; anything but 200 is a 503 naming it. */
  private JsonNode answer(String instance, PeerClient.Response response) {
    JsonNode body;
    try {
      body = mapper.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (response.status() != 200 || body == null || !body.isObject()) {
      String error = body != null && body.hasNonNull("error") ? body.get("error").asText()
          : new String(response.body(), StandardCharsets.UTF_8);
      throw ApiException.unavailable("instance " + instance + " answered " + response.status() + ": " + error);
    }
    return body;
  }

  private void requireRunning() {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      throw ApiException.unavailable("Kafka Streams is " + state + ", not RUNNING: the views cannot be queried now");
    }
  }
}
