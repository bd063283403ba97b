package dev.layoffsignals.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The TLS context of the registry client, from Confluent's {@code schema.registry.ssl.*} settings
 * ({@link AvroSerdeConfig#SSL_TRUSTSTORE_LOCATION} and the rest): a trust store for a registry
 * whose certificate the JVM does not trust by default, and a key store for one that asks the
 * client for a certificate. The registry's host name is always checked against its certificate.
 */
final class RegistryTls {

  private static final String DEFAULT_STORE_TYPE = "JKS";

  private RegistryTls() {
  }

  /**
   * The context those settings ask for; empty when none is set (the JVM's defaults).
   *
   * @throws ConfigException naming the setting when a store cannot be read: missing file, wrong
   *     password, unknown type
   */
  static Optional<SSLContext> fromConfig(Map<String, ?> configs) {
    String truststore = AvroSerdeConfig.string(configs, AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, "");
    String keystore = AvroSerdeConfig.string(configs, AvroSerdeConfig.SSL_KEYSTORE_LOCATION, "");
    if (truststore.isEmpty() && keystore.isEmpty()) {
      return Optional.empty();
    }
    TrustManager[] trust = null; // the JVM's default trust
    if (!truststore.isEmpty()) {
      KeyStore store = load(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, truststore,
          AvroSerdeConfig.string(configs, AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, DEFAULT_STORE_TYPE),
          password(configs, AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD));
      trust = trustManagers(store);
    }
    KeyManager[] keys = null; // no client certificate
    if (!keystore.isEmpty()) {
      char[] storePassword = password(configs, AvroSerdeConfig.SSL_KEYSTORE_PASSWORD);
      KeyStore store = load(AvroSerdeConfig.SSL_KEYSTORE_LOCATION, keystore,
          AvroSerdeConfig.string(configs, AvroSerdeConfig.SSL_KEYSTORE_TYPE, DEFAULT_STORE_TYPE), storePassword);
      char[] keyPassword = configs.get(AvroSerdeConfig.SSL_KEY_PASSWORD) == null
          ? storePassword : password(configs, AvroSerdeConfig.SSL_KEY_PASSWORD);
      keys = keyManagers(store, keyPassword);
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return Optional.of(context);
    } catch (GeneralSecurityException e) {
      throw new ConfigException("Cannot make the registry client's TLS context: " + e.getMessage());
    }
  }

  private static char[] password(Map<String, ?> configs, String key) {
    Object value = configs.get(key);
    if (value == null) {
      return null;
    }
    // Kafka's Password type prints as [hidden]; its value() is the text
    String text = value instanceof Password p ? p.value() : value.toString();
    return text.toCharArray();
  }

  private static KeyStore load(String key, String location, String type, char[] password) {
    KeyStore store;
    try {
      store = KeyStore.getInstance(type.trim());
    } catch (GeneralSecurityException e) {
      throw new ConfigException(key.replace("location", "type"), type, "unknown key store type: " + e.getMessage());
    }
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      store.load(in, password);
      return store;
    } catch (NoSuchFileException e) {
      throw new ConfigException(key, location, "no such file");
    } catch (IOException | GeneralSecurityException e) {
      // a wrong password shows as an IOException whose cause is an UnrecoverableKeyException
      throw new ConfigException(key, location, "cannot read it as a " + type.trim() + " store: " + e.getMessage()
          + " (a wrong password, or another store type?)");
    }
  }

  private static TrustManager[] trustManagers(KeyStore store) {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new ConfigException(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION + ": " + e.getMessage());
    }
  }

  private static KeyManager[] keyManagers(KeyStore store, char[] keyPassword) {
    try {
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, keyPassword);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw new ConfigException(AvroSerdeConfig.SSL_KEY_PASSWORD, "[hidden]",
          "cannot read the key in " + AvroSerdeConfig.SSL_KEYSTORE_LOCATION + ": " + e.getMessage());
    }
  }
}
