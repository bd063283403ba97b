package dev.layoffsignals.producers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Kafka's SASL and SSL settings, from each configuration layer (file, environment, {@code -p}),
 * reach the producer of each of the four commands (the one that also sends the heartbeats) and,
 * when heartbeats are sent, the admin client that looks up the end offsets they vouch for; the
 * registry's credentials reach the serdes' settings; the secrets are masked in the log line.
 */
class ProducerSecuritySettingsTest {

  static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
      + " username=\"producer\" password=\"jaas-s3cr3t\";";
  static final Map<String, String> SECURITY = Map.of(
      "security.protocol", "SASL_SSL",
      "sasl.mechanism", "PLAIN",
      "sasl.jaas.config", JAAS,
      "ssl.truststore.location", "/etc/kafka/secrets/truststore.jks",
      "ssl.truststore.password", "trust-s3cr3t",
      "ssl.keystore.location", "/etc/kafka/secrets/keystore.jks",
      "ssl.keystore.password", "keystore-s3cr3t",
      "ssl.key.password", "key-s3cr3t");

  @TempDir
  Path dir;

  @Test
  void everyCommandsProducerGetsTheSecuritySettingsOfEveryLayer() throws Exception {
    // the file sets most, and a protocol the environment overrides; -p sets the key password
    Path config = Files.writeString(dir.resolve("client.properties"), "security.protocol=SSL\nsasl.mechanism=PLAIN\n"
        + "ssl.truststore.location=/etc/kafka/secrets/truststore.jks\nssl.truststore.password=trust-s3cr3t\n"
        + "ssl.keystore.location=/etc/kafka/secrets/keystore.jks\nssl.keystore.password=keystore-s3cr3t\n"
        + "ssl.key.password=not-this-one\n");
    Map<String, String> environment = Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_JAAS_CONFIG", JAAS,
        "SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO", "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "u:registry-s3cr3t");
    Path csv = Files.writeString(dir.resolve("layoffs.csv"), "company,date\nMeta,2022-11-09\n");
    Path jsonl = Files.writeString(dir.resolve("a.jsonl"),
        "{\"id\":\"a1\",\"published_at\":\"2023-01-18T12:00:00Z\",\"title\":\"MSFT cuts 10,000\"}\n");
    Map<String, Supplier<PublishingCommand>> commands = Map.of(
        "produce-ticks", ProduceTicksCommand::new, "import-layoffs", ImportLayoffsCommand::new,
        "produce-articles", ProduceArticlesCommand::new, "replay", ReplayCommand::new);
    Map<String, List<String>> inputs = Map.of(
        "produce-ticks", List.of("--synthetic", "symbols=1,days=1,ticks-per-session=1", "--heartbeat"),
        "import-layoffs", List.of(csv.toString()),
        "produce-articles", List.of(jsonl.toString()),
        "replay", List.of("--synthetic", "symbols=1,days=1,ticks-per-session=1"));

    for (String name : commands.keySet()) {
      List<Map<String, Object>> producerConfigs = new ArrayList<>();
      List<Map<String, Object>> adminConfigs = new ArrayList<>();
      PublishingCommand command = commands.get(name).get();
      command.producerFactory = c -> {
        producerConfigs.add(c);
        return new MockProducer<>(HeartbeatCluster.withPartitions(6), true, null, new ByteArraySerializer(), new ByteArraySerializer());
      };
      command.endOffsetsFactory = c -> {
        adminConfigs.add(c);
        return FakeEndOffsets.empty(6);
      };
      command.environment = environment;
      command.stdin = new ByteArrayInputStream(new byte[0]);
      StringWriter err = new StringWriter();
      CommandLine cl = new CommandLine(command);
      cl.setOut(new PrintWriter(new StringWriter(), true));
      cl.setErr(new PrintWriter(err, true));
      List<String> args = new ArrayList<>(List.of("--schema-registry-url", "mock://producer-security", "--no-progress",
          "--config", config.toString(), "-p", "ssl.key.password=key-s3cr3t"));
      args.addAll(inputs.get(name));

      assertThat(cl.execute(args.toArray(String[]::new))).as("%s exit code; stderr: %s", name, err).isZero();

      assertThat(producerConfigs).as(name).singleElement().satisfies(c -> assertThat(c).as(name)
          .containsAllEntriesOf(SECURITY)
          .containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
          .doesNotContainKeys("basic.auth.user.info", "schema.registry.url"));
      if (name.equals("produce-ticks") || name.equals("replay")) {   // the two that send a heartbeat here
        assertThat(adminConfigs).as(name).singleElement().satisfies(c -> assertThat(c).as(name)
            .containsAllEntriesOf(SECURITY)
            .containsEntry("bootstrap.servers", "127.0.0.1:9092")
            .containsEntry("client.id", "layoff-signals-producer-admin")
            .doesNotContainKeys("acks", "enable.idempotence", "linger.ms", "basic.auth.user.info", "schema.registry.url"));
      } else {
        assertThat(adminConfigs).as("%s: no heartbeat, no admin client", name).isEmpty();
      }
      assertThat(command.connection.settings(environment).asMap()).as("%s: what the serdes are configured with", name)
          .containsEntry("basic.auth.credentials.source", "USER_INFO").containsEntry("basic.auth.user.info", "u:registry-s3cr3t");
      assertThat(command.connection.settings(environment).masked().toString()).as(name)
          .doesNotContain("jaas-s3cr3t", "trust-s3cr3t", "keystore-s3cr3t", "key-s3cr3t", "registry-s3cr3t");
      assertThat(err.toString().getBytes(StandardCharsets.UTF_8)).as(name).isEmpty();
    }
  }

  @Test
  void aRegistryTrustStoreThatIsNotThereIsAnInvalidSettingAndNothingIsSent() throws Exception {
    Path jsonl = Files.writeString(dir.resolve("a.jsonl"),
        "{\"id\":\"a1\",\"published_at\":\"2023-01-18T12:00:00Z\",\"title\":\"MSFT cuts 10,000\"}\n");
    String missing = dir.resolve("registry-trust.p12").toString();
    List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
    ProduceArticlesCommand command = new ProduceArticlesCommand();
    command.producerFactory = c -> {
      MockProducer<byte[], byte[]> producer = new MockProducer<>(HeartbeatCluster.withPartitions(6), true, null,
          new ByteArraySerializer(), new ByteArraySerializer());
      producers.add(producer);
      return producer;
    };
    command.endOffsetsFactory = c -> FakeEndOffsets.empty(6);
    command.environment = Map.of();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));

    int exit = cl.execute("--schema-registry-url", "https://127.0.0.1:1", "--no-progress",
        "-p", "schema.registry.ssl.truststore.location=" + missing, jsonl.toString());

    assertThat(exit).as("stderr: %s", err).isEqualTo(2);
    assertThat(err.toString()).contains("error: invalid setting: ", "schema.registry.ssl.truststore.location", missing,
        "no such file");
    assertThat(producers).as("the registry settings are checked before a producer is made").isEmpty();
  }
}
