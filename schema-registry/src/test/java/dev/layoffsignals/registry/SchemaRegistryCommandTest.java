package dev.layoffsignals.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SchemaRegistryCommandTest {

  @TempDir
  Path tmp;

  @Test
  void defaultsListenOnLocalhost8081AndTakeKafkaFromTheEnvironment() {
    SchemaRegistryCommand command = new SchemaRegistryCommand();

    new CommandLine(command).parseArgs();

    assertThat(command.host).isEqualTo("127.0.0.1");
    assertThat(command.port).isEqualTo(8081);
    assertThat(command.bootstrapServers)
        .isEqualTo(System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
  }

  @Test
  void optionsOverrideTheDefaults() {
    SchemaRegistryCommand command = new SchemaRegistryCommand();

    new CommandLine(command).parseArgs("--bootstrap-servers", "broker:9094", "--host", "0.0.0.0", "--port", "0");

    assertThat(command.bootstrapServers).isEqualTo("broker:9094");
    assertThat(command.host).isEqualTo("0.0.0.0");
    assertThat(command.port).isZero();
  }

  @Test
  void helpNamesTheCommandAndItsOptions() {
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(new SchemaRegistryCommand()).setOut(new PrintWriter(out));

    int exitCode = commandLine.execute("--help");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).startsWith("Usage: schema-registry ")
        .contains("--bootstrap-servers=", "--host=", "--port=");
  }

  @Test
  void clientSettingsComeFromTheConfigFileTheEnvironmentAndTheFlag() throws IOException {
    Path config = Files.writeString(tmp.resolve("client.properties"), String.join("\n",
        "bootstrap.servers=from-file:9092",
        "security.protocol=SASL_SSL",
        "sasl.mechanism=PLAIN",
        "ssl.truststore.location=/etc/kafka/truststore.jks"));
    SchemaRegistryCommand command = new SchemaRegistryCommand();
    command.environment = Map.of("KAFKA_SASL_MECHANISM", "SCRAM-SHA-256", "HOME", "/root");

    new CommandLine(command).parseArgs("--config", config.toString(), "--bootstrap-servers", "kafka-1:9093");

    assertThat(command.clientSettings())
        .containsEntry("bootstrap.servers", "kafka-1:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
        .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
        .doesNotContainKey("home");
  }

  @Test
  void aMissingConfigFileIsAUsageErrorNamingIt() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new SchemaRegistryCommand()).setErr(new PrintWriter(err));

    int exitCode = commandLine.execute("--config", tmp.resolve("absent.properties").toString());

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: Config file ").contains("absent.properties", "does not exist");
  }
}
