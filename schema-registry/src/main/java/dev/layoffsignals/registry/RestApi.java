package dev.layoffsignals.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.layoffsignals.serde.HttpSchemaRegistryClient;
import dev.layoffsignals.serde.RegisteredSchema;
import dev.layoffsignals.serde.SchemaIndex;
import dev.layoffsignals.serde.SchemaRegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subset of Confluent's REST API our serdes and tools use, with Confluent's paths, bodies,
 * status codes and {@code {"error_code":..., "message":...}} errors, so Confluent's own clients work
 * against it too. Query parameters ({@code ?deleted=}, {@code ?normalize=}) are accepted and ignored.
 */
final class RestApi implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
  private static final int MAX_BODY_BYTES = 1 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StoredSchemaRegistry registry;

  RestApi(StoredSchemaRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Answer answer;
      try {
        answer = route(exchange.getRequestMethod().toUpperCase(Locale.ROOT), segments(exchange), exchange);
      } catch (SchemaRegistryException e) {
        answer = error(e.httpStatus(), e.errorCode(), e.registryMessage());
      } catch (SchemaStoreException e) {
        LOG.error("Schema store failure on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        answer = error(500, SchemaRegistryException.STORE_ERROR, "Error while storing the schema: " + e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("Unexpected failure on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        answer = error(500, 500, "Internal error: " + e.getClass().getSimpleName());
      }
      send(exchange, answer);
    }
  }

  private Answer route(String method, List<String> path, HttpExchange exchange) throws IOException {
    int size = path.size();
    String first = size > 0 ? path.get(0) : "";
    if (size == 0) {
      return expect(method, "GET", () -> ok(JSON.createObjectNode()));
    }
    if (first.equals("config") && size == 1) {
      return expect(method, "GET",
          () -> ok(JSON.createObjectNode().put("compatibilityLevel", SchemaIndex.COMPATIBILITY_LEVEL)));
    }
    if (first.equals("schemas") && size == 3 && path.get(1).equals("ids")) {
      return expect(method, "GET", () -> {
        Schema schema = registry.schemaById(schemaId(path.get(2)));
        return ok(JSON.createObjectNode().put("schema", schema.toString()));
      });
    }
    if (first.equals("subjects")) {
      if (size == 1) {
        return expect(method, "GET", () -> ok(stringArray(registry.subjects())));
      }
      String subject = path.get(1);
      if (size == 2) {
        return expect(method, "POST", () -> ok(versionJson(registry.lookup(subject, schemaFrom(exchange)))));
      }
      if (size == 3 && path.get(2).equals("versions")) {
        if (method.equals("POST")) {
          RegisteredSchema registered = registry.register(subject, schemaFrom(exchange));
          return ok(JSON.createObjectNode().put("id", registered.id()));
        }
        return expect(method, "GET", () -> ok(intArray(registry.versions(subject))));
      }
      if (size == 4 && path.get(2).equals("versions")) {
        return expect(method, "GET", () -> ok(versionJson(version(subject, path.get(3)))));
      }
      if (size == 5 && path.get(2).equals("versions") && path.get(4).equals("schema")) {
        return expect(method, "GET", () -> new Answer(200, version(subject, path.get(3)).schema().toString()));
      }
    }
    if (first.equals("compatibility") && size == 5 && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
      return expect(method, "POST", () -> {
        String subject = path.get(2);
        String version = path.get(4);
        Integer number = version.equals("latest") ? null : versionNumber(version);
        boolean compatible = registry.isCompatible(subject, schemaFrom(exchange), number);
        return ok(JSON.createObjectNode().put("is_compatible", compatible));
      });
    }
    return error(404, 404, "HTTP 404 Not Found");
  }

  private RegisteredSchema version(String subject, String version) {
    return version.equals("latest") ? registry.latest(subject) : registry.version(subject, versionNumber(version));
  }

  private Schema schemaFrom(HttpExchange exchange) throws IOException {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      throw new SchemaRegistryException(415, 415, "HTTP 415 Unsupported Media Type: expected "
          + HttpSchemaRegistryClient.CONTENT_TYPE + " or application/json");
    }
    byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new SchemaRegistryException(413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
    }
    JsonNode body;
    try {
      body = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new SchemaRegistryException(400, 400, "Unparseable request body: " + e.getOriginalMessage());
    }
    if (body == null || !body.path("schema").isTextual()) {
      throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
          "Invalid schema: the request body needs a \"schema\" string");
    }
    String schemaType = body.path("schemaType").asText("AVRO");
    if (!schemaType.equals("AVRO")) {
      throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
          "Invalid schema: schemaType " + schemaType + " is not supported, only AVRO");
    }
    if (body.has("references") && body.path("references").size() > 0) {
      throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
          "Invalid schema: schema references are not supported");
    }
    try {
      return new Schema.Parser().parse(body.path("schema").asText());
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
    }
  }

  private static int versionNumber(String text) {
    try {
      int version = Integer.parseInt(text);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // answered below, as Confluent does
    }
    throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_VERSION, "The specified version '" + text
        + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  private static int schemaId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
    }
  }

  private ObjectNode versionJson(RegisteredSchema registered) {
    return JSON.createObjectNode()
        .put("subject", registered.subject())
        .put("version", registered.version())
        .put("id", registered.id())
        .put("schema", registered.schema().toString());
  }

  private ArrayNode stringArray(List<String> values) {
    ArrayNode array = JSON.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private ArrayNode intArray(List<Integer> values) {
    ArrayNode array = JSON.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private static Answer expect(String method, String allowed, Route route) throws IOException {
    if (!method.equals(allowed)) {
      return error(405, 405, "HTTP 405 Method Not Allowed");
    }
    return route.answer();
  }

  private static Answer ok(JsonNode body) {
    return new Answer(200, body.toString());
  }

  private static Answer error(int status, int code, String message) {
    ObjectNode body = JSON.createObjectNode().put("error_code", code).put("message", message);
    return new Answer(status, body.toString());
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
    exchange.sendResponseHeaders(answer.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Path segments, percent-decoded ({@code +} stays a plus: this is a path, not a form). */
  private static List<String> segments(HttpExchange exchange) {
    List<String> segments = new ArrayList<>();
    for (String raw : exchange.getRequestURI().getRawPath().split("/")) {
      if (!raw.isEmpty()) {
        segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return segments;
  }

  private record Answer(int status, String body) {
  }

  @FunctionalInterface
  private interface Route {
    Answer answer() throws IOException;
  }
}
