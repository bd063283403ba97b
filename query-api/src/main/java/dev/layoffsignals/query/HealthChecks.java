package dev.layoffsignals.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.SortedSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * {@code /health} (liveness) and {@code /ready} (readiness).
 *
 * <ul>
 *   <li>{@code /health}: 200 {@code UP} while the process runs, 503 {@code DOWN} once Kafka Streams
 *       is {@code PENDING_ERROR} or {@code ERROR}: its threads are dead, only a restart helps.
 *   <li>{@code /ready}: 200 {@code READY} when Kafka Streams is {@code RUNNING} and every view
 *       answers a query on each partition this instance holds as active; else 503
 *       {@code NOT_READY} with the reason.
 * </ul>
 */
final class HealthChecks {

  private final KafkaStreams streams;
  private final LocalStores stores;
  private final Replies replies;

  HealthChecks(KafkaStreams streams, LocalStores stores, Replies replies) {
    this.streams = streams;
    this.stores = stores;
    this.replies = replies;
  }

  void health(Context ctx) {
    KafkaStreams.State state = streams.state();
    boolean down = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
    ObjectNode body = replies.body();
    body.put("status", down ? "DOWN" : "UP");
    body.put("state", state.name());
    replies.send(ctx, down ? 503 : 200, body);
  }

  void ready(Context ctx) {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      notReady(ctx, state, "Kafka Streams is " + state + ", not RUNNING");
      return;
    }
    ObjectNode body = replies.body();
    body.put("status", "READY");
    body.put("state", state.name());
    ObjectNode views = body.putObject("views");
    for (View view : View.values()) {
      SortedSet<Integer> partitions;
      try {
        partitions = stores.probe(view);
      } catch (ApiException | InvalidStateStoreException | IllegalStateException e) {
        notReady(ctx, streams.state(), view.store() + " does not answer: " + e.getMessage());
        return;
      }
      ArrayNode active = views.putArray(view.store());
      partitions.forEach(active::add);
    }
    replies.send(ctx, 200, body);
  }

  private void notReady(Context ctx, KafkaStreams.State state, String reason) {
    ctx.header("Retry-After", Integer.toString(ApiException.RETRY_AFTER_SECONDS));
    ObjectNode body = replies.body();
    body.put("status", "NOT_READY");
    body.put("state", state.name());
    body.put("reason", reason);
    replies.send(ctx, 503, body);
  }
}
