package dev.layoffsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.serde.StubRegistryServer.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client over TLS, against an {@code https} stub registry whose certificate no JVM
 * trusts by default: the {@code schema.registry.ssl.*} settings decide whether it connects, and a
 * store that cannot be read fails at configuration, naming its setting. Certificates are made with
 * the JDK's {@code keytool} for each run.
 */
class RegistryTlsTest {

  private static final Schema SCHEMA = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"T\",\"fields\":[]}");
  private static final String SERVER_PASSWORD = "server-secret";
  private static final String CLIENT_PASSWORD = "client-secret";
  private static final String TRUST_PASSWORD = "trust-secret";

  @TempDir
  static Path dir;

  private static Path serverStore;
  private static Path clientStore;
  private static Path clientTrust;
  private static Path serverTrust;

  @BeforeAll
  static void certificates() throws Exception {
    serverStore = dir.resolve("registry.p12");
    clientStore = dir.resolve("client.p12");
    clientTrust = dir.resolve("client-trust.p12");
    serverTrust = dir.resolve("registry-trust.p12");
    keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=registry", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore", serverStore.toString(), "-storetype", "PKCS12", "-storepass", SERVER_PASSWORD);
    keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=layoff-signals-client", "-keystore", clientStore.toString(), "-storetype", "PKCS12",
        "-storepass", CLIENT_PASSWORD);
    Path registryCert = dir.resolve("registry.crt");
    Path clientCert = dir.resolve("client.crt");
    keytool("-exportcert", "-alias", "registry", "-keystore", serverStore.toString(), "-storepass", SERVER_PASSWORD,
        "-rfc", "-file", registryCert.toString());
    keytool("-exportcert", "-alias", "client", "-keystore", clientStore.toString(), "-storepass", CLIENT_PASSWORD,
        "-rfc", "-file", clientCert.toString());
    keytool("-importcert", "-noprompt", "-alias", "registry", "-file", registryCert.toString(),
        "-keystore", clientTrust.toString(), "-storetype", "PKCS12", "-storepass", TRUST_PASSWORD);
    keytool("-importcert", "-noprompt", "-alias", "client", "-file", clientCert.toString(),
        "-keystore", serverTrust.toString(), "-storetype", "PKCS12", "-storepass", TRUST_PASSWORD);
  }

  @Test
  @DisplayName("with the registry's certificate in schema.registry.ssl.truststore.location, an https registry answers")
  void trustStore() {
    try (StubRegistryServer server = StubRegistryServer.startTls(serverContext(false), false,
        request -> new Response(200, "{\"id\":7}"));
        HttpSchemaRegistryClient client = HttpSchemaRegistryClient.fromConfig(trusting(server.url()))) {
      assertThat(client.register("t-value", SCHEMA)).isEqualTo(7);
      assertThat(server.requests()).extracting(StubRegistryServer.Request::path).containsExactly("/subjects/t-value/versions");
      assertThat(server.clientCertificates()).as("asked for no client certificate, sent none").isEmpty();
    }
  }

  @Test
  @DisplayName("without it, the call fails with the TLS error and names the setting that would fix it")
  void untrusted() {
    try (StubRegistryServer server = StubRegistryServer.startTls(serverContext(false), false,
        request -> new Response(200, "{\"id\":7}"));
        HttpSchemaRegistryClient client = HttpSchemaRegistryClient.fromConfig(Map.of(
            AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url(), AvroSerdeConfig.MAX_RETRIES, "0"))) {
      assertThatThrownBy(() -> client.register("t-value", SCHEMA))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining("Schema registry unreachable at " + server.url())
          .hasMessageContaining("SSLHandshakeException")
          .hasMessageContaining("set " + AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION);
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  @DisplayName("a registry that asks for a client certificate gets the one in schema.registry.ssl.keystore.location")
  void clientCertificate() {
    try (StubRegistryServer server = StubRegistryServer.startTls(serverContext(true), true,
        request -> new Response(200, "{\"id\":8}"))) {
      Map<String, Object> config = trusting(server.url());
      config.put(AvroSerdeConfig.SSL_KEYSTORE_LOCATION, clientStore.toString());
      config.put(AvroSerdeConfig.SSL_KEYSTORE_TYPE, "PKCS12");
      config.put(AvroSerdeConfig.SSL_KEYSTORE_PASSWORD, CLIENT_PASSWORD);
      try (HttpSchemaRegistryClient client = HttpSchemaRegistryClient.fromConfig(config)) {
        assertThat(client.register("t-value", SCHEMA)).isEqualTo(8);
      }
      assertThat(server.clientCertificates()).containsExactly("CN=layoff-signals-client");

      // the same registry refuses a client without one
      Map<String, Object> withoutKey = trusting(server.url());
      withoutKey.put(AvroSerdeConfig.MAX_RETRIES, "0");
      try (HttpSchemaRegistryClient client = HttpSchemaRegistryClient.fromConfig(withoutKey)) {
        assertThatThrownBy(() -> client.register("u-value", SCHEMA))
            .isInstanceOf(SchemaRegistryException.class)
            .hasMessageContaining("Schema registry unreachable at " + server.url());
      }
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  @DisplayName("a trust store that is not there, or a wrong password, fails at configuration, naming the setting, never the password")
  void unreadableStores() {
    Map<String, Object> missing = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "https://127.0.0.1:1",
        AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, dir.resolve("nowhere.p12").toString());
    assertThatThrownBy(() -> HttpSchemaRegistryClient.fromConfig(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION)
        .hasMessageContaining("nowhere.p12")
        .hasMessageContaining("no such file");

    Map<String, Object> wrongPassword = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "https://127.0.0.1:1",
        AvroSerdeConfig.SSL_KEYSTORE_LOCATION, clientStore.toString(), AvroSerdeConfig.SSL_KEYSTORE_TYPE, "PKCS12",
        AvroSerdeConfig.SSL_KEYSTORE_PASSWORD, "not-the-password");
    assertThatThrownBy(() -> HttpSchemaRegistryClient.fromConfig(wrongPassword))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(AvroSerdeConfig.SSL_KEYSTORE_LOCATION)
        .hasMessageContaining("wrong password")
        .hasMessageNotContaining("not-the-password");

    Map<String, Object> unknownType = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "https://127.0.0.1:1",
        AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, clientTrust.toString(), AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "NOPE");
    assertThatThrownBy(() -> HttpSchemaRegistryClient.fromConfig(unknownType))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(AvroSerdeConfig.SSL_TRUSTSTORE_TYPE)
        .hasMessageContaining("NOPE");
  }

  @Test
  @DisplayName("no schema.registry.ssl.* setting: the JVM's own TLS defaults")
  void noSettings() {
    assertThat(RegistryTls.fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "https://registry:8081"))).isEmpty();
  }

  /** The client's settings for {@code url}, trusting the stub registry's certificate (the JKS default type reads PKCS12). */
  private static Map<String, Object> trusting(String url) {
    Map<String, Object> config = new HashMap<>();
    config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);
    config.put(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, clientTrust.toString());
    config.put(AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, TRUST_PASSWORD);
    return config;
  }

  /** The stub registry's TLS: its key and certificate; trusting the client's certificate when it asks for one. */
  private static SSLContext serverContext(boolean trustClient) {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(load(serverStore, SERVER_PASSWORD), SERVER_PASSWORD.toCharArray());
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustClient ? load(serverTrust, TRUST_PASSWORD) : null);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore load(Path path, String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, password.toCharArray());
    }
    return store;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed:\n" + output);
    }
  }
}
