package dev.layoffsignals.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @TempDir
  Path dir;

  @Test
  void laterLayersOverrideEarlierOnes() throws IOException {
    Path file = Files.writeString(dir.resolve("app.properties"),
        "bootstrap.servers=broker-from-file:9092\nnum.stream.threads=2\n");

    Settings settings = Settings.defaults("test-defaults.properties")
        .withFile(file)
        .withEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker-from-env:9092", "PATH", "/usr/bin"))
        .with("num.stream.threads", 4)
        .build();

    assertThat(settings.asMap()).containsOnly(
        entry("bootstrap.servers", "broker-from-env:9092"),
        entry("schema.registry.url", "http://127.0.0.1:8081"),
        entry("grace.period", "P2D"),
        entry("num.stream.threads", "4"));
  }

  @Test
  void environmentVariablesMapToClientSettings() {
    Map<String, String> env = Map.of(
        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "KAFKA_SASL_MECHANISM", "PLAIN",
        "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
        "KAFKA_HEAP_OPTS", "-Xmx1g",
        "SCHEMA_REGISTRY_URL", "https://registry:8081",
        "SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO",
        "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "user:pw",
        "APPLICATION_SERVER", "streams-app:8080",
        "STATE_DIR", "/var/lib/layoff-signals",
        "HOME", "/root");

    assertThat(EnvironmentMapping.settingsFrom(env)).containsOnly(
        entry("security.protocol", "SASL_SSL"),
        entry("sasl.mechanism", "PLAIN"),
        entry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;"),
        entry("schema.registry.url", "https://registry:8081"),
        entry("basic.auth.credentials.source", "USER_INFO"),
        entry("basic.auth.user.info", "user:pw"),
        entry("application.server", "streams-app:8080"),
        entry("state.dir", "/var/lib/layoff-signals"));
  }

  @Test
  void registryTlsVariablesMapToTheRegistryClientsSettingsAndItsPasswordsAreMasked() {
    Map<String, String> env = Map.of(
        "SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION", "/etc/layoff-signals/registry-trust.p12",
        "SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD", "trust-secret",
        "SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION", "/etc/layoff-signals/client.p12",
        "SCHEMA_REGISTRY_SSL_KEYSTORE_PASSWORD", "key-store-secret",
        "SCHEMA_REGISTRY_SSL_KEY_PASSWORD", "key-secret");

    Map<String, String> mapped = EnvironmentMapping.settingsFrom(env);
    assertThat(mapped).containsOnly(
        entry("schema.registry.ssl.truststore.location", "/etc/layoff-signals/registry-trust.p12"),
        entry("schema.registry.ssl.truststore.password", "trust-secret"),
        entry("schema.registry.ssl.keystore.location", "/etc/layoff-signals/client.p12"),
        entry("schema.registry.ssl.keystore.password", "key-store-secret"),
        entry("schema.registry.ssl.key.password", "key-secret"));
    Settings.Builder builder = Settings.empty();
    mapped.forEach(builder::with);
    Settings settings = builder.build();
    assertThat(settings.masked()).containsEntry("schema.registry.ssl.truststore.location", "/etc/layoff-signals/registry-trust.p12")
        .containsEntry("schema.registry.ssl.truststore.password", "[hidden]")
        .containsEntry("schema.registry.ssl.keystore.password", "[hidden]")
        .containsEntry("schema.registry.ssl.key.password", "[hidden]");
    assertThat(settings.describe()).doesNotContain("trust-secret", "key-store-secret", "key-secret");
  }

  @Test
  void secretsAreMaskedInEverythingMeantForLogs() {
    Settings settings = Settings.empty()
        .with("sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"p\";")
        .with("ssl.keystore.password", "changeit")
        .with("ssl.key.password", "changeit")
        .with("basic.auth.user.info", "user:pw")
        .with("bootstrap.servers", "b:9092")
        .build();

    assertThat(settings.masked()).containsOnly(
        entry("sasl.jaas.config", "[hidden]"),
        entry("ssl.keystore.password", "[hidden]"),
        entry("ssl.key.password", "[hidden]"),
        entry("basic.auth.user.info", "[hidden]"),
        entry("bootstrap.servers", "b:9092"));
    assertThat(settings.describe()).doesNotContain("changeit", "user:pw", "password=\"p\"");
    assertThat(settings.toString()).doesNotContain("changeit", "user:pw");
  }

  @Test
  void privateKeysPassphrasesAndUrlCredentialsAreMaskedToo() {
    Settings settings = Settings.empty()
        .with("ssl.keystore.key", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE6T...")
        .with("producer.ssl.keystore.key", "-----BEGIN PRIVATE KEY-----\nMIIB...")
        .with("sasl.oauthbearer.assertion.private.key.passphrase", "pass-phrase")
        .with("sasl.oauthbearer.client.credentials.client.secret", "oauth-secret")
        .with("schema.registry.url", "https://registry-user:url-password@registry-a:8081,http://u2:p2@registry-b:8081")
        .with("ssl.keystore.location", "/etc/kafka/keystore.p12")
        .with("ssl.keystore.certificate.chain", "-----BEGIN CERTIFICATE-----")
        .build();

    assertThat(settings.masked()).containsOnly(
        entry("ssl.keystore.key", "[hidden]"),
        entry("producer.ssl.keystore.key", "[hidden]"),
        entry("sasl.oauthbearer.assertion.private.key.passphrase", "[hidden]"),
        entry("sasl.oauthbearer.client.credentials.client.secret", "[hidden]"),
        entry("schema.registry.url", "https://[hidden]@registry-a:8081,http://[hidden]@registry-b:8081"),
        entry("ssl.keystore.location", "/etc/kafka/keystore.p12"),
        entry("ssl.keystore.certificate.chain", "-----BEGIN CERTIFICATE-----"));
    assertThat(settings.describe()).doesNotContain("PRIVATE KEY", "pass-phrase", "oauth-secret", "url-password", "p2@");
  }

  @Test
  void typedGettersExplainBadValues() {
    Settings settings = Settings.empty().with("num.stream.threads", "two").with("flag", "maybe").build();

    assertThatThrownBy(() -> settings.getInt("num.stream.threads", 1))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Setting 'num.stream.threads' must be a number, not 'two'");
    assertThatThrownBy(() -> settings.getBoolean("flag", false))
        .hasMessage("Setting 'flag' must be true or false, not 'maybe'");
    assertThat(settings.getInt("absent", 7)).isEqualTo(7);
    assertThatThrownBy(() -> settings.require("bootstrap.servers"))
        .hasMessageStartingWith("Missing setting 'bootstrap.servers'");
  }

  @Test
  void aMissingConfigFileIsAClearError() {
    Path missing = dir.resolve("nope.properties");

    assertThatThrownBy(() -> Settings.empty().withFile(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Config file " + missing + " does not exist or is not a file");
  }

  @Test
  void prefixedSettingsAreStripped() {
    Settings settings = Settings.empty().with("producer.linger.ms", "5").with("producer.acks", "all").with("x", "y").build();

    assertThat(settings.withPrefix("producer.")).containsOnly(entry("linger.ms", "5"), entry("acks", "all"));
  }

  @Test
  void onlyKeepsTheNamedKeys() {
    Settings settings = Settings.empty().with("security.protocol", "SASL_SSL").with("application.id", "app")
        .with("linger.ms", "5").build();

    assertThat(settings.only(java.util.Set.of("security.protocol", "linger.ms", "acks")))
        .containsOnly(entry("security.protocol", "SASL_SSL"), entry("linger.ms", "5"));
  }
}
