package dev.layoffsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layoffsignals.serde.StubRegistryServer.Request;
import dev.layoffsignals.serde.StubRegistryServer.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {

  private static final Schema TICK = SchemaBuilder.record("Tick").namespace("test").fields()
      .requiredString("symbol").endRecord();

  @Test
  void secondRegistrationOfTheSameSchemaMakesNoHttpCall() {
    try (StubRegistryServer server = StubRegistryServer.start(request -> new Response(200, "{\"id\":5}"))) {
      HttpSchemaRegistryClient client = client(server.url(), Map.of());

      int first = client.register("ticks-value", TICK);
      int second = client.register("ticks-value", TICK);
      Schema byId = client.getSchemaById(5);

      assertThat(first).isEqualTo(5);
      assertThat(second).isEqualTo(5);
      assertThat(byId).isEqualTo(TICK);
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void registrationPostsTheSchemaAsConfluentJson() throws IOException {
    try (StubRegistryServer server = StubRegistryServer.start(request -> new Response(200, "{\"id\":1}"))) {
      client(server.url(), Map.of()).register("ticks value/v2", TICK);

      Request request = server.requests().get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/subjects/ticks%20value%2Fv2/versions");
      assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
      assertThat(new ObjectMapper().readTree(request.body()))
          .isEqualTo(new ObjectMapper().createObjectNode().put("schema", TICK.toString()));
      assertThat(request.authorization()).isNull();
    }
  }

  @Test
  void schemaFetchedByIdIsCached() {
    ObjectNode answer = new ObjectMapper().createObjectNode().put("schema", TICK.toString());
    try (StubRegistryServer server = StubRegistryServer.start(request -> new Response(200, answer.toString()))) {
      HttpSchemaRegistryClient client = client(server.url(), Map.of());

      Schema first = client.getSchemaById(3);
      Schema second = client.getSchemaById(3);

      assertThat(first).isEqualTo(TICK);
      assertThat(second).isSameAs(first);
      assertThat(server.requests()).extracting(Request::path).containsExactly("/schemas/ids/3");
    }
  }

  @Test
  void clientErrorFailsAtOnceWithTheRegistrysErrorCode() {
    try (StubRegistryServer server = StubRegistryServer.start(request ->
        new Response(404, "{\"error_code\":40403,\"message\":\"Schema 9 not found\"}"))) {
      HttpSchemaRegistryClient client = client(server.url(), Map.of(AvroSerdeConfig.MAX_RETRIES, 3));

      assertThatThrownBy(() -> client.getSchemaById(9))
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.errorCode()).isEqualTo(40403);
            assertThat(e.registryMessage()).isEqualTo("Schema 9 not found");
            assertThat(e).hasMessage("Schema 9 not found (HTTP 404, error code 40403)");
          });
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void errorWithoutJsonBodyKeepsTheStatusAsCode() {
    try (StubRegistryServer server = StubRegistryServer.start(request -> new Response(403, "Forbidden"))) {
      HttpSchemaRegistryClient client = client(server.url(), Map.of());

      assertThatThrownBy(client::getAllSubjects)
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessage("Forbidden (HTTP 403, error code 403)");
    }
  }

  @Test
  void serverErrorsAreRetriedUntilTheRegistryAnswers() {
    AtomicInteger calls = new AtomicInteger();
    try (StubRegistryServer server = StubRegistryServer.start(request -> calls.incrementAndGet() <= 2
        ? new Response(503, "{\"error_code\":50003,\"message\":\"Registry is starting\"}")
        : new Response(200, "{\"id\":7}"))) {
      HttpSchemaRegistryClient client = client(server.url(), Map.of(AvroSerdeConfig.MAX_RETRIES, 3));

      int id = client.register("ticks-value", TICK);

      assertThat(id).isEqualTo(7);
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void serverErrorAfterTheLastRetryIsThrown() {
    try (StubRegistryServer server = StubRegistryServer.start(request ->
        new Response(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}"))) {
      HttpSchemaRegistryClient client = client(server.url(), Map.of(AvroSerdeConfig.MAX_RETRIES, 2));

      assertThatThrownBy(() -> client.register("ticks-value", TICK))
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(500);
            assertThat(e.errorCode()).isEqualTo(50001);
            assertThat(e.registryMessage()).isEqualTo("Error in the backend data store");
          });
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void connectionRefusedIsRetriedThenReported() throws IOException {
    String closed = "http://127.0.0.1:" + closedPort();
    HttpSchemaRegistryClient client = client(closed, Map.of(AvroSerdeConfig.MAX_RETRIES, 2));

    assertThatThrownBy(() -> client.getSchemaById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
          assertThat(e.registryMessage()).isEqualTo("Schema registry unreachable at " + closed
              + " (GET /schemas/ids/1): ConnectException after 3 attempts");
        });
  }

  @Test
  void nextUrlIsTriedWhenTheFirstIsDown() throws IOException {
    try (StubRegistryServer server = StubRegistryServer.start(request -> new Response(200, "{\"id\":4}"))) {
      String urls = "http://127.0.0.1:" + closedPort() + "," + server.url();
      HttpSchemaRegistryClient client = client(urls, Map.of(AvroSerdeConfig.MAX_RETRIES, 1));

      assertThat(client.register("ticks-value", TICK)).isEqualTo(4);
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void userInfoCredentialsAreSentAsBasicAuth() {
    try (StubRegistryServer server = StubRegistryServer.start(request -> new Response(200, "[]"))) {
      HttpSchemaRegistryClient client = client(server.url(), Map.of(
          AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
          AvroSerdeConfig.BASIC_AUTH_USER_INFO, "reader:s3cret"));

      client.getAllSubjects();

      assertThat(server.requests().get(0).authorization()).isEqualTo("Basic " + base64("reader:s3cret"));
    }
  }

  @Test
  void urlCredentialsAreSentAsBasicAuthAndKeptOutOfTheUrl() {
    try (StubRegistryServer server = StubRegistryServer.start(request -> new Response(200, "[1,2]"))) {
      String url = server.url().replace("http://", "http://reader:s3cret@");
      HttpSchemaRegistryClient client = client(url, Map.of(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL"));

      List<Integer> versions = client.getAllVersions("ticks-value");

      assertThat(versions).containsExactly(1, 2);
      assertThat(server.requests().get(0).authorization()).isEqualTo("Basic " + base64("reader:s3cret"));
      assertThat(client.urls()).containsExactly(URI.create(server.url()));
    }
  }

  @Test
  void userInfoSourceWithoutUserInfoIsAConfigError() {
    assertThatThrownBy(() -> client("http://127.0.0.1:8081",
        Map.of(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(AvroSerdeConfig.BASIC_AUTH_USER_INFO);
  }

  @Test
  void unknownCredentialsSourceIsAConfigError() {
    assertThatThrownBy(() -> client("http://127.0.0.1:8081",
        Map.of(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected USER_INFO or URL");
  }

  private static HttpSchemaRegistryClient client(String urls, Map<String, ?> extra) {
    Map<String, Object> config = new HashMap<>(extra);
    config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, urls);
    config.putIfAbsent(AvroSerdeConfig.MAX_RETRIES, 0);
    config.put(AvroSerdeConfig.RETRIES_WAIT_MS, 1);
    config.put(AvroSerdeConfig.RETRIES_MAX_WAIT_MS, 5);
    return HttpSchemaRegistryClient.fromConfig(config);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
