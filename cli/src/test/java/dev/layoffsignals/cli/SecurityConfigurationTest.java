package dev.layoffsignals.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.layoffsignals.streams.TopologySettings;
import dev.layoffsignals.streams.app.LayoffSignalsApp;
import dev.layoffsignals.streams.errors.ErrorCounter;
import dev.layoffsignals.topics.Topics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Kafka's SASL and SSL settings, given in the configuration layers a command reads (file,
 * environment, {@code -p}), reach every client the command makes; the registry's credentials reach
 * the serdes' registry client; the HTTP server binds where it is told, 127.0.0.1 unless told.
 */
class SecurityConfigurationTest {

  static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
      + " username=\"layoff-signals\" password=\"jaas-s3cr3t\";";
  /** What every Kafka client must be configured with, whichever layer set it. */
  static final Map<String, String> SECURITY = Map.of(
      "security.protocol", "SASL_SSL",
      "sasl.mechanism", "SCRAM-SHA-512",
      "sasl.jaas.config", JAAS,
      "ssl.truststore.location", "/etc/kafka/secrets/truststore.p12",
      "ssl.truststore.password", "trust-s3cr3t",
      "ssl.truststore.type", "PKCS12",
      "ssl.keystore.location", "/etc/kafka/secrets/keystore.p12",
      "ssl.keystore.password", "keystore-s3cr3t",
      "ssl.key.password", "key-s3cr3t",
      "ssl.endpoint.identification.algorithm", "https");

  @TempDir
  Path dir;

  /**
   * The layers: the file has most settings (and a security.protocol the environment overrides), the
   * environment the JAAS config and a mechanism that {@code -p} overrides.
   */
  private Path configFile() throws Exception {
    Properties file = new Properties();
    SECURITY.forEach(file::setProperty);
    file.remove("sasl.jaas.config");
    file.setProperty("security.protocol", "SSL");
    file.setProperty("sasl.mechanism", "PLAIN");
    Path path = dir.resolve("client.properties");
    try (var out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      file.store(out, null);
    }
    return path;
  }

  private static final Map<String, String> ENVIRONMENT = Map.of(
      "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
      "KAFKA_SASL_JAAS_CONFIG", JAAS,
      "KAFKA_SASL_MECHANISM", "OAUTHBEARER");

  @Test
  void everyClientOfKafkaStreamsGetsTheSecuritySettingsOfTheStreamsCommand() throws Exception {
    StreamsCommand command = new StreamsCommand();
    command.environment = ENVIRONMENT;
    new CommandLine(command).parseArgs("--config", configFile().toString(), "-p", "sasl.mechanism=SCRAM-SHA-512",
        "--bootstrap-servers", "kafka-1:9093,kafka-2:9093");

    // what RunningInstance hands LayoffSignalsApp, and what the app makes of it
    Map<String, String> toTheApp = RunningInstance.streamsSettings(command.settings().asMap());
    StreamsConfig config = new StreamsConfig(LayoffSignalsApp.effectiveConfig(toTheApp));

    Map<String, Map<String, Object>> clients = new LinkedHashMap<>();
    clients.put("main consumer", config.getMainConsumerConfigs("layoff-signals-streams", "client", 0));
    clients.put("restore consumer", config.getRestoreConsumerConfigs("client"));
    clients.put("global consumer", config.getGlobalConsumerConfigs("client"));
    clients.put("producer", config.getProducerConfigs("client"));
    clients.put("admin (Kafka Streams' and the topic check's)", config.getAdminConfigs("layoff-signals-topic-check"));
    clients.forEach((client, c) -> assertThat(c).as(client)
        .containsAllEntriesOf(SECURITY)
        .containsEntry("bootstrap.servers", "kafka-1:9093,kafka-2:9093"));
  }

  @Test
  void theSerdesRegistryClientSendsTheRegistryCredentialsOfTheConfiguration() throws Exception {
    List<String> authorizations = new CopyOnWriteArrayList<>();
    HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext("/", exchange -> {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      byte[] body = "{\"error_code\":40403,\"message\":\"Schema not found\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
      exchange.sendResponseHeaders(404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    registry.start();
    try {
      StreamsCommand command = new StreamsCommand();
      command.environment = Map.of("SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO",
          "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "layoff-signals:registry-s3cr3t");
      new CommandLine(command).parseArgs("--schema-registry-url", "http://127.0.0.1:" + registry.getAddress().getPort());

      // the topology's serdes are configured with the whole effective configuration
      Map<String, Object> config = LayoffSignalsApp.effectiveConfig(RunningInstance.streamsSettings(command.settings().asMap()));
      Map<String, ?> serdeConfig = TopologySettings.fromConfig(config, ErrorCounter.NONE).serdeConfig();
      byte[] unknownId = {0x00, 0x00, 0x00, 0x00, 0x07, 0x00};
      assertThatThrownBy(() -> Topics.STOCK_TICKS.valueSerde(serdeConfig).deserializer().deserialize("stock-ticks", unknownId))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("schema id 7: schema id not found in the schema registry");
    } finally {
      registry.stop(0);
    }
    assertThat(authorizations).containsExactly(
        "Basic " + Base64.getEncoder().encodeToString("layoff-signals:registry-s3cr3t".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theResetAndCreateTopicsAdminClientsGetTheSecuritySettings() throws Exception {
    ResetCommand reset = new ResetCommand();
    reset.environment = ENVIRONMENT;
    new CommandLine(reset).parseArgs("--config", configFile().toString(), "--bootstrap-servers", "kafka-1:9093");
    Map<String, Object> resetAdmin = ResetCommand.adminConfig(reset.settings(), 1000);
    assertThat(resetAdmin).containsEntry("bootstrap.servers", "kafka-1:9093")
        .containsAllEntriesOf(without(SECURITY, "sasl.mechanism")).containsEntry("sasl.mechanism", "OAUTHBEARER");

    TopicsCommand topics = new TopicsCommand();
    topics.environment = ENVIRONMENT;
    new CommandLine(topics).parseArgs("--config", configFile().toString(), "--bootstrap-servers", "kafka-1:9093");
    Properties topicsAdmin = topics.settings().asProperties();
    assertThat(topicsAdmin).containsEntry("bootstrap.servers", "kafka-1:9093")
        .containsAllEntriesOf(without(SECURITY, "sasl.mechanism")).containsEntry("sasl.mechanism", "OAUTHBEARER");
  }

  @Test
  void theHttpServerBindsTo127001UnlessToldOtherwise() throws Exception {
    StreamsCommand streams = new StreamsCommand();
    streams.environment = Map.of();
    new CommandLine(streams).parseArgs();
    assertThat(RunningInstance.httpHost(streams.settings().asMap())).isEqualTo("127.0.0.1");
    assertThat(RunningInstance.streamsSettings(streams.settings().asMap()))
        .doesNotContainKeys("http.host", "http.port").containsEntry("application.server", "127.0.0.1:8080");

    StreamsCommand container = new StreamsCommand();
    container.environment = Map.of("HTTP_HOST", "0.0.0.0", "APPLICATION_SERVER", "streams-app-1:8080");
    new CommandLine(container).parseArgs();
    assertThat(RunningInstance.httpHost(container.settings().asMap())).isEqualTo("0.0.0.0");
    assertThat(RunningInstance.streamsSettings(container.settings().asMap())).containsEntry("application.server", "streams-app-1:8080");

    StreamsCommand flag = new StreamsCommand();
    flag.environment = Map.of("HTTP_HOST", "0.0.0.0");
    new CommandLine(flag).parseArgs("--http-host", "10.0.0.7");
    assertThat(RunningInstance.httpHost(flag.settings().asMap())).as("the flag wins").isEqualTo("10.0.0.7");

    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs();
    assertThat(demo.streamsSettings("127.0.0.1:9092", "http://127.0.0.1:8081")).containsEntry("http.host", "127.0.0.1");
    DemoCommand shared = new DemoCommand();
    new CommandLine(shared).parseArgs("--http-host", "0.0.0.0");
    assertThat(shared.streamsSettings("127.0.0.1:9092", "http://127.0.0.1:8081")).containsEntry("http.host", "0.0.0.0");
  }

  private static Map<String, String> without(Map<String, String> map, String key) {
    Map<String, String> out = new LinkedHashMap<>(map);
    out.remove(key);
    return out;
  }
}
