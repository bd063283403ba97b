package dev.layoffsignals.serde;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Chooses the registry client a serde's configuration asks for, as Confluent's serdes do. */
public final class SchemaRegistryClientFactory {

  private SchemaRegistryClientFactory() {
  }

  /**
   * {@code mock://<scope>}: the scope's shared in-memory registry ({@link MockSchemaRegistry});
   * anything else: an {@link HttpSchemaRegistryClient} over the comma-separated URLs.
   *
   * @throws ConfigException when {@code schema.registry.url} is missing or mixes mock and HTTP URLs
   */
  public static SchemaRegistryClient create(Map<String, ?> configs) {
    String urls = AvroSerdeConfig.requiredString(configs, AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    if (urls.startsWith(AvroSerdeConfig.MOCK_URL_PREFIX)) {
      if (urls.contains(",")) {
        throw new ConfigException(AvroSerdeConfig.SCHEMA_REGISTRY_URL, urls,
            "a mock:// URL cannot be combined with other URLs");
      }
      return MockSchemaRegistry.clientForScope(urls.substring(AvroSerdeConfig.MOCK_URL_PREFIX.length()));
    }
    return HttpSchemaRegistryClient.fromConfig(configs);
  }

  /**
   * Makes the HTTP client {@code configs} ask for once, and closes it, so that a setting it cannot
   * use (a TLS store that is not there, a wrong password, an unknown credentials source) stops a
   * command before it starts rather than at its first record. Calls no registry; a {@code mock://}
   * configuration is not checked.
   *
   * @throws ConfigException naming the setting
   */
  public static void check(Map<String, ?> configs) {
    String urls = AvroSerdeConfig.requiredString(configs, AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    if (!urls.startsWith(AvroSerdeConfig.MOCK_URL_PREFIX)) {
      HttpSchemaRegistryClient.fromConfig(configs).close();
    }
  }
}
