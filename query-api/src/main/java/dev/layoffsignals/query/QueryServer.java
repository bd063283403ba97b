package dev.layoffsignals.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each running instance serves over HTTP next to its Kafka Streams: the JSON query API over
 * the topology's views ({@code /api/...}, see {@code docs/api.md}), {@code /health},
 * {@code /ready}, {@code /metrics} (Prometheus) and the dashboard's static files at {@code /}.
 *
 * <p>Start it before or after {@link KafkaStreams#start()}: until Kafka Streams is
 * {@code RUNNING} the API answers 503 with {@code Retry-After}. The instance's
 * {@code application.server} must be {@link Config#advertised()}: that is how the other instances
 * find this one. {@link #close()} stops the server and its threads, not Kafka Streams.
 */
public final class QueryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);

  /** The Prometheus text format, version 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * Where the server listens and how the other instances reach it.
   *
   * @param bindHost the interface to listen on ({@code 0.0.0.0} for all, {@code 127.0.0.1} for local only)
   * @param port the port to listen on; 0 takes a free one (single instance only: the others could
   *     not be told)
   * @param advertised {@code host:port} of this instance as the others reach it: the instance's
   *     {@code application.server}
   * @param peerTimeout how long a request to another instance may take, connection included
   * @param dashboard where the dashboard's files are
   */
  public record Config(String bindHost, int port, HostInfo advertised, Duration peerTimeout, Dashboard dashboard) {

    public static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(5);

    public Config {
      Objects.requireNonNull(bindHost, "bindHost");
      Objects.requireNonNull(advertised, "advertised");
      Objects.requireNonNull(peerTimeout, "peerTimeout");
      Objects.requireNonNull(dashboard, "dashboard");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      if (peerTimeout.isNegative() || peerTimeout.isZero()) {
        throw new IllegalArgumentException("peerTimeout must be positive: " + peerTimeout);
      }
    }

    /** With the default peer timeout and the bundled dashboard. */
    public Config(String bindHost, int port, HostInfo advertised) {
      this(bindHost, port, advertised, DEFAULT_PEER_TIMEOUT, Dashboard.BUNDLED);
    }

    public Config withPeerTimeout(Duration value) {
      return new Config(bindHost, port, advertised, value, dashboard);
    }

    public Config withDashboard(Dashboard value) {
      return new Config(bindHost, port, advertised, peerTimeout, value);
    }
  }

  private final Javalin app;
  private final PeerClient peers;
  private final Config config;

  private QueryServer(Javalin app, PeerClient peers, Config config) {
    this.app = app;
    this.peers = peers;
    this.config = config;
  }

  /**
   * Starts listening on {@code config.bindHost():config.port()}.
   *
   * @throws io.javalin.util.JavalinBindException when the port is taken
   */
  public static QueryServer start(Config config, KafkaStreams streams, PrometheusMeterRegistry metrics) {
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(metrics, "metrics");
    ObjectMapper mapper = new ObjectMapper();
    PeerClient peers = new PeerClient(config.peerTimeout());
    Replies replies = new Replies(Placement.name(config.advertised()));
    LocalStores stores = new LocalStores(streams);
    QueryApi api = new QueryApi(streams, config.advertised(), stores, peers, replies, mapper);
    HealthChecks health = new HealthChecks(streams, stores, replies);
    RequestMetrics requests = new RequestMetrics(metrics);
    Javalin app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      cfg.startupWatcherEnabled = false;
      cfg.jsonMapper(new JavalinJackson(mapper, false));
      cfg.http.prefer405over404 = true;
      cfg.jetty.defaultHost = config.bindHost();
      cfg.jetty.defaultPort = config.port();
      cfg.requestLogger.http(requests::record);
      dashboard(cfg, config.dashboard());
      cfg.router.mount(router -> {
        router.get("/api/announcements", api::announcements);
        router.get("/api/reactions", api::reactions);
        router.get("/api/reactions/{announcementId}", api::reaction);
        router.get("/api/windows", api::windows);
        router.get("/api/instances", api::instances);
        router.get("/health", health::health);
        router.get("/ready", health::ready);
        router.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).header("Cache-Control", Replies.NO_STORE)
            .result(metrics.scrape()));
        router.exception(ApiException.class, (e, ctx) -> replies.error(ctx, e));
        router.exception(InvalidStateStoreException.class, (e, ctx) -> replies.error(ctx,
            ApiException.unavailable("the views cannot be queried now: " + e.getMessage())));
        router.exception(IllegalStateException.class, (e, ctx) -> replies.error(ctx,
            ApiException.unavailable("the views cannot be queried now: " + e.getMessage())));
        router.exception(HttpResponseException.class, (e, ctx) -> httpError(replies, ctx, e));
        router.exception(Exception.class, (e, ctx) -> {
          LOG.error("Request {} {} failed", ctx.method(), ctx.path(), e);
          replies.error(ctx, ApiException.of(500, "internal error: " + e));
        });
      });
    });
    try {
      app.start();
    } catch (RuntimeException e) {
      peers.close();
      app.stop();
      throw e;
    }
    QueryServer server = new QueryServer(app, peers, config);
    LOG.info("Query server listening on {}:{}, advertised as {}", config.bindHost(), server.port(),
        Placement.name(config.advertised()));
    return server;
  }

  /** The port listened on (the free one taken when the configured port is 0). */
  public int port() {
    return app.port();
  }

  /** {@code http://<advertised host:port>}. */
  public String url() {
    return "http://" + Placement.name(config.advertised());
  }

  public Config config() {
    return config;
  }

  /** Stops listening and every thread of the server; Kafka Streams is left as it is. */
  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      peers.close();
    }
    LOG.info("Query server on {}:{} stopped", config.bindHost(), config.port());
  }

  private static void dashboard(JavalinConfig cfg, Dashboard dashboard) {
    boolean present = dashboard.onClasspath()
        ? QueryServer.class.getResource(dashboard.directory()) != null
        : Files.isDirectory(Path.of(dashboard.directory()));
    if (!present) {
      LOG.warn("No dashboard at {} ({}): / serves nothing", dashboard.directory(), dashboard.onClasspath() ? "classpath" : "disk");
      return;
    }
    cfg.staticFiles.add(files -> {
      files.hostedPath = "/";
      files.directory = dashboard.directory();
      files.location = dashboard.onClasspath() ? Location.CLASSPATH : Location.EXTERNAL;
      // revalidated on every load: a new deployment shows at once, unchanged files cost a 304
      files.headers = Map.of("Cache-Control", "no-cache");
    });
  }

  private static void httpError(Replies replies, Context ctx, HttpResponseException e) {
    String message = e.getStatus() == 404 ? "no such endpoint: " + ctx.method() + " " + ctx.path()
        : e.getStatus() == 405 ? "method " + ctx.method() + " is not allowed on " + ctx.path() + "; the API is read-only (GET)"
        : e.getMessage();
    replies.error(ctx, ApiException.of(e.getStatus(), message));
  }
}
