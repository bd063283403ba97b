package dev.layoffsignals.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/**
 * How every JSON answer of an instance is written: {@code application/json}, its name in the body's
 * {@code instance} field and the {@value PeerClient#SERVED_BY} header, never cached.
 */
final class Replies {

  static final String JSON = "application/json";
  static final String NO_STORE = "no-store";

  private final String self;

  Replies(String self) {
    this.self = self;
  }

  /** This instance's name, {@code host:port}. */
  String self() {
    return self;
  }

  /** A new body: {@code {"instance": self}}. */
  ObjectNode body() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("instance", self);
    return body;
  }

  void send(Context ctx, int status, ObjectNode body) {
    headers(ctx, self);
    ctx.status(status).json(body);
  }

  /** An error body, {@code Retry-After} for a 503. */
  void error(Context ctx, ApiException e) {
    e.retryAfterSeconds().ifPresent(s -> ctx.header("Retry-After", Integer.toString(s)));
    ObjectNode body = body();
    body.put("error", e.getMessage());
    send(ctx, e.status(), body);
  }

  /** Another instance's answer, passed on as it came: status, body, and its name. */
  void relay(Context ctx, PeerClient.Response response, String owner) {
    headers(ctx, response.servedBy().orElse(owner));
    ctx.header("X-Forwarded-By", self);
    response.retryAfter().ifPresent(s -> ctx.header("Retry-After", s));
    ctx.status(response.status()).contentType(JSON).result(response.body());
  }

  private static void headers(Context ctx, String servedBy) {
    ctx.header(PeerClient.SERVED_BY, servedBy);
    ctx.header("Cache-Control", NO_STORE);
  }
}
