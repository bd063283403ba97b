package dev.layoffsignals.query;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * One timer per route, method and status of the query server: {@value #NAME} (Prometheus:
 * {@code query_api_requests_seconds_count}, {@code _sum}, {@code _max}). The route is the path
 * template ({@code /api/reactions/{announcementId}}), never the raw path, so the series are
 * bounded; static files count as {@code static}, anything unmatched as {@code unmatched}.
 */
final class RequestMetrics {

  static final String NAME = "query.api.requests";

  private final MeterRegistry registry;

  RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(Context ctx, float millis) {
    Timer.builder(NAME)
        .description("Requests answered by the query server")
        .tag("method", ctx.method().name())
        .tag("route", route(ctx))
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record(Duration.ofNanos((long) (millis * 1_000_000L)));
  }

  private static String route(Context ctx) {
    try {
      return ctx.endpointHandlerPath();
    } catch (RuntimeException e) {
      // no endpoint matched: a static file, or nothing at all
      return ctx.statusCode() == 404 || ctx.statusCode() == 405 ? "unmatched" : "static";
    }
  }
}
