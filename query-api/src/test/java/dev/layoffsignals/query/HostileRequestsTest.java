package dev.layoffsignals.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP server against hostile requests, and where it listens. Kafka Streams is created and
 * never started, so a request that passes validation answers 503; what matters is that none
 * answers 500, every answer is JSON, and nothing is served from outside the dashboard.
 */
class HostileRequestsTest {

  static final List<String> HOSTILE = List.of(
      "META' OR '1'='1", "1; DROP TABLE announcements", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
      "../../etc/passwd", "%2e%2e%2f", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "\u0000", "ME\u0000TA", "\r\nSet-Cookie: x=1",
      "-1", "0", "1001", "99999999999999999999", "1e3", "NaN", "+999999999-12-31T23:59:59.999999999-18:00",
      "-999999999-01-01T00:00:00+18:00", "2022-02-29", "9999-12-31", "0000-01-01", "é", "\uD83D\uDE00", "x".repeat(4000));
  static final List<String> LISTS = List.of("/api/announcements", "/api/reactions", "/api/windows?dimension=market",
      "/api/windows?dimension=sector", "/api/windows?dimension=ticker");
  static final List<String> PARAMETERS = List.of("ticker", "key", "period", "dimension", "from", "to", "limit", "scope", "nope");

  @TempDir
  static Path tmp;

  static KafkaStreams streams;
  static PrometheusMeterRegistry metrics;
  static QueryServer server;
  static String base;

  @BeforeAll
  static void start() {
    streams = QueryServerTest.createdStreams(tmp.resolve("state"));
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    int port = FreePorts.take(1)[0];
    server = QueryServer.start(new QueryServer.Config("127.0.0.1", port, new HostInfo("127.0.0.1", port)), streams, metrics);
    base = "http://127.0.0.1:" + port;
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

  @Test
  void hostileParameterValuesAre400Or503NeverA500AndAlwaysJson() {
    int requests = 0;
    for (String list : LISTS) {
      for (String parameter : PARAMETERS) {
        for (String value : HOSTILE) {
          String url = base + list + (list.contains("?") ? "&" : "?") + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
          Http.Response r = Http.get(url);
          requests++;
          String what = list + " " + parameter + "=" + value.substring(0, Math.min(value.length(), 60));
          assertThat(r.status()).as(what).isIn(400, 503);
          assertThat(r.header("Content-Type")).as(what).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
          assertThat(r.json().get("error").asText()).as(what).isNotBlank();
          assertThat(r.headers().map().keySet()).as("no header made from the value: %s", what).doesNotContain("set-cookie");
        }
      }
    }
    assertThat(requests).isEqualTo(LISTS.size() * PARAMETERS.size() * HOSTILE.size());
    assertThat(Http.get(base + "/metrics").body()).as("no answer was a 5xx other than 503")
        .doesNotContainPattern("status=\"5(?!03)\\d\\d\"");
  }

  @Test
  void hostileIdsAndPathsAreRefusedAndNothingOutsideTheDashboardIsServed() {
    for (String id : HOSTILE) {
      Http.Response r = Http.get(base + "/api/reactions/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
      assertThat(r.status()).as(id).isIn(400, 404, 503);
      if (r.header("Content-Type").orElse("").startsWith("application/json")) {
        assertThat(r.json().get("error").asText()).as(id).isNotBlank();
      } else {
        // a NUL in a path is refused by Jetty's HTTP parser before any route: its own page, nothing echoed
        assertThat(r.status()).as(id).isEqualTo(400);
        assertThat(r.body()).as(id).isEqualTo("<h1>Bad Message 400</h1><pre>reason: Bad Request</pre>");
      }
    }
    for (String path : List.of("/..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/dashboard/../../../etc/passwd",
        "/app.js%00.html", "/WEB-INF/web.xml", "/%c0%ae%c0%ae/etc/passwd")) {
      Http.Response r = Http.get(base + path);
      assertThat(r.status()).as(path).isIn(400, 404);
      assertThat(r.body()).as(path).doesNotContain("root:");
    }
    assertThat(Http.get(base + "/metrics").body()).doesNotContainPattern("status=\"5(?!03)\\d\\d\"");
  }

  @Test
  void theServerListensOnTheConfiguredAddressOnly() throws IOException {
    Optional<InetAddress> external = nonLoopbackAddress();
    assumeTrue(external.isPresent(), "this machine has no address other than loopback");
    int port = server.port();
    assertThat(Http.get(base + "/health").status()).isEqualTo(200);
    assertThatThrownBy(() -> connect(external.get(), port)).as("bound to 127.0.0.1: %s:%d refuses", external.get(), port)
        .isInstanceOf(ConnectException.class);

    // the same address does answer a server bound to every interface
    int everywhere = FreePorts.take(1)[0];
    try (KafkaStreams other = QueryServerTest.createdStreams(tmp.resolve("state-everywhere"));
        QueryServer all = QueryServer.start(new QueryServer.Config("0.0.0.0", everywhere, new HostInfo("127.0.0.1", everywhere)),
            other, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
      connect(external.get(), all.port());
      assertThat(Http.get("http://" + hostForUrl(external.get()) + ":" + all.port() + "/health").status()).isEqualTo(200);
    }
  }

  private static void connect(InetAddress address, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
    }
  }

  private static String hostForUrl(InetAddress address) {
    return address.getHostAddress();
  }

  /** An IPv4 address of an interface that is up and not loopback, if this machine has one. */
  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    List<InetAddress> found = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
            .forEach(found::add);
      }
    }
    return found.stream().findFirst();
  }
}
