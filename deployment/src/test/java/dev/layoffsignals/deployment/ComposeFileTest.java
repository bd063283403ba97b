package dev.layoffsignals.deployment;

import static dev.layoffsignals.deployment.Repository.CREATE_TOPICS;
import static dev.layoffsignals.deployment.Repository.KAFKA;
import static dev.layoffsignals.deployment.Repository.REPLAY;
import static dev.layoffsignals.deployment.Repository.ROOT;
import static dev.layoffsignals.deployment.Repository.SCHEMA_REGISTRY;
import static dev.layoffsignals.deployment.Repository.STREAMS;
import static dev.layoffsignals.deployment.Repository.SYNTHETIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layoffsignals.cli.LayoffSignals;
import dev.layoffsignals.config.EnvironmentMapping;
import dev.layoffsignals.deployment.ComposeFile.Port;
import dev.layoffsignals.deployment.ComposeFile.Service;
import dev.layoffsignals.deployment.ComposeFile.Volume;
import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * {@code docker-compose.yml}, {@code docker/Dockerfile} and {@code docker/**} checked against the
 * code they run, since no Docker engine is at hand: pinned images, real subcommands with valid
 * options, environment variables the app reads and the configuration reference lists,
 * healthchecks, the topic job, scaling, monitoring wiring.
 */
class ComposeFileTest {

  private static final ComposeFile COMPOSE = Repository.compose();
  private static final List<String> APP_SERVICES = List.of(CREATE_TOPICS, STREAMS, REPLAY, SYNTHETIC);
  /** A version tag: digits and dots, optionally a leading v and a suffix (-jre, _8-jdk, -SNAPSHOT). */
  private static final Pattern VERSION_TAG = Pattern.compile("v?\\d+(\\.\\d+)+([-_.][A-Za-z0-9_.-]+)?");

  @Test
  void theStackHasTheServicesOfTheIssueAndTheirProfiles() {
    Map<String, List<String>> profiles = new LinkedHashMap<>();
    COMPOSE.services().forEach(s -> profiles.put(s.name(), s.profiles()));
    assertThat(profiles).containsExactly(
        Map.entry(KAFKA, List.of()),
        Map.entry(SCHEMA_REGISTRY, List.of()),
        Map.entry(CREATE_TOPICS, List.of()),
        Map.entry(STREAMS, List.of()),
        Map.entry(REPLAY, List.of()),
        Map.entry(SYNTHETIC, List.of("synthetic")),
        Map.entry("prometheus", List.of("monitoring")),
        Map.entry("grafana", List.of("monitoring")),
        Map.entry("kafka-ui", List.of("monitoring")));
    assertThat(COMPOSE.root().keySet()).containsExactly("name", "x-layoff-signals-image", "services", "volumes");
    assertThat(COMPOSE.root().get("name")).isEqualTo("layoff-signals");
  }

  @Test
  void servicesUseOnlyKeysOfTheComposeSpecification() {
    // a subset of the Compose specification's service keys: a typo would be refused by docker compose
    Set<String> serviceKeys = Set.of("image", "build", "command", "entrypoint", "environment", "profiles", "depends_on",
        "ports", "volumes", "healthcheck", "restart", "hostname", "stop_grace_period");
    Set<String> healthcheckKeys = Set.of("test", "interval", "timeout", "retries", "start_period", "start_interval");
    for (Service s : COMPOSE.services()) {
      assertThat(serviceKeys).as("keys of %s", s.name()).containsAll(s.definition().keySet());
      s.healthcheck().ifPresent(hc -> assertThat(healthcheckKeys).as("healthcheck of %s", s.name())
          .containsAll(hc.definition().keySet()));
      assertThat(s.restart()).isIn("no", "unless-stopped");
    }
  }

  @Test
  void everyImageIsPinnedToAVersionAndNoneIsLatest() {
    for (Service s : COMPOSE.services()) {
      assertThat(s.image()).as("image of %s", s.name()).isPresent();
      assertPinned(s.image().get(), "service " + s.name());
    }
    assertThat(COMPOSE.service(KAFKA).image()).contains("apache/kafka:" + Repository.kafkaVersion());
    assertThat(COMPOSE.service(SCHEMA_REGISTRY).image().get()).startsWith("confluentinc/cp-schema-registry:");
    assertThat(COMPOSE.service("kafka-ui").image().get()).matches("(ghcr\\.io/)?kafbat/kafka-ui:.*");
    assertThat(COMPOSE.service("prometheus").image().get()).startsWith("prom/prometheus:");
    assertThat(COMPOSE.service("grafana").image().get()).startsWith("grafana/grafana:");

    List<String> dockerfileImages = dockerfileInstructions("FROM").stream()
        .map(from -> from.split("\\s+")[0]).toList();
    assertThat(dockerfileImages).containsExactly("eclipse-temurin:17.0.16_8-jdk", "eclipse-temurin:17.0.16_8-jre");
    dockerfileImages.forEach(image -> assertPinned(image, "docker/Dockerfile"));
    String syntax = Repository.read(Repository.DOCKERFILE).lines().findFirst().orElseThrow();
    assertThat(syntax).startsWith("# syntax=");
    assertPinned(syntax.substring("# syntax=".length()), "the Dockerfile's syntax directive");
  }

  private static void assertPinned(String image, String where) {
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = name.lastIndexOf(':');
    assertThat(colon).as("%s: image %s has no tag", where, image).isGreaterThan(name.lastIndexOf('/'));
    String tag = name.substring(colon + 1);
    assertThat(tag).as("%s: tag of %s", where, image).isNotEqualToIgnoringCase("latest").matches(VERSION_TAG);
  }

  @Test
  void theAppServicesRunTheImageBuiltFromTheRepositoryTaggedWithTheProjectVersion() {
    for (String name : APP_SERVICES) {
      Service s = COMPOSE.service(name);
      assertThat(s.image()).as(name).contains("layoff-signals:" + Repository.projectVersion());
      assertThat(s.build()).as(name).containsExactly(Map.entry("context", "."), Map.entry("dockerfile", "docker/Dockerfile"));
      assertThat(s.entrypoint()).as("%s keeps the image's entrypoint", name).isEmpty();
    }
    assertThat(COMPOSE.services().stream().filter(Service::built).map(Service::name)).containsExactlyElementsOf(APP_SERVICES);
  }

  @Test
  void everyCommandIsARealSubcommandWithValidOptions() {
    Map<String, String> subcommands = new LinkedHashMap<>();
    for (String name : APP_SERVICES) {
      List<String> command = COMPOSE.service(name).command();
      ParseResult parsed = parse(command);
      assertThat(parsed.hasSubcommand()).as("%s: %s names a subcommand", name, command).isTrue();
      assertThat(parsed.subcommand().isUsageHelpRequested()).isFalse();
      assertThat(parsed.subcommand().unmatched()).as("%s: unmatched arguments", name).isEmpty();
      subcommands.put(name, parsed.subcommand().commandSpec().name());
    }
    assertThat(subcommands).containsExactly(
        Map.entry(CREATE_TOPICS, "create-topics"),
        Map.entry(STREAMS, "streams"),
        Map.entry(REPLAY, "replay"),
        Map.entry(SYNTHETIC, "replay"));
    ParseResult synthetic = parse(COMPOSE.service(SYNTHETIC).command()).subcommand();
    assertThat(synthetic.matchedOptionValue("--synthetic", "")).startsWith("symbols=20,").endsWith(",start=2026-02-02");
    assertThat(synthetic.matchedOptionValue("--speed", 0.0)).isEqualTo(600.0);
  }

  private static ParseResult parse(List<String> command) {
    return LayoffSignals.commandLine().parseArgs(command.toArray(String[]::new));
  }

  @Test
  void everyEnvironmentVariableGivenToTheAppIsReadByItsCommandAndListedInTheConfigurationReference() {
    String reference = Repository.read(Repository.CONFIGURATION_DOC);
    Set<String> registry = Set.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE,
        AvroSerdeConfig.BASIC_AUTH_USER_INFO);
    Set<String> streams = new HashSet<>(StreamsConfig.configDef().names());
    streams.addAll(ConsumerConfig.configNames());
    streams.addAll(ProducerConfig.configNames());
    streams.addAll(AdminClientConfig.configNames());
    streams.addAll(EnvironmentMapping.NAMED.values());
    streams.addAll(registry);
    Set<String> producers = new HashSet<>(ProducerConfig.configNames());
    producers.addAll(registry);
    Map<String, Set<String>> readBy = Map.of(
        "create-topics", AdminClientConfig.configNames(),
        "replay", producers,
        "streams", streams);

    for (String name : APP_SERVICES) {
      Service s = COMPOSE.service(name);
      String command = s.command().get(0);
      assertThat(s.environment()).as("%s sets its broker", name).containsKey("KAFKA_BOOTSTRAP_SERVERS");
      for (String variable : s.environment().keySet()) {
        String setting = EnvironmentMapping.settingFor(variable);
        assertThat(setting).as("%s: %s is no variable the app reads", name, variable).isNotNull();
        assertThat(readBy.get(command)).as("%s: %s sets %s, which %s does not read", name, variable, setting, command)
            .contains(setting);
        assertThat(reference).as("docs/configuration.md lists %s", variable).contains("`" + variable + "`");
      }
    }
  }

  @Test
  void environmentValuesAreStringsOrNumbersNeverYamlBooleans() {
    for (Service s : COMPOSE.services()) {
      Object env = s.definition().get("environment");
      if (env instanceof Map<?, ?> map) {
        map.forEach((k, v) -> assertThat(v).as("%s: %s (Compose refuses booleans; quote it)", s.name(), k)
            .isInstanceOfAny(String.class, Number.class));
      }
    }
  }

  @Test
  void everyLongRunningServiceHasAHealthcheckAndDependentsWaitForIt() {
    for (Service s : COMPOSE.services()) {
      boolean oneShot = s.restart().equals("no");
      assertThat(s.healthcheck().isPresent()).as("%s: healthcheck present iff long-running", s.name()).isEqualTo(!oneShot);
      s.healthcheck().ifPresent(hc -> {
        assertThat(hc.test().get(0)).as(s.name()).isEqualTo("CMD");
        assertThat(hc.definition()).as(s.name()).containsKeys("interval", "timeout", "retries");
      });
      s.dependsOn().forEach((dependency, condition) -> {
        Service d = COMPOSE.service(dependency);
        String expected = d.healthcheck().isPresent() ? "service_healthy" : "service_completed_successfully";
        assertThat(condition).as("%s waits for %s", s.name(), dependency).isEqualTo(expected);
      });
    }
    assertThat(COMPOSE.service(STREAMS).healthcheck().get().url()).contains("http://127.0.0.1:8080/ready");
    assertThat(COMPOSE.service(SCHEMA_REGISTRY).healthcheck().get().url()).contains("http://localhost:8081/subjects");
    assertThat(COMPOSE.service(KAFKA).healthcheck().get().test())
        .containsExactly("CMD", "/opt/kafka/bin/kafka-broker-api-versions.sh", "--bootstrap-server", "localhost:19092");

    assertThat(COMPOSE.service(CREATE_TOPICS).dependsOn()).containsOnlyKeys(KAFKA);
    // the history is on the broker before the app starts (a full-speed replay into a running app races)
    assertThat(COMPOSE.service(STREAMS).dependsOn()).containsOnlyKeys(CREATE_TOPICS, SCHEMA_REGISTRY, REPLAY);
    assertThat(COMPOSE.service(REPLAY).dependsOn()).containsOnlyKeys(CREATE_TOPICS, SCHEMA_REGISTRY);
    // the synthetic feed's heartbeats are later than any replayed record: it must come after the replay
    assertThat(COMPOSE.service(SYNTHETIC).dependsOn()).containsOnlyKeys(REPLAY);
  }

  @Test
  void theTopicJobCreatesTheCatalogueAsItIsOnABrokerThatCreatesNothingElse() {
    ParseResult createTopics = parse(COMPOSE.service(CREATE_TOPICS).command()).subcommand();
    assertThat(createTopics.matchedOption("--partitions")).as("partitions: the catalogue's").isNull();
    assertThat(createTopics.matchedOption("--replication-factor")).as("replication factor: 1, the default").isNull();
    assertThat(Topics.ALL).allSatisfy(t -> assertThat(t.partitions()).isIn(1, Topics.DEFAULT_PARTITIONS));

    Map<String, String> kafka = COMPOSE.service(KAFKA).environment();
    assertThat(kafka).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
        .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "1")
        .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
        .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
        .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
        .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
  }

  @Test
  void everyAddressIsAListenerOfTheServiceItNames() {
    Map<String, String> kafka = COMPOSE.service(KAFKA).environment();
    assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).isEqualTo("PLAINTEXT://kafka:19092,PLAINTEXT_HOST://localhost:9092");
    assertThat(kafka.get("KAFKA_LISTENERS")).contains("PLAINTEXT://:19092", "PLAINTEXT_HOST://:9092");
    assertThat(kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo("1@kafka:29093");
    assertThat(kafka.get("KAFKA_LISTENERS")).contains("CONTROLLER://:29093");
    assertThat(COMPOSE.service(KAFKA).ports()).extracting(Port::target).containsExactly(9092);

    Map<String, String> registry = COMPOSE.service(SCHEMA_REGISTRY).environment();
    assertThat(registry).containsEntry("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
        .containsEntry("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081");

    for (String name : APP_SERVICES) {
      Map<String, String> env = COMPOSE.service(name).environment();
      assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as(name).isEqualTo("kafka:19092");
      if (env.containsKey("SCHEMA_REGISTRY_URL")) {
        assertThat(env.get("SCHEMA_REGISTRY_URL")).as(name).isEqualTo("http://schema-registry:8081");
      }
    }
    assertThat(COMPOSE.service(REPLAY).environment()).containsKey("SCHEMA_REGISTRY_URL");
    assertThat(COMPOSE.service(STREAMS).environment()).containsKey("SCHEMA_REGISTRY_URL");

    Map<String, String> ui = COMPOSE.service("kafka-ui").environment();
    assertThat(ui).containsEntry("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS", "kafka:19092")
        .containsEntry("KAFKA_CLUSTERS_0_SCHEMAREGISTRY", "http://schema-registry:8081")
        .containsEntry("KAFKA_CLUSTERS_0_DEFAULTKEYSERDE", "String")
        .containsEntry("KAFKA_CLUSTERS_0_CONSUMERPROPERTIES_ISOLATION_LEVEL", "read_committed");
  }

  @Test
  void theStreamsAppScalesWithoutClashes() {
    Service s = COMPOSE.service(STREAMS);
    Map<String, String> env = s.environment();
    assertThat(s.definition()).doesNotContainKeys("container_name", "hostname");
    assertThat(env).containsEntry("HTTP_HOST", "0.0.0.0").containsEntry("HTTP_PORT", "8080")
        .containsEntry("APPLICATION_ID", "layoff-signals-streams")
        // each replica advertises its own address: the entrypoint fills CONTAINER_IP in
        .containsEntry("APPLICATION_SERVER", "CONTAINER_IP:8080");
    assertThat(s.ports()).containsExactly(new Port(Optional.of("127.0.0.1"), Optional.empty(), 8080, "tcp"));
    // state on a volume of its own per replica: anonymous, at STATE_DIR
    assertThat(s.volumes()).containsExactly(new Volume(Optional.empty(), env.get("STATE_DIR"), false));
    assertThat(dockerfileRun()).contains("mkdir -p " + env.get("STATE_DIR"), "chown -R layoff:layoff /var/lib/layoff-signals");
  }

  @Test
  void publishedPortsListenOnTheLoopbackOnly() {
    for (Service s : COMPOSE.services()) {
      for (Port p : s.ports()) {
        assertThat(p.hostIp()).as("%s publishes %s on the loopback", s.name(), p.target()).contains("127.0.0.1");
      }
    }
  }

  @Test
  void everyFileTheStackMountsExists() {
    for (Service s : COMPOSE.services()) {
      for (Volume v : s.volumes()) {
        v.source().filter(src -> src.startsWith("./")).ifPresent(src ->
            assertThat(ROOT.resolve(src)).as("%s mounts %s", s.name(), src).exists());
        v.source().filter(src -> !src.startsWith("./")).ifPresent(src ->
            assertThat(COMPOSE.namedVolumes()).as("%s: named volume %s", s.name(), src).contains(src));
      }
    }
  }

  @Test
  void theDockerfileBuildsWithTheWrapperAndRunsTheCliAsAnUnprivilegedUser() {
    List<String> from = dockerfileInstructions("FROM");
    assertThat(from).hasSize(2);
    assertThat(from.get(0)).endsWith(" AS build");
    assertThat(dockerfileRun()).contains("./mvnw -B -q -DskipTests -pl cli -am package");
    assertThat(dockerfileInstructions("COPY")).contains(
        "--from=build /src/cli/target/layoff-signals.jar /app/layoff-signals.jar",
        "--from=build /src/cli/target/lib/ /app/lib/",
        "data/historical/ /app/data/historical/",
        "--chmod=755 docker/entrypoint.sh /app/entrypoint.sh");
    assertThat(dockerfileInstructions("WORKDIR")).containsExactly("/src", "/app");
    // replay reads data/historical relative to the working directory by default
    CommandLine replay = LayoffSignals.commandLine().getSubcommands().get("replay");
    assertThat(replay.getCommandSpec().findOption("--data-dir").defaultValue()).isEqualTo("data/historical");
    assertThat(ROOT.resolve("data/historical/layoffs.csv")).exists();

    List<String> user = dockerfileInstructions("USER");
    assertThat(user).hasSize(1);
    assertThat(user.get(0)).doesNotStartWith("root").doesNotStartWith("0").isEqualTo("10001:10001");
    assertThat(dockerfileRun()).contains("useradd --system --uid 10001 --gid layoff");
    assertThat(dockerfileInstructions("ENTRYPOINT")).containsExactly("[\"/app/entrypoint.sh\"]");
    assertThat(dockerfileInstructions("EXPOSE")).containsExactly(COMPOSE.service(STREAMS).environment().get("HTTP_PORT"));
  }

  @Test
  void theBuildContextKeepsWhatTheBuildNeeds() {
    List<String> ignored = Repository.read(Repository.DOCKERIGNORE).lines()
        .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(ignored).contains("**/target/", ".git/");
    for (String needed : List.of("mvnw", ".mvn", "pom.xml", "cli", "data", "docker", "schemas", "deployment")) {
      assertThat(ROOT.resolve(needed)).exists();
      assertThat(ignored).as(".dockerignore must keep %s", needed)
          .noneMatch(p -> p.equals(needed) || p.equals(needed + "/") || p.equals("/" + needed) || p.equals("*"));
    }
  }

  @Test
  void theEntrypointAdvertisesTheContainersIpv4Address(@TempDir Path bin) throws Exception {
    fake(bin, "hostname", "[ \"$1\" = -i ] && echo 'fd00::7 172.18.0.7' || echo c0ffee");
    fake(bin, "java", "echo \"APPLICATION_SERVER=${APPLICATION_SERVER:-unset}\"; echo \"ARGS=$*\"");

    Run run = entrypoint(bin, Map.of("APPLICATION_SERVER", "CONTAINER_IP:8080", "JAVA_OPTS", "-Xmx1g -Dx=y"), "streams", "--http-port", "8080");
    assertThat(run.exit()).isZero();
    assertThat(run.output()).isEqualTo(
        "APPLICATION_SERVER=172.18.0.7:8080\nARGS=-Xmx1g -Dx=y -jar /app/layoff-signals.jar streams --http-port 8080\n");

    Run fixed = entrypoint(bin, Map.of("APPLICATION_SERVER", "app-1:9000"), "streams");
    assertThat(fixed.output()).isEqualTo("APPLICATION_SERVER=app-1:9000\nARGS=-jar /app/layoff-signals.jar streams\n");

    Run other = entrypoint(bin, Map.of(), "create-topics");
    assertThat(other.output()).isEqualTo("APPLICATION_SERVER=unset\nARGS=-jar /app/layoff-signals.jar create-topics\n");

    fake(bin, "hostname", "[ \"$1\" = -i ] && echo 'fd00::7' || echo c0ffee");
    Run noIpv4 = entrypoint(bin, Map.of("APPLICATION_SERVER", "CONTAINER_IP:8080"), "streams");
    assertThat(noIpv4.exit()).isEqualTo(2);
    assertThat(noIpv4.output()).isEqualTo("entrypoint: no IPv4 address for c0ffee to put in APPLICATION_SERVER=CONTAINER_IP:8080\n");
  }

  private record Run(int exit, String output) {
  }

  private static void fake(Path bin, String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static Run entrypoint(Path bin, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/bin/sh", Repository.ENTRYPOINT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), output);
  }

  @Test
  void prometheusScrapesTheMetricsOfEveryReplica() {
    Map<String, Object> config = new Yaml().load(Repository.read(ROOT.resolve("docker/prometheus/prometheus.yml")));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0)).containsEntry("metrics_path", "/metrics");
    // DNS service discovery: the service name resolves to every replica
    assertThat(jobs.get(0).get("dns_sd_configs")).isEqualTo(List.of(Map.of(
        "names", List.of(STREAMS), "type", "A",
        "port", Integer.parseInt(COMPOSE.service(STREAMS).environment().get("HTTP_PORT")), "refresh_interval", "10s")));
    assertThat(COMPOSE.service("prometheus").volumes())
        .contains(new Volume(Optional.of("./docker/prometheus/prometheus.yml"), "/etc/prometheus/prometheus.yml", true));
  }

  @Test
  void grafanaIsProvisionedWithTheDashboardOfTheAppsDocumentedMetrics() throws IOException {
    Map<String, Object> datasources = new Yaml().load(Repository.read(ROOT.resolve("docker/grafana/provisioning/datasources/prometheus.yml")));
    assertThat(datasources.get("datasources").toString()).contains("uid=prometheus", "url=http://prometheus:9090");
    Map<String, Object> providers = new Yaml().load(Repository.read(ROOT.resolve("docker/grafana/provisioning/dashboards/layoff-signals.yml")));
    assertThat(providers.get("providers").toString()).contains("path=/var/lib/grafana/dashboards");
    Service grafana = COMPOSE.service("grafana");
    assertThat(grafana.volumes()).containsExactly(
        new Volume(Optional.of("./docker/grafana/provisioning"), "/etc/grafana/provisioning", true),
        new Volume(Optional.of("./docker/grafana/dashboards"), "/var/lib/grafana/dashboards", true));
    assertThat(grafana.environment()).containsEntry("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH",
        "/var/lib/grafana/dashboards/layoff-signals.json");

    JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("docker/grafana/dashboards/layoff-signals.json").toFile());
    assertThat(dashboard.path("uid").asText()).isEqualTo("layoff-signals");
    Set<String> metrics = GrafanaDashboard.metricNames(dashboard);
    String reference = Repository.read(Repository.CONFIGURATION_DOC);
    Set<String> domain = new TreeSet<>();
    for (String metric : metrics) {
      if (metric.startsWith("layoff_signals_")) {
        domain.add(GrafanaDashboard.meterName(metric));
      }
    }
    // every meter of the docs' table is on the dashboard, and the dashboard shows no undocumented one
    Matcher documented = Pattern.compile("\\| `(layoff_signals_[a-z_]+)` \\|").matcher(reference);
    Set<String> documentedMeters = new TreeSet<>();
    while (documented.find()) {
      documentedMeters.add(documented.group(1));
    }
    assertThat(domain).isEqualTo(documentedMeters);
    assertThat(metrics).anyMatch(m -> m.startsWith("kafka_stream_")).anyMatch(m -> m.startsWith("jvm_"));
    for (JsonNode panel : dashboard.path("panels")) {
      if (!panel.path("type").asText().equals("row")) {
        assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("prometheus");
      }
    }
  }

  @Test
  void theOperationsGuideUsesTheServicesAndApplicationIdOfTheFile() {
    String guide = Repository.read(Repository.OPERATIONS_DOC);
    assertThat(guide).contains(
        "docker compose up -d",
        "docker compose up -d --no-deps --scale streams-app=2",
        "docker compose port streams-app 8080",
        "docker compose port --index 2 streams-app 8080",
        "docker compose --profile monitoring up -d",
        "docker compose run --rm replay",
        "reset --application-id " + COMPOSE.service(STREAMS).environment().get("APPLICATION_ID"),
        "kafka-avro-console-consumer",
        "topics.md");
    for (String name : COMPOSE.serviceNames()) {
      assertThat(guide).as("docs/operations.md mentions %s", name).contains("`" + name + "`");
    }
    // the commands the guide runs in the app's image or on the host are real, with valid options
    Matcher commands = Pattern.compile("(?:docker compose run --rm --no-deps create-topics|\\./layoff-signals) ([a-z-]+ [^`\\n]*)")
        .matcher(guide);
    List<String> parsed = new ArrayList<>();
    while (commands.find()) {
      if (commands.group(1).contains("...")) {
        continue; // an abbreviation in the prose
      }
      List<String> args = List.of(commands.group(1).trim().split("\\s+"));
      assertThatCode(() -> parse(args)).as("docs/operations.md: %s", args).doesNotThrowAnyException();
      parsed.add(parse(args).subcommand().commandSpec().name());
    }
    assertThat(parsed).containsExactly("reset", "reset", "streams");
  }

  private static List<String> dockerfileInstructions(String keyword) {
    List<String> out = new ArrayList<>();
    for (String line : dockerfileLogicalLines()) {
      if (line.startsWith(keyword + " ")) {
        out.add(line.substring(keyword.length() + 1).trim());
      }
    }
    return out;
  }

  private static String dockerfileRun() {
    return String.join("\n", dockerfileInstructions("RUN"));
  }

  /** Instructions with their continuation lines joined, comments left out. */
  private static List<String> dockerfileLogicalLines() {
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : Repository.read(Repository.DOCKERFILE).lines().toList()) {
      String line = raw.strip();
      if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
        continue;
      }
      boolean continues = line.endsWith("\\");
      current.append(continues ? line.substring(0, line.length() - 1).strip() : line).append(' ');
      if (!continues) {
        lines.add(current.toString().strip().replaceAll("\\s+", " "));
        current.setLength(0);
      }
    }
    return lines;
  }

  @Test
  void aStringCommandIsSplitAndVariablesAreInterpolatedAsComposeDoes() {
    Map<String, String> vars = Map.of("SET", "x", "EMPTY", "");
    assertThat(ComposeFile.interpolate("a${SET}b$SET ${UNSET:-d} ${EMPTY:-e} ${EMPTY-f} ${UNSET-g} $$HOME ${UNSET}.", vars))
        .isEqualTo("axbx d e  g $HOME .");
    ComposeFile moved = ComposeFile.load(Repository.COMPOSE_FILE, Map.of("KAFKA_HOST_PORT", "19094"));
    assertThat(moved.service(KAFKA).ports()).containsExactly(
        new Port(Optional.of("127.0.0.1"), Optional.of("19094"), 9092, "tcp"));
    assertThat(moved.service(KAFKA).environment().get("KAFKA_ADVERTISED_LISTENERS")).endsWith("PLAINTEXT_HOST://localhost:19094");
    assertThatCode(() -> URI.create(COMPOSE.service(STREAMS).healthcheck().get().url().orElseThrow())).doesNotThrowAnyException();
  }
}
