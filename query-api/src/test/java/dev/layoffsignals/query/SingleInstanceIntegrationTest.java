package dev.layoffsignals.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layoffsignals.query.browser.HeadlessChromium;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One instance on a real broker with the real registry, the real topology and a replay of the
 * bundled history: what the API answers once it is processed.
 */
class SingleInstanceIntegrationTest {

  @TempDir
  static Path tmp;

  static RunningStack stack;
  static String base;
  static String self;

  @BeforeAll
  static void start() {
    stack = RunningStack.startAndReplay(tmp, RunningStack.Options.instances(1));
    base = stack.instance(0).url();
    self = stack.instance(0).name();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** Polls {@code path} until it answers 200 with what {@code done} wants; the last answer. */
  static Http.Response awaitAnswer(String url, java.util.function.Predicate<JsonNode> done) {
    Http.Response[] last = new Http.Response[1];
    RunningStack.await("GET " + url + " to give the expected data; last: " + (last[0] == null ? "-" : last[0].body()), () -> {
      last[0] = Http.get(url);
      return last[0].status() == 200 && done.test(last[0].json());
    });
    return last[0];
  }

  /** The adjusted close of {@code symbol} on {@code date}, from the bundled price file. */
  static double close(String symbol, LocalDate date) throws IOException {
    List<String> lines = Files.readAllLines(RunningStack.DATA.resolve("prices").resolve(symbol + ".csv"));
    List<String> header = List.of(lines.get(0).split(","));
    int closeColumn = header.indexOf("Close");
    return lines.stream().skip(1).map(l -> l.split(",")).filter(f -> f[0].equals(date.toString()))
        .mapToDouble(f -> Double.parseDouble(f[closeColumn])).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("Meta's 2022-11-09 layoff: day 0 that day, day-0 return = close 11-09 / close 11-08 - 1")
  void metaReaction() throws IOException {
    Http.Response list = awaitAnswer(base + "/api/announcements?ticker=META&from=2022-11-09&to=2022-11-09",
        body -> body.get("count").asInt() == 1);
    assertThat(list.header("X-Served-By")).contains(self);
    JsonNode announcement = list.json().get("announcements").get(0);
    assertThat(announcement.get("company").asText()).isEqualTo("Meta");
    assertThat(announcement.get("announced_at").asText()).isEqualTo("2022-11-09T05:00:00Z");
    assertThat(announcement.get("headcount").asInt()).isEqualTo(11000);
    String id = announcement.get("announcement_id").asText();

    Http.Response r = awaitAnswer(base + "/api/reactions/" + id, body -> body.path("reaction").path("day0_return").isNumber());
    QueryServerTest.assertJsonHeaders(r, self);
    assertThat(r.json().get("instance").asText()).isEqualTo(self);
    JsonNode reaction = r.json().get("reaction");
    assertThat(reaction.get("announcement_id").asText()).isEqualTo(id);
    assertThat(reaction.get("ticker").asText()).isEqualTo("META");
    assertThat(reaction.get("day0").asText()).isEqualTo("2022-11-09");
    assertThat(reaction.get("status").asText()).isEqualTo("FINAL");
    double expected = close("META", LocalDate.of(2022, 11, 9)) / close("META", LocalDate.of(2022, 11, 8)) - 1;
    assertThat(expected).isCloseTo(0.0518, within(0.0001));
    assertThat(reaction.get("day0_return").asDouble()).isCloseTo(expected, within(1e-9));
    assertThat(reaction.get("sessions")).hasSize(7);
    assertThat(reaction.get("sessions").get(1).get("date").asText()).isEqualTo("2022-11-09");
  }

  @Test
  void listsAreFilteredSortedAndLimited() {
    Http.Response all = awaitAnswer(base + "/api/announcements?limit=1000", body -> body.get("count").asInt() > 0);
    List<String> times = StreamSupport.stream(all.json().get("announcements").spliterator(), false)
        .map(a -> a.get("announced_at").asText()).toList();
    assertThat(times).hasSize(1000);
    assertThat(times.stream().map(Instant::parse).toList()).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    JsonNode meta = Http.get(base + "/api/reactions?ticker=META&from=2022-01-01&to=2023-12-31").json();
    assertThat(meta.get("count").asInt()).isGreaterThan(0).isEqualTo(meta.get("reactions").size());
    meta.get("reactions").forEach(r -> {
      assertThat(r.get("ticker").asText()).isEqualTo("META");
      assertThat(r.get("day0").asText()).isBetween("2022-01-01", "2023-12-31");
    });

    JsonNode months = Http.get(base + "/api/windows?dimension=market&period=month&from=2022-01-01&to=2022-12-31").json();
    assertThat(months.get("windows")).extracting(w -> w.get("window_start").asText()).containsExactly(
        "2022-01-01T05:00:00Z", "2022-02-01T05:00:00Z", "2022-03-01T05:00:00Z", "2022-04-01T04:00:00Z",
        "2022-05-01T04:00:00Z", "2022-06-01T04:00:00Z", "2022-07-01T04:00:00Z", "2022-08-01T04:00:00Z",
        "2022-09-01T04:00:00Z", "2022-10-01T04:00:00Z", "2022-11-01T04:00:00Z", "2022-12-01T05:00:00Z");
    months.get("windows").forEach(w -> {
      assertThat(w.get("dimension").asText()).isEqualTo("MARKET");
      assertThat(w.get("dimension_value").asText()).isEqualTo("ALL");
      assertThat(w.get("period").asText()).isEqualTo("MONTH");
    });

    JsonNode metaWeeks = Http.get(base + "/api/windows?dimension=ticker&key=META&period=week&limit=3").json();
    assertThat(metaWeeks.get("count").asInt()).isEqualTo(3);
    metaWeeks.get("windows").forEach(w -> assertThat(w.get("dimension_value").asText()).isEqualTo("META"));
  }

  @Test
  void unknownKeysAre404() {
    Http.Response r = Http.get(base + "/api/reactions/no-such-announcement");
    assertThat(r.status()).as(r.body()).isEqualTo(404);
    QueryServerTest.assertJsonHeaders(r, self);
    assertThat(r.body()).isEqualTo("{\"instance\":\"" + self
        + "\",\"error\":\"no market reaction for announcement id 'no-such-announcement'\"}");
  }

  @Test
  void badParametersAre400() {
    Map<String, String> cases = Map.of(
        "/api/announcements?limit=1001", "limit must be a whole number from 1 to 1000, not '1001'",
        "/api/reactions?to=2022-02-30", "to must be an ISO date (2022-11-09, a New York date) or an ISO instant (2022-11-09T14:30:00Z), not '2022-02-30'",
        "/api/windows?dimension=market&key=Internet", "key must be ALL or absent for dimension market, not 'Internet'",
        "/api/windows?dimension=sector&from=2023-01-01&to=2022-01-01", "from (2023-01-01) is after to (2022-01-01): expected from on or before to");
    cases.forEach((path, message) -> {
      Http.Response r = Http.get(base + path);
      assertThat(r.status()).as(path).isEqualTo(400);
      assertThat(r.json().get("error").asText()).as(path).isEqualTo(message);
    });
  }

  @Test
  void readyInstancesAndMetrics() {
    Http.Response ready = Http.get(base + "/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"instance\":\"" + self + "\",\"status\":\"READY\",\"state\":\"RUNNING\",\"views\":{"
        + "\"announcements-view\":[0,1,2,3,4,5],\"reactions-view\":[0,1,2,3,4,5],\"windows-view\":[0,1,2,3,4,5]}}");

    JsonNode instances = Http.get(base + "/api/instances").json();
    assertThat(instances.get("state").asText()).isEqualTo("RUNNING");
    assertThat(instances.get("instances")).hasSize(1);
    JsonNode only = instances.get("instances").get(0);
    assertThat(only.get("instance").asText()).isEqualTo(self);
    assertThat(only.get("self").asBoolean()).isTrue();
    assertThat(only.get("views").toString()).isEqualTo("{"
        + "\"announcements-view\":{\"active\":[0,1,2,3,4,5],\"standby\":[]},"
        + "\"reactions-view\":{\"active\":[0,1,2,3,4,5],\"standby\":[]},"
        + "\"windows-view\":{\"active\":[0,1,2,3,4,5],\"standby\":[]}}");

    Http.Response metrics = Http.get(base + "/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.body()).containsPattern("query_api_requests_seconds_count\\{method=\"GET\",route=\"/ready\",status=\"200\"} \\d+");
  }

  @Test
  @DisplayName("an instance whose Kafka Streams is created but not started answers 503 with Retry-After")
  void notStartedIs503() {
    int port = FreePorts.take(1)[0];
    HostInfo host = new HostInfo("127.0.0.1", port);
    Map<String, Object> config = stack.streamsConfig("query-api-not-started", tmp.resolve("not-started"), host);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (KafkaStreams created = RunningStack.streams(config);
        QueryServer server = QueryServer.start(new QueryServer.Config("127.0.0.1", port, host), created, metrics)) {
      String url = server.url();
      Http.Response r = Http.get(url + "/api/announcements?ticker=META");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.header("Retry-After")).contains("2");
      assertThat(r.json().get("error").asText()).isEqualTo("Kafka Streams is CREATED, not RUNNING: the views cannot be queried now");
      assertThat(Http.get(url + "/ready").status()).isEqualTo(503);
      assertThat(Http.get(url + "/health").status()).isEqualTo(200);
      created.close(Duration.ofSeconds(10));
    } finally {
      metrics.close();
    }
  }

  @Test
  @DisplayName("the dashboard in headless Chromium, after the replay: Meta's 2022-11-09 layoff with its +5.18 % day-0 return, no console error")
  void dashboardInARealBrowser() {
    try (HeadlessChromium chromium = HeadlessChromium.launch()) { // skips when there is no Chromium
      chromium.navigate(base + "/");
      String rows = "[...document.querySelectorAll('#announcements tbody tr[data-id]')]";
      chromium.waitFor(rows + ".length > 0", RunningStack.WAIT);
      assertThat(chromium.evaluate("document.title", String.class)).isEqualTo("Layoff Signals");
      chromium.waitFor("document.querySelectorAll('#market-chart svg rect.bar-month').length >= 12", RunningStack.WAIT);

      chromium.evaluate("(() => { const input = document.getElementById('ticker-filter');"
          + " input.value = 'META'; input.dispatchEvent(new Event('input', { bubbles: true })); })()");
      // columns: company, ticker, announced, day 0, headcount, share, status, day-0 return, ...
      chromium.waitFor(rows + ".some(tr => tr.cells[1].textContent === 'META' && tr.cells[3].textContent === '2022-11-09'"
          + " && tr.cells[4].textContent === '11,000' && tr.cells[6].textContent === 'FINAL'"
          + " && tr.cells[7].textContent === '+5.18 %')", RunningStack.WAIT);
      assertThat(chromium.problems()).as("console messages, exceptions, failed requests").isEmpty();
    }
  }
}
