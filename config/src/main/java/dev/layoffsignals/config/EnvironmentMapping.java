package dev.layoffsignals.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which environment variables become which settings. Containers are configured through the
 * environment, so every setting must be reachable from it:
 * <ul>
 *   <li>named variables of our own ({@link #NAMED}), e.g. {@code APPLICATION_SERVER};</li>
 *   <li>{@code KAFKA_*}: any Kafka client setting, lower-cased with {@code _} read as {@code .}
 *       ({@code KAFKA_SECURITY_PROTOCOL} is {@code security.protocol},
 *       {@code KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}), the convention of the
 *       Apache and Confluent images;</li>
 *   <li>{@code SCHEMA_REGISTRY_*}: registry settings the same way
 *       ({@code SCHEMA_REGISTRY_URL} is {@code schema.registry.url};
 *       {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO} is {@code basic.auth.user.info}).</li>
 * </ul>
 */
public final class EnvironmentMapping {

  /** Our own variables and the settings they set. */
  public static final Map<String, String> NAMED = Map.of(
      "APPLICATION_ID", "application.id",
      "APPLICATION_SERVER", "application.server",
      "STATE_DIR", "state.dir",
      "HTTP_HOST", "http.host",
      "HTTP_PORT", "http.port",
      "BENCHMARK_SYMBOL", "benchmark.symbol",
      "GRACE_PERIOD", "grace.period",
      "PROCESSING_GUARANTEE", "processing.guarantee",
      "NUM_STREAM_THREADS", "num.stream.threads");

  static final String KAFKA_PREFIX = "KAFKA_";
  static final String REGISTRY_PREFIX = "SCHEMA_REGISTRY_";
  static final String REGISTRY_AUTH_PREFIX = "SCHEMA_REGISTRY_BASIC_AUTH_";

  private EnvironmentMapping() {
  }

  /** The settings the given environment carries; unrelated variables are ignored. */
  public static Map<String, String> settingsFrom(Map<String, String> environment) {
    Map<String, String> out = new TreeMap<>();
    environment.forEach((name, value) -> {
      String key = settingFor(name);
      if (key != null && value != null) {
        out.put(key, value);
      }
    });
    return out;
  }

  /** The setting an environment variable sets, or null when it sets none. */
  public static String settingFor(String variable) {
    if (NAMED.containsKey(variable)) {
      return NAMED.get(variable);
    }
    if (variable.startsWith(REGISTRY_AUTH_PREFIX)) {
      return dotted(variable.substring("SCHEMA_REGISTRY_".length()));
    }
    if (variable.startsWith(REGISTRY_PREFIX) && variable.length() > REGISTRY_PREFIX.length()) {
      return "schema.registry." + dotted(variable.substring(REGISTRY_PREFIX.length()));
    }
    if (variable.startsWith(KAFKA_PREFIX) && variable.length() > KAFKA_PREFIX.length()
        && !variable.startsWith("KAFKA_HEAP") && !variable.startsWith("KAFKA_OPTS")
        && !variable.startsWith("KAFKA_JVM") && !variable.startsWith("KAFKA_LOG4J")) {
      return dotted(variable.substring(KAFKA_PREFIX.length()));
    }
    return null;
  }

  private static String dotted(String s) {
    return s.toLowerCase(Locale.ROOT).replace('_', '.');
  }
}
