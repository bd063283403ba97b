package dev.layoffsignals.serde;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The configuration keys of our serdes and registry clients, named as Confluent's so that a
 * {@code streams.properties} written for Confluent's {@code KafkaAvroSerializer} works unchanged.
 *
 * <p>One deliberate difference: {@link #AVRO_REMOVE_JAVA_PROPERTIES} defaults to {@code true}
 * (Confluent: {@code false}). Our classes are generated with {@code stringType=String}, which stamps
 * {@code "avro.java.string":"String"} on every string type. That hint only tells the Java code
 * generator which class to use; leaving it in would make the registered schemas differ from the
 * published {@code .avsc} files (and from what non-Java producers register), so the same schema
 * would get two ids. Removing it makes the registered schema equal the published file.
 */
public final class AvroSerdeConfig {

  /** Comma-separated registry URLs, or {@code mock://<scope>} for an in-memory registry. Required. */
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  /** Register the record's schema on first use (default {@code true}). */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  /**
   * When auto-registration is off, tag records with the id of the subject's latest version
   * (default {@code false}). Narrower than Confluent: the latest version must be the record's own
   * schema, since a specific record can only be written faithfully with the schema it was generated from.
   */
  public static final String USE_LATEST_VERSION = "use.latest.version";

  /**
   * Where basic-auth credentials come from: {@code URL} (default, as Confluent: the user info of
   * {@code http://user:password@host:port}, none if the URL has none) or {@code USER_INFO}.
   */
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";

  /** {@code user:password} used when {@link #BASIC_AUTH_CREDENTIALS_SOURCE} is {@code USER_INFO}. */
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

  /** Strip {@code avro.java.string} hints before registering (default {@code true}, see class doc). */
  public static final String AVRO_REMOVE_JAVA_PROPERTIES = "avro.remove.java.properties";

  /** Retries of a registry call after a connection error or a 5xx answer (default 4). */
  public static final String MAX_RETRIES = "max.retries";

  /** Back-off before the first retry, doubled on each further retry (default 100 ms). */
  public static final String RETRIES_WAIT_MS = "retries.wait.ms";

  /** Upper bound of one back-off (default 1000 ms); with the defaults all retries fit in 2 s. */
  public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

  /** Connect timeout of one HTTP attempt (default 2000 ms). */
  public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";

  /** Timeout of one HTTP request once connected (default 10000 ms). */
  public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";

  /**
   * Trust store of an {@code https} registry's certificate (or its CA), when the JVM's default
   * trust does not hold it. Unset: the JVM's default trust.
   */
  public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";

  /** Password of {@link #SSL_TRUSTSTORE_LOCATION}; unset: the store is read without one. */
  public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";

  /** Type of {@link #SSL_TRUSTSTORE_LOCATION}: {@code JKS} (default, reads PKCS12 too) or {@code PKCS12}. */
  public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";

  /** Key store holding this client's key and certificate, for a registry that asks for one (mutual TLS). */
  public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";

  /** Password of {@link #SSL_KEYSTORE_LOCATION}. */
  public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";

  /** Type of {@link #SSL_KEYSTORE_LOCATION}: {@code JKS} (default, reads PKCS12 too) or {@code PKCS12}. */
  public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";

  /** Password of the key in {@link #SSL_KEYSTORE_LOCATION}; unset: the key store's password. */
  public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";

  /** Prefix of the URLs that select an in-memory registry shared by scope. */
  public static final String MOCK_URL_PREFIX = "mock://";

  private AvroSerdeConfig() {
  }

  static String requiredString(Map<String, ?> configs, String key) {
    Object value = configs.get(key);
    if (value == null || value.toString().isBlank()) {
      throw new ConfigException(key, value, "missing required configuration");
    }
    return value.toString().trim();
  }

  static String string(Map<String, ?> configs, String key, String defaultValue) {
    Object value = configs.get(key);
    return value == null ? defaultValue : value.toString().trim();
  }

  static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
    Object value = configs.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException(key, value, "expected true or false");
  }

  static long longValue(Map<String, ?> configs, String key, long defaultValue) {
    Object value = configs.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "expected a whole number");
    }
  }
}
