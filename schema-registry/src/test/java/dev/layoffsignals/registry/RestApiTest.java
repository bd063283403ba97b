package dev.layoffsignals.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wire-level details Confluent's clients rely on, checked with plain HTTP requests. */
class RestApiTest {

  private static final String TICK = "{\"type\":\"record\",\"name\":\"Tick\",\"fields\":[{\"name\":\"symbol\",\"type\":\"string\"}]}";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalSchemaRegistry registry = LocalSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void configReportsBackwardCompatibility() throws Exception {
    HttpResponse<String> response = get("/config");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.schemaregistry.v1+json");
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"compatibilityLevel\":\"BACKWARD\"}"));
  }

  @Test
  void registrationAcceptsPlainJsonContentTypeAndAnswersTheId() throws Exception {
    HttpResponse<String> response = post("/subjects/ticks-value/versions", "application/json", schemaBody(TICK));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"id\":1}"));
  }

  @Test
  void versionAnswersCarrySubjectVersionIdAndSchema() throws Exception {
    post("/subjects/ticks-value/versions", "application/vnd.schemaregistry.v1+json", schemaBody(TICK));

    JsonNode latest = JSON.readTree(get("/subjects/ticks-value/versions/latest").body());
    JsonNode first = JSON.readTree(get("/subjects/ticks-value/versions/1").body());
    JsonNode lookup = JSON.readTree(post("/subjects/ticks-value?deleted=false", "application/json", schemaBody(TICK)).body());
    HttpResponse<String> raw = get("/subjects/ticks-value/versions/1/schema");

    JsonNode expected = JSON.createObjectNode().put("subject", "ticks-value").put("version", 1).put("id", 1)
        .put("schema", TICK);
    assertThat(latest).isEqualTo(expected);
    assertThat(first).isEqualTo(expected);
    assertThat(lookup).isEqualTo(expected);
    assertThat(raw.body()).isEqualTo(TICK);
    assertThat(JSON.readTree(get("/schemas/ids/1").body())).isEqualTo(JSON.createObjectNode().put("schema", TICK));
    assertThat(JSON.readTree(get("/subjects").body())).isEqualTo(JSON.readTree("[\"ticks-value\"]"));
    assertThat(JSON.readTree(get("/subjects/ticks-value/versions").body())).isEqualTo(JSON.readTree("[1]"));
  }

  @Test
  void subjectsArePercentDecoded() throws Exception {
    post("/subjects/a%2Fb+c/versions", "application/json", schemaBody(TICK));

    assertThat(JSON.readTree(get("/subjects").body())).isEqualTo(JSON.readTree("[\"a/b+c\"]"));
  }

  @Test
  void compatibilityCheckAnswersIsCompatible() throws Exception {
    post("/subjects/ticks-value/versions", "application/json", schemaBody(TICK));
    String withVolume = TICK.replace("]}", ",{\"name\":\"volume\",\"type\":\"long\"}]}");

    HttpResponse<String> latest = post("/compatibility/subjects/ticks-value/versions/latest", "application/json",
        schemaBody(withVolume));
    HttpResponse<String> first = post("/compatibility/subjects/ticks-value/versions/1", "application/json",
        schemaBody(TICK));

    assertThat(JSON.readTree(latest.body())).isEqualTo(JSON.readTree("{\"is_compatible\":false}"));
    assertThat(JSON.readTree(first.body())).isEqualTo(JSON.readTree("{\"is_compatible\":true}"));
  }

  @Test
  void invalidSchemaIs42201() throws Exception {
    HttpResponse<String> response = post("/subjects/ticks-value/versions", "application/json",
        schemaBody("{\"type\":\"record\",\"name\":\"Tick\"}"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).path("error_code").asInt()).isEqualTo(42201);
    assertThat(JSON.readTree(response.body()).path("message").asText()).startsWith("Invalid schema: ");
  }

  @Test
  void nonAvroSchemaTypeIs42201() throws Exception {
    HttpResponse<String> response = post("/subjects/ticks-value/versions", "application/json",
        "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.createObjectNode().put("error_code", 42201)
        .put("message", "Invalid schema: schemaType PROTOBUF is not supported, only AVRO"));
  }

  @Test
  void invalidVersionIs42202() throws Exception {
    post("/subjects/ticks-value/versions", "application/json", schemaBody(TICK));

    HttpResponse<String> response = get("/subjects/ticks-value/versions/first");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).path("error_code").asInt()).isEqualTo(42202);
  }

  @Test
  void unparseableBodyIs400() throws Exception {
    HttpResponse<String> response = post("/subjects/ticks-value/versions", "application/json", "{not json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("error_code").asInt()).isEqualTo(400);
  }

  @Test
  void nonJsonContentTypeIs415() throws Exception {
    HttpResponse<String> response = post("/subjects/ticks-value/versions", "text/plain", schemaBody(TICK));

    assertThat(response.statusCode()).isEqualTo(415);
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws Exception {
    assertThat(get("/nothing/here").statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(get("/nothing/here").body())).isEqualTo(
        JSON.createObjectNode().put("error_code", 404).put("message", "HTTP 404 Not Found"));
    assertThat(post("/config", "application/json", "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void closingLeavesNoThreadOfTheRegistryRunning() {
    LocalSchemaRegistry another = LocalSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0);

    another.close();

    List<String> left = Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> !t.isDaemon())
        .map(Thread::getName)
        .filter(name -> name.startsWith("HTTP-Dispatcher") || name.startsWith("schema-registry"))
        .toList();
    // the registry started in the field is still running: one dispatcher of its own
    assertThat(left).containsExactly("HTTP-Dispatcher");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(registry.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(registry.url() + path))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String schemaBody(String schema) {
    return JSON.createObjectNode().put("schema", schema).toString();
  }
}
