package dev.layoffsignals.deployment;

import static dev.layoffsignals.deployment.Repository.CREATE_TOPICS;
import static dev.layoffsignals.deployment.Repository.KAFKA;
import static dev.layoffsignals.deployment.Repository.REPLAY;
import static dev.layoffsignals.deployment.Repository.ROOT;
import static dev.layoffsignals.deployment.Repository.SCHEMA_REGISTRY;
import static dev.layoffsignals.deployment.Repository.STREAMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layoffsignals.deployment.ComposeFile.Service;
import dev.layoffsignals.deployment.ComposeFile.Volume;
import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rehearsal of {@code docker compose up} without Docker: the processes the compose file starts,
 * each a separate process on this machine, in the compose file's order and with its environment,
 * service addresses translated to {@code 127.0.0.1} ports:
 *
 * <ul>
 *   <li>{@code kafka}: a KRaft broker in a child JVM ({@link LocalKafka}) with the broker settings of
 *       the service's {@code KAFKA_*} variables (listeners, node and directories are the local broker's);</li>
 *   <li>{@code schema-registry}: our registry ({@code layoff-signals schema-registry}) in place of
 *       Confluent's, on the service's Kafka store;</li>
 *   <li>{@code create-topics}, {@code streams-app}, {@code replay}: the image's main class with the
 *       service's command and environment, the volume's path mapped to a directory here.</li>
 * </ul>
 *
 * <p>Then what the compose file and {@code docs/operations.md} promise: the topics as in the
 * catalogue, {@code /ready} answering 200 (the service's healthcheck), Meta's reaction of 2022-11-09
 * through the API; a second run of the replay (a second {@code docker compose up}) rejected as late
 * without changing a result; the metrics of the Grafana dashboard on {@code /metrics}. Every
 * process is stopped at the end, also on failure.
 */
class ComposeRehearsalIntegrationTest {

  // generous: the machine may be shared with other builds; on an idle one the whole rehearsal takes about a minute
  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration PROCESSING = Duration.ofMinutes(5);
  /** Broker settings local-kafka sets itself: the addresses, the node and the directories. */
  private static final Set<String> LOCAL_BROKER_OWNS = Set.of("node.id", "process.roles", "listeners",
      "advertised.listeners", "listener.security.protocol.map", "inter.broker.listener.name",
      "controller.listener.names", "controller.quorum.voters", "log.dirs");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void theComposeStackRunsAsSeparateProcessesWithItsEnvironmentAndAnswers() throws Exception {
    ComposeFile compose = Repository.compose();
    try (LocalKafka kafka = LocalKafka.builder()
            .workDir(tmp.resolve("kafka"))
            .overrides(brokerOverrides(compose.service(KAFKA)))
            .startChildProcess();
        ChildProcesses children = new ChildProcesses(tmp.resolve("logs"), ROOT);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {

      assertThat(kafka.brokerConfig()).containsAllEntriesOf(brokerOverrides(compose.service(KAFKA)))
          .containsEntry("process.roles", compose.service(KAFKA).environment().get("KAFKA_PROCESS_ROLES"))
          .containsEntry("node.id", compose.service(KAFKA).environment().get("KAFKA_NODE_ID"));

      Addresses addresses = new Addresses();
      addresses.put(KAFKA, 19092, kafka.bootstrapServers());
      int registryPort = freePort();
      addresses.put(SCHEMA_REGISTRY, 8081, "127.0.0.1:" + registryPort);
      int httpPort = freePort();
      addresses.put(STREAMS, 8080, "127.0.0.1:" + httpPort);

      // schema-registry: ours, on the Kafka store the service names, waited for with its healthcheck
      Service registry = compose.service(SCHEMA_REGISTRY);
      String store = registry.environment().get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS").replaceFirst("^PLAINTEXT://", "");
      children.start(SCHEMA_REGISTRY, List.of("-Xmx256m"), List.of("schema-registry",
          "--bootstrap-servers", addresses.translate(store, SCHEMA_REGISTRY), "--host", "127.0.0.1", "--port", Integer.toString(registryPort)),
          Map.of());
      String registryHealth = addresses.translate(registry.healthcheck().orElseThrow().url().orElseThrow(), SCHEMA_REGISTRY);
      awaitHttp200(registryHealth, START, children, SCHEMA_REGISTRY);

      // create-topics: a one-shot that must complete successfully before the app and the replay
      Service createTopics = compose.service(CREATE_TOPICS);
      children.start(CREATE_TOPICS, List.of("-Xmx256m"), createTopics.command(), environment(createTopics, addresses, Map.of()));
      assertThat(children.awaitExit(CREATE_TOPICS, START)).as("create-topics exit code\n%s", children.tail(CREATE_TOPICS)).isZero();
      assertTopicsAsInTheCatalogue(admin);

      // the replay, then streams-app once it has completed, as compose orders them
      Service replay = compose.service(REPLAY);
      Instant replayStarted = Instant.now();
      children.start(REPLAY, List.of("-Xmx512m"), replay.command(), environment(replay, addresses, Map.of()));
      assertThat(children.awaitExit(REPLAY, PROCESSING)).as("replay exit code\n%s", children.tail(REPLAY)).isZero();
      assertThat(Files.readString(children.log(REPLAY))).containsPattern("stock-ticks\\s+22,?590")
          .contains("heartbeat  2026-01-28T05:00:00Z to 6 partitions of heartbeats");
      System.out.printf("rehearsal: replay done in %s%n", Duration.between(replayStarted, Instant.now()));

      Service streams = compose.service(STREAMS);
      Map<String, Path> volumes = new LinkedHashMap<>();
      for (Volume v : streams.volumes()) {
        volumes.put(v.target(), Files.createDirectories(tmp.resolve("volumes").resolve(v.target().substring(1))));
      }
      Map<String, String> streamsEnv = environment(streams, addresses, volumes);
      assertThat(streamsEnv).containsEntry("APPLICATION_SERVER", "127.0.0.1:" + httpPort)
          .containsEntry("HTTP_PORT", Integer.toString(httpPort))
          .containsEntry("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())
          .containsEntry("SCHEMA_REGISTRY_URL", "http://127.0.0.1:" + registryPort);
      children.start(STREAMS, List.of("-Xmx768m", "-XX:+ExitOnOutOfMemoryError"), streams.command(), streamsEnv);

      String ready = addresses.translate(streams.healthcheck().orElseThrow().url().orElseThrow(), STREAMS);
      assertThat(ready).isEqualTo("http://127.0.0.1:" + httpPort + "/ready");
      awaitHttp200(ready, START, children, STREAMS);

      // Meta's reaction to its 11,000 job cuts, through the query API of the streams process
      String api = "http://127.0.0.1:" + httpPort + "/api/reactions?ticker=META&from=2022-11-09&to=2022-11-09";
      JsonNode meta = awaitJson(api, body -> body.path("count").asInt() == 1
          && body.path("reactions").path(0).path("status").asText().equals("FINAL"), PROCESSING, children, STREAMS);
      JsonNode reaction = meta.path("reactions").path(0);
      assertThat(reaction.path("ticker").asText()).isEqualTo("META");
      assertThat(reaction.path("day0").asText()).isEqualTo("2022-11-09");
      assertThat(reaction.path("day0_return").asDouble()).isCloseTo(0.0518, within(0.0005));
      assertThat(reaction.path("day0_benchmark_return").asDouble()).isCloseTo(-0.0231, within(0.0005));
      assertThat(meta.path("instance").asText()).isEqualTo("127.0.0.1:" + httpPort);
      System.out.printf("rehearsal: META reaction FINAL %s after the replay started%n", Duration.between(replayStarted, Instant.now()));

      HttpResponse<String> readiness = get(ready);
      assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
      assertThat(json.readTree(readiness.body()).path("status").asText()).isEqualTo("READY");

      // `docker compose up` again runs the replay again (docs/operations.md): its records are older than
      // their partitions' times, go to late-records and change no result. Every tick (the last is 2026-01-08) and
      // every layoffs.fyi record but the 3 of 2026-01-27 and 2026-01-28 is older than the clock
      // (the final heartbeat, 2026-01-28T05:00Z) minus the grace (P2D).
      String applicationId = streams.environment().get("APPLICATION_ID");
      awaitProcessed(admin, applicationId, children);
      Map<String, Double> rejectedBefore = rejected(get("http://127.0.0.1:" + httpPort + "/metrics").body());
      children.start(REPLAY + "-again", List.of("-Xmx512m"), replay.command(), environment(replay, addresses, Map.of()));
      assertThat(children.awaitExit(REPLAY + "-again", PROCESSING)).as("second replay\n%s", children.tail(REPLAY + "-again")).isZero();
      awaitProcessed(admin, applicationId, children);
      String metrics = get("http://127.0.0.1:" + httpPort + "/metrics").body();
      Map<String, Double> rejectedAfter = rejected(metrics);
      Map<String, Double> added = new TreeMap<>();
      rejectedAfter.forEach((series, value) -> {
        double delta = value - rejectedBefore.getOrDefault(series, 0.0);
        if (delta != 0) {
          added.put(series, delta);
        }
      });
      // and its periodic heartbeats (every 30 days of event time) on every partition, older than the
      // heartbeats already read; its final one, at the same time as the first replay's, is not late
      java.util.regex.Matcher periodic = java.util.regex.Pattern.compile("to (\\d+) partitions of heartbeats, after (\\d+)"
          + " periodic heartbeats?").matcher(children.tail(REPLAY + "-again"));
      assertThat(periodic.find()).as(children.tail(REPLAY + "-again")).isTrue();
      double lateHeartbeats = Double.parseDouble(periodic.group(1)) * Double.parseDouble(periodic.group(2));
      assertThat(added).isEqualTo(Map.of("LATE stock-ticks", 22_590.0, "LATE layoff-records", 4_274.0,
          "LATE heartbeats", lateHeartbeats));
      JsonNode metaAgain = awaitJson(api, body -> true, START, children, STREAMS);
      assertThat(metaAgain.path("reactions")).isEqualTo(meta.path("reactions"));
      System.out.printf("rehearsal: second replay rejected as late and processed %s after the first started%n",
          Duration.between(replayStarted, Instant.now()));

      // the metrics the Grafana dashboard queries are served
      JsonNode dashboard = json.readTree(ROOT.resolve("docker/grafana/dashboards/layoff-signals.json").toFile());
      Set<String> served = new TreeSet<>();
      metrics.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> served.add(l.split("[{ ]", 2)[0]));
      Set<String> missing = new TreeSet<>(GrafanaDashboard.metricNames(dashboard));
      missing.removeAll(served);
      assertThat(missing).as("dashboard metrics not on /metrics").isEmpty();

      // Kafka Streams keeps its state under STATE_DIR/APPLICATION_ID, on the service's volume
      Path state = volumes.get(streams.environment().get("STATE_DIR"));
      assertThat(state.resolve(streams.environment().get("APPLICATION_ID"))).isDirectory();
      assertThat(children.alive()).as("streams and registry still running\n%s", children.tails()).hasSize(2);
    }
  }

  /** The {@code KAFKA_*} settings of the kafka service as broker properties, less what local-kafka sets itself. */
  static Map<String, String> brokerOverrides(Service kafka) {
    Map<String, String> overrides = new TreeMap<>();
    kafka.environment().forEach((variable, value) -> {
      if (!variable.startsWith("KAFKA_") || variable.equals("KAFKA_HEAP_OPTS") || variable.equals("KAFKA_OPTS")
          || variable.startsWith("KAFKA_JVM") || variable.startsWith("KAFKA_LOG4J")) {
        return;
      }
      // the apache/kafka image's convention: _ is '.', __ is '_', ___ is '-'
      String key = variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT)
          .replace("___", "-").replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
      if (!LOCAL_BROKER_OWNS.contains(key)) {
        overrides.put(key, value);
      }
    });
    return overrides;
  }

  /**
   * The environment of a service's process: the compose file's variables, service addresses
   * translated, the service's own {@code HTTP_HOST} and {@code HTTP_PORT} to its local address,
   * volume paths to local directories; plus what the image sets ({@code LAYOFF_SIGNALS_HOME}).
   */
  private static Map<String, String> environment(Service service, Addresses addresses, Map<String, Path> volumes) {
    Map<String, String> env = new TreeMap<>();
    service.environment().forEach((k, v) -> {
      String value = addresses.translate(v, service.name());
      if (k.equals("HTTP_PORT")) {
        value = Integer.toString(addresses.localPort(service.name(), Integer.parseInt(v)));
      } else if (k.equals("HTTP_HOST") && v.equals("0.0.0.0")) {
        value = "127.0.0.1"; // every interface in a container; the loopback is enough here
      }
      for (Map.Entry<String, Path> volume : volumes.entrySet()) {
        if (value.equals(volume.getKey())) {
          value = volume.getValue().toString();
        }
      }
      env.put(k, value);
    });
    env.put("LAYOFF_SIGNALS_HOME", ROOT.toString());
    return env;
  }

  /** Where the services listen here: {@code service:port} of the compose network to {@code 127.0.0.1:local}. */
  private static final class Addresses {
    private final Map<String, String> byServiceAddress = new LinkedHashMap<>();
    private final Map<String, Integer> localPorts = new LinkedHashMap<>();

    void put(String service, int containerPort, String local) {
      byServiceAddress.put(service + ":" + containerPort, local);
      localPorts.put(service + ":" + containerPort, Integer.parseInt(local.substring(local.lastIndexOf(':') + 1)));
    }

    int localPort(String service, int containerPort) {
      Integer port = localPorts.get(service + ":" + containerPort);
      if (port == null) {
        throw new IllegalArgumentException("no local port for " + service + ":" + containerPort);
      }
      return port;
    }

    /**
     * The value with every {@code service:port} replaced by its local address; in the service's own
     * values, {@code CONTAINER_IP}, {@code localhost} and {@code 127.0.0.1} (itself) too.
     */
    String translate(String value, String self) {
      String out = value;
      List<String> keys = new ArrayList<>(byServiceAddress.keySet());
      keys.sort(Comparator.comparingInt(String::length).reversed());
      for (String key : keys) {
        String service = key.substring(0, key.indexOf(':'));
        String port = key.substring(key.indexOf(':') + 1);
        out = out.replace(key, byServiceAddress.get(key));
        if (service.equals(self)) {
          for (String alias : List.of("CONTAINER_IP", "localhost", "127.0.0.1")) {
            out = out.replace(alias + ":" + port, byServiceAddress.get(key));
          }
        }
      }
      return out;
    }
  }

  private static void assertTopicsAsInTheCatalogue(Admin admin) throws Exception {
    List<String> names = Topics.ALL.stream().map(Topic::name).toList();
    Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
    List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
    for (Topic<?, ?> topic : Topics.ALL) {
      assertThat(described.get(topic.name()).partitions()).as("%s partitions", topic).hasSize(topic.partitions());
      Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
      topic.configs().forEach((key, value) ->
          assertThat(config.get(key).value()).as("%s %s", topic, key).isEqualTo(value));
    }
  }

  /** {@code layoff_signals_rejected_records_total} of a Prometheus scrape, by {@code "CATEGORY topic"}. */
  private static Map<String, Double> rejected(String metrics) {
    Map<String, Double> out = new TreeMap<>();
    Pattern series = Pattern.compile("^layoff_signals_rejected_records_total\\{(.*)} (\\S+)$");
    for (String line : metrics.lines().toList()) {
      Matcher m = series.matcher(line);
      if (m.matches()) {
        Map<String, String> labels = new TreeMap<>();
        for (String label : m.group(1).split(",")) {
          int eq = label.indexOf('=');
          if (eq > 0) {
            labels.put(label.substring(0, eq).trim(), label.substring(eq + 1).trim().replace("\"", ""));
          }
        }
        out.merge(labels.get("category") + " " + labels.get("topic"), Double.parseDouble(m.group(2)), Double::sum);
      }
    }
    return out;
  }

  /** Until the application's committed offsets reach the end of every input partition: all published is processed. */
  private static void awaitProcessed(Admin admin, String applicationId, ChildProcesses children) throws Exception {
    List<String> inputs = Topics.INPUTS.stream().map(Topic::name).toList();
    long deadline = System.nanoTime() + PROCESSING.toNanos();
    Map<TopicPartition, Long> behind = Map.of();
    while (System.nanoTime() < deadline) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d ->
          d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      behind = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
      for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        long position = c == null ? 0 : c.offset();
        if (position < e.getValue().offset()) {
          behind.put(e.getKey(), e.getValue().offset() - position);
        }
      }
      if (behind.isEmpty()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(250); // the polling interval
    }
    fail("%s has not processed its inputs within %s; records left: %s%n%s", applicationId, PROCESSING, behind, children.tails());
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Polls {@code url} until it answers 200 (a compose healthcheck), failing early if the service's process stopped. */
  private void awaitHttp200(String url, Duration timeout, ChildProcesses children, String service) throws Exception {
    awaitJson(url, body -> true, timeout, children, service);
  }

  /** Polls {@code url} until it answers 200 with a body that {@code done} accepts; {@code service} must keep running. */
  private JsonNode awaitJson(String url, Predicate<JsonNode> done, Duration timeout, ChildProcesses children, String service)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!children.isAlive(service)) {
        fail("%s stopped while waiting for %s%n%s", service, url, children.tails());
      }
      try {
        HttpResponse<String> response = get(url);
        last = response.statusCode() + " " + response.body();
        if (response.statusCode() == 200) {
          JsonNode body = json.readTree(response.body());
          if (done.test(body)) {
            return body;
          }
        }
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      TimeUnit.MILLISECONDS.sleep(250); // the polling interval
    }
    return fail("%s did not answer as expected within %s; last: %s%n%s", url, timeout, last, children.tails());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
