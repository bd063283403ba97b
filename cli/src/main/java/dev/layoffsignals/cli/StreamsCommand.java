package dev.layoffsignals.cli;

import dev.layoffsignals.config.ConfigException;
import dev.layoffsignals.config.Settings;
import dev.layoffsignals.streams.StreamsConfigs;
import dev.layoffsignals.streams.app.InputTopicsException;
import dev.layoffsignals.streams.errors.RegistryOutage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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
            + " (default 60000). If Kafka Streams stops because the registry is unreachable (a schema id it has not"
            + " cached yet), it waits for the registry the same way and starts again.",
        "Exit codes: 0 stopped; 1 Kafka Streams failed, or the schema registry did not answer in time;"
            + " 2 bad settings or topics that do not fit."
    })
public final class StreamsCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsCommand.class);
  /** Restarts after a registry outage pause 1, 2, 4... s, up to this, unless the instance ran for {@link #RESTART_BACKOFF_RESET}. */
  private static final Duration MAX_RESTART_PAUSE = Duration.ofSeconds(30);
  private static final Duration RESTART_BACKOFF_RESET = Duration.ofMinutes(5);

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
      SchemaRegistryWait.checkClientSettings(effective.asMap());
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
      return run(user, effective.asMap(), signal, err);
    }
  }

  /**
   * Runs the instance until the signal, or until Kafka Streams stops by itself. A stop caused by the
   * schema registry (noted by the exception handlers, or the registry not answering right after the
   * stop) is not the end: the instance is closed, the registry waited for as at start (bounded by
   * {@value SchemaRegistryWait#TIMEOUT_SETTING}), and a new instance started on the same state; under
   * exactly-once the failed transaction was aborted, so it reads again what that one had read.
   */
  private static int run(Map<String, String> user, Map<String, String> effective, ShutdownSignal signal, PrintWriter err)
      throws Exception {
    RegistryOutage outages = new RegistryOutage();
    int consecutive = 0; // restarts after instances that ran less than RESTART_BACKOFF_RESET
    for (int restarts = 1; ; restarts++) {
      KafkaStreams.State stoppedAs;
      long startedAt = System.nanoTime();
      try (RunningInstance instance = RunningInstance.start(user, outages)) {
        LOG.info("Serving {} (application.server {})", instance.server().url(), instance.app().config().get("application.server"));
        CountDownLatch wake = new CountDownLatch(1); // a signal, or Kafka Streams stopping by itself
        signal.onSignal(wake::countDown);
        CompletableFuture<KafkaStreams.State> stopped = instance.app().stopped();
        stopped.whenComplete((state, failure) -> wake.countDown());
        wake.await();
        if (signal.received()) {
          return 0;
        }
        stoppedAs = stopped.join();
      } catch (InputTopicsException e) {
        err.println(e.getMessage());
        return 2;
      }
      Optional<String> outage = outages.last().or(() -> SchemaRegistryWait.unreachable(effective));
      if (outage.isEmpty()) {
        err.println("Kafka Streams stopped (" + stoppedAs + "); see the log above.");
        return 1;
      }
      outages.clear();
      // a registry that answers GET /subjects but still fails the stream threads must not make this a busy loop
      consecutive = System.nanoTime() - startedAt > RESTART_BACKOFF_RESET.toNanos() ? 1 : consecutive + 1;
      Duration pause = Duration.ofSeconds(1L << Math.min(consecutive - 1, 5));
      pause = pause.compareTo(MAX_RESTART_PAUSE) > 0 ? MAX_RESTART_PAUSE : pause;
      LOG.error("Kafka Streams stopped ({}) because the schema registry gave no usable answer: {}. Under exactly-once the"
          + " failed transaction was aborted: what it had read is read again. Waiting for the registry, then starting again in {} s (restart {}).",
          stoppedAs, outage.get(), pause.toSeconds(), restarts);
      if (signal.await(pause)) {
        return 0;
      }
      try {
        if (!SchemaRegistryWait.await(effective, signal::await,
            "Nothing read since the last commit was committed as consumed; it is read again on the next start.")) {
          return 0;
        }
      } catch (SchemaRegistryWait.RegistryUnavailable e) {
        LOG.error(e.getMessage());
        err.println("error: " + e.getMessage());
        return 1;
      }
      LOG.info("Schema registry answers again: starting Kafka Streams again");
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
