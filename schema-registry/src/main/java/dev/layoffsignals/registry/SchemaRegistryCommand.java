package dev.layoffsignals.registry;

import dev.layoffsignals.config.ConfigException;
import dev.layoffsignals.config.Settings;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs a {@link LocalSchemaRegistry} until Ctrl-C. Registered as a subcommand by the {@code cli}
 * module; {@link #main(String[])} runs it alone.
 */
@Command(name = "schema-registry", mixinStandardHelpOptions = true,
    description = {"Runs a schema registry (Confluent REST API subset) that stores schemas in the compacted"
        + " _schemas topic of a Kafka broker, until Ctrl-C.",
        "Its Kafka clients take the client settings (SASL, SSL, ...) of --config FILE and of KAFKA_* environment"
            + " variables (KAFKA_SECURITY_PROTOCOL is security.protocol), as the other commands do."})
public final class SchemaRegistryCommand implements Callable<Integer> {

  @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
      description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS, else ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file of Kafka client settings for reaching the broker (SASL, SSL, ...).")
  Path config;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8081", description = "Port to listen on, 0 for a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Spec
  CommandSpec spec;

  /** The environment; tests replace it. */
  Map<String, String> environment = System.getenv();

  /**
   * The Kafka client settings: --config FILE, then the environment's, then --bootstrap-servers.
   * Each client of the store keeps those that are its own.
   *
   * @throws ConfigException when the file is missing or unreadable
   */
  Map<String, String> clientSettings() {
    return Settings.empty()
        .withOptionalFile(Optional.ofNullable(config))
        .withEnvironment(environment)
        .with("bootstrap.servers", bootstrapServers)
        .build()
        .asMap();
  }

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> clientSettings;
    try {
      clientSettings = clientSettings();
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    LocalSchemaRegistry registry;
    try {
      registry = LocalSchemaRegistry.start(bootstrapServers, clientSettings, host, port);
    } catch (SchemaStoreException | UncheckedIOException e) {
      spec.commandLine().getErr().println("Cannot start the schema registry: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      registry.close();
      stopped.countDown();
    }, "schema-registry-shutdown"));
    spec.commandLine().getOut().println("Schema registry on " + registry.url() + " (Kafka " + bootstrapServers
        + "); Ctrl-C to stop");
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SchemaRegistryCommand()).execute(args));
  }
}
