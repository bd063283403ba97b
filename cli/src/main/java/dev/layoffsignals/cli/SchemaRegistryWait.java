package dev.layoffsignals.cli;

import dev.layoffsignals.config.ConfigException;
import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.serde.HttpSchemaRegistryClient;
import dev.layoffsignals.serde.SchemaRegistryClientFactory;
import dev.layoffsignals.serde.SchemaRegistryException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before an instance starts consuming: waits, bounded, until the schema registry answers.
 *
 * <p>An instance that starts with an empty schema cache while the registry is down cannot read a
 * single input record, and Kafka Streams hands every one of them to the deserialization handler,
 * which sends bad records to {@code dead-letters}: a registry outage would turn good input into
 * dead letters, committed as consumed. So the {@code streams} command asks the registry first
 * ({@code GET /subjects}, with the serde's own client, retries and credentials), logs each failed
 * attempt with the URL, and gives up after {@value #TIMEOUT_SETTING} with an error that names the
 * URL. A registry that answers with a 4xx (bad credentials, say) is not waited for: that does not
 * go away by itself.
 */
final class SchemaRegistryWait {

  /** How long {@code streams} waits for the registry at start (milliseconds). */
  static final String TIMEOUT_SETTING = "schema.registry.startup.timeout.ms";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryWait.class);

  /** How to pause between attempts; returns true when the wait should end (a shutdown signal came). */
  @FunctionalInterface
  interface Pause {
    boolean pause(Duration duration) throws InterruptedException;
  }

  /** Why the instance does not start: the registry did not answer in time, or refused. */
  static final class RegistryUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    RegistryUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private SchemaRegistryWait() {
  }

  /**
   * Returns once the registry of {@code settings} answers (at once for a {@code mock://} registry),
   * or false if {@code pause} reported a shutdown signal first.
   *
   * @throws RegistryUnavailable after the timeout, or on a 4xx answer
   */
  static boolean await(Map<String, String> settings, Pause pause) throws RegistryUnavailable, InterruptedException {
    return await(settings, pause, "Nothing was consumed.");
  }

  /**
   * As {@link #await(Map, Pause)}; {@code consumed} ends the error after the timeout: what became of
   * the input (at start nothing was consumed; after a failure mid-run, what the aborted transaction
   * had read was not committed).
   */
  static boolean await(Map<String, String> settings, Pause pause, String consumed)
      throws RegistryUnavailable, InterruptedException {
    String urls = settings.getOrDefault(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "");
    if (urls.isBlank() || urls.trim().startsWith(AvroSerdeConfig.MOCK_URL_PREFIX)) {
      return true;
    }
    Duration timeout = timeout(settings);
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration wait = Duration.ofMillis(500);
    try (HttpSchemaRegistryClient client = HttpSchemaRegistryClient.fromConfig(settings)) {
      for (int attempt = 1; ; attempt++) {
        try {
          int subjects = client.getAllSubjects().size();
          if (attempt > 1) {
            LOG.info("Schema registry at {} answers ({} subjects) after {} attempts", client.urls(), subjects, attempt);
          }
          return true;
        } catch (SchemaRegistryException e) {
          if (e.httpStatus() != SchemaRegistryException.NO_RESPONSE && e.httpStatus() < 500) {
            throw new RegistryUnavailable("The schema registry at " + client.urls() + " refused GET /subjects: "
                + e.getMessage() + "; check schema.registry.url and the registry credentials", e);
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new RegistryUnavailable("Schema registry unreachable at " + client.urls() + " for " + timeout.toSeconds()
                + " s (" + TIMEOUT_SETTING + "): " + e.registryMessage()
                + "; start it or fix schema.registry.url. " + consumed, e);
          }
          Duration pauseFor = Duration.ofNanos(Math.min(wait.toNanos(), left));
          LOG.warn("Schema registry at {} not reachable yet ({}); attempt {}, next in {} ms, giving up in {} s."
              + " Kafka Streams starts once it answers.", client.urls(), e.registryMessage(), attempt, pauseFor.toMillis(),
              Duration.ofNanos(left).toSeconds());
          if (pause.pause(pauseFor)) {
            return false;
          }
          wait = wait.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : wait.multipliedBy(2);
        }
      }
    }
  }

  /**
   * One call to the registry ({@code GET /subjects}, with the client's retries): empty when it
   * answers, else what went wrong. Always empty for a {@code mock://} registry.
   */
  static Optional<String> unreachable(Map<String, String> settings) {
    String urls = settings.getOrDefault(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "");
    if (urls.isBlank() || urls.trim().startsWith(AvroSerdeConfig.MOCK_URL_PREFIX)) {
      return Optional.empty();
    }
    try (HttpSchemaRegistryClient client = HttpSchemaRegistryClient.fromConfig(settings)) {
      client.getAllSubjects();
      return Optional.empty();
    } catch (SchemaRegistryException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Makes the registry client of {@code settings} once, so that a setting it cannot use (a TLS
   * store that is not there, a wrong password, a bad credentials source) stops the command at start.
   *
   * @throws ConfigException naming the setting
   */
  static void checkClientSettings(Map<String, String> settings) {
    try {
      SchemaRegistryClientFactory.check(settings);
    } catch (org.apache.kafka.common.config.ConfigException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  static Duration timeout(Map<String, String> settings) {
    String value = settings.get(TIMEOUT_SETTING);
    if (value == null || value.isBlank()) {
      return DEFAULT_TIMEOUT;
    }
    try {
      long millis = Long.parseLong(value.trim());
      if (millis < 0) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(millis);
    } catch (NumberFormatException e) {
      throw new ConfigException(TIMEOUT_SETTING + " must be a number of milliseconds (0 or more), not '" + value + "'");
    }
  }
}
