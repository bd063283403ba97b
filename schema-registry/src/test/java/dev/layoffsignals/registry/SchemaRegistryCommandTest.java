package dev.layoffsignals.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SchemaRegistryCommandTest {

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
}
