package dev.layoffsignals.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.streams.LayoffSignalsTopology;
import dev.layoffsignals.streams.StreamsConfigs;
import dev.layoffsignals.streams.TopologySettings;
import dev.layoffsignals.streams.errors.ErrorCounter;
import io.javalin.util.JavalinBindException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP surface without a broker: a Kafka Streams instance that is created and never started
 * (state CREATED), so the API answers 503; parameters, errors, health, metrics, static files and
 * the clean stop.
 */
class QueryServerTest {

  @TempDir
  static Path tmp;

  static KafkaStreams streams;
  static PrometheusMeterRegistry metrics;
  static QueryServer server;
  static String base;
  static String self;

  @BeforeAll
  static void start() throws IOException {
    streams = createdStreams(tmp.resolve("state"));
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Path dashboard = Files.createDirectories(tmp.resolve("dashboard"));
    Files.writeString(dashboard.resolve("index.html"), "<!doctype html><title>Layoff Signals</title>");
    Files.writeString(dashboard.resolve("app.js"), "console.log('hi');");
    int port = FreePorts.take(1)[0];
    server = QueryServer.start(new QueryServer.Config("127.0.0.1", port, new HostInfo("127.0.0.1", port))
        .withDashboard(Dashboard.directory(dashboard)), streams, metrics);
    base = "http://127.0.0.1:" + port;
    self = "127.0.0.1:" + port;
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (streams != null) {
      streams.close(Duration.ofSeconds(10));
    }
    metrics.close();
  }

  /** A Kafka Streams instance of the real topology, pointed at no broker, never started. */
  static KafkaStreams createdStreams(Path stateDir) {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "query-server-test");
    overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + FreePorts.take(1)[0]);
    overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    overrides.put("schema.registry.url", "mock://query-server-test");
    Map<String, Object> config = StreamsConfigs.with(overrides);
    return new KafkaStreams(LayoffSignalsTopology.build(TopologySettings.fromConfig(config, ErrorCounter.NONE)),
        StreamsConfigs.properties(config));
  }

  static void assertJsonHeaders(Http.Response r, String servedBy) {
    assertThat(r.header("Content-Type")).contains("application/json");
    assertThat(r.header("X-Served-By")).contains(servedBy);
    assertThat(r.header("Cache-Control")).contains("no-store");
  }

  @Test
  void theApiAnswers503WithRetryAfterUntilKafkaStreamsRuns() {
    for (String path : List.of("/api/announcements", "/api/reactions?ticker=META", "/api/reactions/lfyi-1",
        "/api/windows?dimension=market", "/api/instances")) {
      Http.Response r = Http.get(base + path);
      assertThat(r.status()).as(path).isEqualTo(503);
      assertThat(r.header("Retry-After")).as(path).contains("2");
      assertJsonHeaders(r, self);
      assertThat(r.body()).as(path).isEqualTo("{\"instance\":\"" + self
          + "\",\"error\":\"Kafka Streams is CREATED, not RUNNING: the views cannot be queried now\"}");
    }
  }

  @Test
  void badParametersAre400WithTheMessage() {
    Map<String, String> cases = Map.of(
        "/api/announcements?limit=0", "limit must be a whole number from 1 to 1000, not '0'",
        "/api/announcements?from=2022-11-10&to=2022-11-09", "from (2022-11-10) is after to (2022-11-09): expected from on or before to",
        "/api/reactions?from=last%20week", "from must be an ISO date (2022-11-09, a New York date) or an ISO instant (2022-11-09T14:30:00Z), not 'last week'",
        "/api/windows?period=week", "dimension is required: one of ticker, sector, market",
        "/api/windows?dimension=city", "dimension must be one of ticker, sector, market, not 'city'",
        "/api/windows?dimension=ticker&period=day", "period must be one of week, month, not 'day'",
        "/api/announcements?tickr=META", "unknown query parameter 'tickr'; expected one of: from, limit, ticker, to",
        "/api/reactions/lfyi-1?limit=5", "unknown query parameter 'limit'; expected none",
        "/api/announcements?scope=all", "scope must be local (internal: answer from this instance's partitions only), not 'all'",
        "/api/instances?verbose=true", "unknown query parameter 'verbose'; expected none");
    cases.forEach((path, message) -> {
      Http.Response r = Http.get(base + path);
      assertThat(r.status()).as(path).isEqualTo(400);
      assertThat(r.header("Retry-After")).as(path).isEmpty();
      assertJsonHeaders(r, self);
      assertThat(r.json().get("instance").asText()).isEqualTo(self);
      assertThat(r.json().get("error").asText()).as(path).isEqualTo(message);
    });
  }

  @Test
  void unknownPathsAre404AndOtherMethods405AsJson() {
    Http.Response r = Http.get(base + "/api/layoffs");
    assertThat(r.status()).isEqualTo(404);
    assertJsonHeaders(r, self);
    assertThat(r.body()).isEqualTo("{\"instance\":\"" + self + "\",\"error\":\"no such endpoint: GET /api/layoffs\"}");

    Http.Response post = Http.send(HttpRequest.newBuilder(URI.create(base + "/api/announcements"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.json().get("error").asText())
        .isEqualTo("method POST is not allowed on /api/announcements; the API is read-only (GET)");
  }

  @Test
  void healthIsUpAndReadyIsNotWhileCreated() {
    Http.Response health = Http.get(base + "/health");
    assertThat(health.status()).isEqualTo(200);
    assertJsonHeaders(health, self);
    assertThat(health.body()).isEqualTo("{\"instance\":\"" + self + "\",\"status\":\"UP\",\"state\":\"CREATED\"}");

    Http.Response ready = Http.get(base + "/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.header("Retry-After")).contains("2");
    assertThat(ready.body()).isEqualTo("{\"instance\":\"" + self
        + "\",\"status\":\"NOT_READY\",\"state\":\"CREATED\",\"reason\":\"Kafka Streams is CREATED, not RUNNING\"}");
  }

  @Test
  void metricsAreThePrometheusTextOfTheRegistryWithTheServersOwnTimers() {
    metrics.counter("test.marker", "from", "QueryServerTest").increment(3);
    Http.get(base + "/health");
    Http.Response r = Http.get(base + "/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.header("Cache-Control")).contains("no-store");
    assertThat(r.body()).contains("test_marker_total{from=\"QueryServerTest\"} 3.0")
        .contains("# TYPE query_api_requests_seconds summary")
        .containsPattern("query_api_requests_seconds_count\\{method=\"GET\",route=\"/health\",status=\"200\"} \\d+");
  }

  @Test
  void theDashboardIsServedAtTheRoot() {
    Http.Response index = Http.get(base + "/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(index.header("Cache-Control")).contains("no-cache");
    assertThat(index.body()).isEqualTo("<!doctype html><title>Layoff Signals</title>");

    Http.Response js = Http.get(base + "/app.js");
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    assertThat(js.body()).isEqualTo("console.log('hi');");

    assertThat(Http.get(base + "/missing.css").status()).isEqualTo(404);
  }

  @Test
  void theBundledDashboardComesFromTheClasspath(@TempDir Path state) throws IOException {
    byte[] expected;
    try (InputStream in = QueryServer.class.getResourceAsStream("/dashboard/index.html")) {
      assertThat(in).as("dashboard/index.html on the classpath").isNotNull();
      expected = in.readAllBytes();
    }
    int port = FreePorts.take(1)[0];
    try (KafkaStreams other = createdStreams(state);
        QueryServer bundled = QueryServer.start(new QueryServer.Config("127.0.0.1", port, new HostInfo("127.0.0.1", port)),
            other, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
      Http.Response index = Http.get("http://127.0.0.1:" + bundled.port() + "/");
      assertThat(index.status()).isEqualTo(200);
      assertThat(index.bytes()).isEqualTo(expected);
    }
  }

  @Test
  void withoutDashboardFilesTheApiStillRuns(@TempDir Path state) {
    int port = FreePorts.take(1)[0];
    try (KafkaStreams other = createdStreams(state);
        QueryServer bare = QueryServer.start(new QueryServer.Config("127.0.0.1", port, new HostInfo("127.0.0.1", port))
            .withDashboard(Dashboard.classpath("/no-such-dashboard")), other, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
      assertThat(Http.get(bare.url() + "/").status()).isEqualTo(404);
      assertThat(Http.get(bare.url() + "/health").status()).isEqualTo(200);
    }
  }

  @Test
  void closeReleasesThePortAndEveryThread(@TempDir Path state) throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    int port = FreePorts.take(1)[0];
    try (KafkaStreams other = createdStreams(state)) {
      Set<Thread> withStreams = Thread.getAllStackTraces().keySet();
      QueryServer s = QueryServer.start(new QueryServer.Config("127.0.0.1", port, new HostInfo("127.0.0.1", port)),
          other, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      assertThat(Http.get("http://127.0.0.1:" + port + "/health").status()).isEqualTo(200);
      s.close();

      try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
        assertThat(again.getLocalPort()).isEqualTo(port);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      Set<String> left;
      do {
        left = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !withStreams.contains(t) && !before.contains(t))
            .filter(t -> !t.getName().startsWith("HttpClient-")) // the test's own client, and the JDK 17 selector (see PeerClient#close)
            .map(Thread::getName)
            .collect(Collectors.toSet());
      } while (!left.isEmpty() && System.nanoTime() < deadline && pause());
      assertThat(left).as("threads the server left").isEmpty();
    }
  }

  @Test
  void aTakenPortFailsToStartWithTheReason() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> QueryServer.start(new QueryServer.Config("127.0.0.1", port, new HostInfo("127.0.0.1", port)),
          streams, metrics))
          .isInstanceOf(JavalinBindException.class)
          .hasMessageContaining(Integer.toString(port));
    }
  }

  private static boolean pause() throws InterruptedException {
    Thread.sleep(50); // polling interval of a bounded wait on a condition
    return true;
  }
}
