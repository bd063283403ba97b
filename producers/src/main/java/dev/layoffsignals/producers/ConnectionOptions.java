package dev.layoffsignals.producers;

import dev.layoffsignals.config.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where to publish: the options every producing command shares. Settings are layered (see
 * {@link Settings}): the defaults resource {@value #DEFAULTS}, then {@code --config FILE}, then
 * the environment, then {@code -p KEY=VALUE}, then the two flags.
 */
public final class ConnectionOptions {

  public static final String DEFAULTS = "producers-defaults.properties";

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "Kafka brokers (setting bootstrap.servers; default 127.0.0.1:9092).")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      description = "Schema registry, or mock://SCOPE for an in-memory one (setting schema.registry.url; default http://127.0.0.1:8081).")
  String schemaRegistryUrl;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file of settings (any Kafka producer or registry setting).")
  Path configFile;

  @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE",
      description = "One setting, e.g. -p compression.type=zstd; repeatable; wins over the file and the environment.")
  Map<String, String> properties = new LinkedHashMap<>();

  /** The layered settings of this run. */
  public Settings settings(Map<String, String> environment) {
    return Settings.defaults(DEFAULTS)
        .withOptionalFile(java.util.Optional.ofNullable(configFile))
        .withEnvironment(environment)
        .withAll(properties)
        .with("bootstrap.servers", bootstrapServers)
        .with("schema.registry.url", schemaRegistryUrl)
        .build();
  }
}
