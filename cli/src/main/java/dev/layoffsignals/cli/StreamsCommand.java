package dev.layoffsignals.cli;

import dev.layoffsignals.config.ConfigException;
import dev.layoffsignals.config.Settings;
import dev.layoffsignals.streams.StreamsConfigs;
import dev.layoffsignals.streams.app.InputTopicsException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streams}: runs one instance of the topology against an existing Kafka cluster and schema
 * registry, with its HTTP server, until stopped. What docker-compose runs.
 */
@Command(
    name = "streams",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run the topology against an existing Kafka and schema registry, and serve the query API, the dashboard,"
            + " /metrics, /health and /ready over HTTP, until stopped (Ctrl-C or SIGTERM).",
        "Settings, later layers winning: the defaults in the jar (layoff-signals-streams.properties), --config FILE,"
            + " environment variables (KAFKA_*, SCHEMA_REGISTRY_*, APPLICATION_SERVER, STATE_DIR, HTTP_HOST, HTTP_PORT, ...),"
            + " -p KEY=VALUE, then the flags below. See docs/configuration.md.",
        "Before it starts consuming, it waits for the schema registry, at most schema.registry.startup.timeout.ms"
            + " (default 60000).",
        "Exit codes: 0 stopped; 1 Kafka Streams failed, or the schema registry did not answer in time;"
            + " 2 bad settings or topics that do not fit."
    })
public final class StreamsCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsCommand.class);

  @Spec
  CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings (any Kafka Streams, client or registry setting, and ours).")
  Path configFile;

  @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE", description = "One setting; repeatable; wins over the file and the environment.")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka brokers (bootstrap.servers).")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema registry (schema.registry.url).")
  String schemaRegistryUrl;

  @Option(names = "--http-host", paramLabel = "HOST", description = "Address the HTTP server binds to (http.host; default 127.0.0.1).")
  String httpHost;

  @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the HTTP server (http.port; default 8080).")
  Integer httpPort;

  @Option(names = "--application-server", paramLabel = "HOST:PORT",
      description = "How other instances reach this one's HTTP server (application.server; default the HTTP host and port).")
  String applicationServer;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state directory (state.dir).")
  Path stateDir;

  /** The environment; tests replace it. */
  Map<String, String> environment = System.getenv();

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Settings effective;
    Map<String, String> user;
    try {
      effective = settings();
      user = userSettings().asMap();
      SchemaRegistryWait.timeout(effective.asMap());
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    LOG.info("Effective configuration (secrets masked):\n{}", effective.describe());

    try (ShutdownSignal signal = ShutdownSignal.install("streams-shutdown")) {
      try {
        if (!SchemaRegistryWait.await(effective.asMap(), signal::await)) {
          return 0; // stopped while waiting for the registry
        }
      } catch (SchemaRegistryWait.RegistryUnavailable e) {
        LOG.error(e.getMessage());
        err.println("error: " + e.getMessage());
        return 1;
      }
      return run(user, signal, err);
    }
  }

  /** Runs the instance until the signal, or until Kafka Streams stops by itself. */
  private static int run(Map<String, String> user, ShutdownSignal signal, PrintWriter err) throws Exception {
    try (RunningInstance instance = RunningInstance.start(user)) {
      LOG.info("Serving {} (application.server {})", instance.server().url(), instance.app().config().get("application.server"));
      CountDownLatch wake = new CountDownLatch(1); // a signal, or Kafka Streams stopping by itself
      signal.onSignal(wake::countDown);
      CompletableFuture<KafkaStreams.State> stopped = instance.app().stopped();
      stopped.whenComplete((state, failure) -> wake.countDown());
      wake.await();
      if (!signal.received()) {
        err.println("Kafka Streams stopped (" + stopped.join() + "); see the log above.");
        return 1;
      }
      return 0;
    } catch (InputTopicsException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  /** The effective settings: the shipped defaults under the user's layers; what the log shows. */
  Settings settings() {
    return userLayers(Settings.defaults(StreamsConfigs.DEFAULTS_RESOURCE));
  }

  /**
   * What the user set: file, environment, -p and flags, without the shipped defaults, which
   * {@code LayoffSignalsApp} applies itself under these. Passing the defaults as if set would make
   * the default {@code input.partitions} a statement of the user's, and the app refuse topics
   * created with another partition count instead of reading the count from the broker.
   */
  Settings userSettings() {
    return userLayers(Settings.empty());
  }

  private Settings userLayers(Settings.Builder base) {
    return base
        .withOptionalFile(Optional.ofNullable(configFile))
        .withEnvironment(environment)
        .withAll(properties)
        .with("bootstrap.servers", bootstrapServers)
        .with("schema.registry.url", schemaRegistryUrl)
        .with(RunningInstance.HTTP_HOST, httpHost)
        .with(RunningInstance.HTTP_PORT, httpPort)
        .with("application.server", applicationServer)
        .with("state.dir", stateDir)
        .build();
  }
}
