package dev.layoffsignals.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of Confluent's schema registry REST API, which our {@code schema-registry} module speaks too.
 *
 * <p>Ids are cached both ways for the life of the client: a registered schema never changes id, so
 * after the first record of a type the serde's hot path makes no HTTP call. Connection errors and
 * 5xx answers are retried with exponential back-off ({@link RetryPolicy}), moving to the next URL
 * when several are configured; a 4xx is the registry's final word and fails at once with its
 * {@code error_code}. Credentials are sent, never logged: log lines carry URLs without user info.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  /** The media type of Confluent's API, for requests and answers. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  private final List<URI> baseUrls;
  private final String authorization;
  private final RetryPolicy retryPolicy;
  private final Duration readTimeout;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger currentUrl = new AtomicInteger();
  private final ConcurrentMap<String, ConcurrentMap<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  /**
   * @param baseUrls registry URLs without user info, tried in turn
   * @param userInfo {@code user:password} for basic auth, or null
   */
  public HttpSchemaRegistryClient(List<URI> baseUrls, String userInfo, RetryPolicy retryPolicy,
      Duration connectTimeout, Duration readTimeout) {
    this(baseUrls, userInfo, retryPolicy, connectTimeout, readTimeout, null);
  }

  /**
   * @param baseUrls registry URLs without user info, tried in turn
   * @param userInfo {@code user:password} for basic auth, or null
   * @param tls the TLS context of {@code https} URLs (trust, client certificate), or null for the
   *     JVM's default
   */
  public HttpSchemaRegistryClient(List<URI> baseUrls, String userInfo, RetryPolicy retryPolicy,
      Duration connectTimeout, Duration readTimeout, SSLContext tls) {
    if (baseUrls.isEmpty()) {
      throw new IllegalArgumentException("at least one registry URL is needed");
    }
    this.baseUrls = List.copyOf(baseUrls);
    this.authorization = userInfo == null ? null
        : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout);
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.http = builder.build();
  }

  /** A client for one URL, without auth, with the default retries and timeouts. */
  public static HttpSchemaRegistryClient forUrl(String url) {
    return fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url));
  }

  /** A client from serde configuration (see {@link AvroSerdeConfig}). */
  public static HttpSchemaRegistryClient fromConfig(Map<String, ?> configs) {
    String urlList = AvroSerdeConfig.requiredString(configs, AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    List<URI> urls = new ArrayList<>();
    String urlUserInfo = null;
    for (String text : urlList.split(",")) {
      URI url = parseUrl(text.trim());
      if (url.getRawUserInfo() != null && urlUserInfo == null) {
        urlUserInfo = decode(url.getRawUserInfo());
      }
      urls.add(withoutUserInfo(url));
    }
    String source = AvroSerdeConfig.string(configs, AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL")
        .toUpperCase(Locale.ROOT);
    String userInfo = switch (source) {
      case "URL" -> urlUserInfo;
      case "USER_INFO" -> AvroSerdeConfig.requiredString(configs, AvroSerdeConfig.BASIC_AUTH_USER_INFO);
      default -> throw new ConfigException(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, source,
          "expected USER_INFO or URL");
    };
    Duration connectTimeout = Duration.ofMillis(AvroSerdeConfig.longValue(configs,
        AvroSerdeConfig.HTTP_CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT.toMillis()));
    Duration readTimeout = Duration.ofMillis(AvroSerdeConfig.longValue(configs,
        AvroSerdeConfig.HTTP_READ_TIMEOUT_MS, DEFAULT_READ_TIMEOUT.toMillis()));
    return new HttpSchemaRegistryClient(urls, userInfo, RetryPolicy.fromConfig(configs), connectTimeout, readTimeout,
        RegistryTls.fromConfig(configs).orElse(null));
  }

  /** The URLs this client calls, without credentials. */
  public List<URI> urls() {
    return baseUrls;
  }

  @Override
  public int register(String subject, Schema schema) {
    ConcurrentMap<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    Integer cached = ids.get(schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    int id = requiredInt(answer, "id");
    ids.put(schema, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public int getId(String subject, Schema schema) {
    ConcurrentMap<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    Integer cached = ids.get(schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
    int id = requiredInt(answer, "id");
    ids.put(schema, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema getSchemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("GET", "/schemas/ids/" + id, null);
    Schema schema = parseSchema(answer, "schema id " + id);
    Schema previous = schemasById.putIfAbsent(id, schema);
    return previous == null ? schema : previous;
  }

  @Override
  public RegisteredSchema getLatestVersion(String subject) {
    return registeredSchema(call("GET", "/subjects/" + encode(subject) + "/versions/latest", null), subject);
  }

  @Override
  public RegisteredSchema getVersion(String subject, int version) {
    return registeredSchema(call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null), subject);
  }

  @Override
  public List<String> getAllSubjects() {
    List<String> subjects = new ArrayList<>();
    call("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
    return subjects;
  }

  @Override
  public List<Integer> getAllVersions(String subject) {
    List<Integer> versions = new ArrayList<>();
    call("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(node -> versions.add(node.asInt()));
    return versions;
  }

  @Override
  public boolean testCompatibility(String subject, Schema schema) {
    JsonNode answer = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
        schemaBody(schema));
    JsonNode compatible = answer.get("is_compatible");
    if (compatible == null || !compatible.isBoolean()) {
      throw unexpectedAnswer("is_compatible", answer);
    }
    return compatible.booleanValue();
  }

  private RegisteredSchema registeredSchema(JsonNode answer, String subject) {
    int id = requiredInt(answer, "id");
    Schema schema = schemasById.computeIfAbsent(id, i -> parseSchema(answer, "schema id " + i));
    return new RegisteredSchema(answer.path("subject").asText(subject), requiredInt(answer, "version"), id, schema);
  }

  /** One API call with retries; returns the parsed JSON answer of a 2xx. */
  private JsonNode call(String method, String path, String body) {
    SchemaRegistryException failure;
    for (int attempt = 0; ; attempt++) {
      URI base = baseUrls.get(Math.floorMod(currentUrl.get(), baseUrls.size()));
      try {
        HttpResponse<String> response = http.send(request(base, method, path, body),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return json.readTree(response.body());
        }
        failure = errorFrom(status, response.body());
        if (status < 500) {
          throw failure;
        }
      } catch (JsonProcessingException e) {
        throw new SchemaRegistryException(200, SchemaRegistryException.NO_RESPONSE,
            "Schema registry at " + base + " answered " + method + " " + path + " with invalid JSON", e);
      } catch (IOException e) {
        failure = new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE,
            "Schema registry unreachable at " + base + " (" + method + " " + path + "): " + describe(e)
                + " after " + (attempt + 1) + " attempt" + (attempt == 0 ? "" : "s"), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE,
            "Interrupted while calling the schema registry at " + base, e);
      }
      if (attempt >= retryPolicy.maxRetries()) {
        throw failure;
      }
      Duration wait = retryPolicy.backoff(attempt);
      LOG.warn("Schema registry call {} {} at {} failed ({}); retry {} of {} in {} ms", method, path, base,
          failure.registryMessage(), attempt + 1, retryPolicy.maxRetries(), wait.toMillis());
      currentUrl.incrementAndGet();
      pause(wait);
    }
  }

  private HttpRequest request(URI base, String method, String path, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.toString() + path))
        .timeout(readTimeout)
        .header("Accept", CONTENT_TYPE + ", application/json");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder.header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  private SchemaRegistryException errorFrom(int status, String body) {
    try {
      JsonNode error = json.readTree(body);
      if (error != null && error.has("error_code")) {
        return new SchemaRegistryException(status, error.path("error_code").asInt(), error.path("message").asText());
      }
    } catch (JsonProcessingException e) {
      LOG.debug("Registry error body is not JSON", e);
    }
    String text = body == null || body.isBlank() ? "HTTP " + status : abbreviate(body.strip());
    return new SchemaRegistryException(status, status, text);
  }

  private String schemaBody(Schema schema) {
    ObjectNode body = json.createObjectNode();
    body.put("schema", schema.toString());
    return body.toString();
  }

  private static Schema parseSchema(JsonNode answer, String what) {
    JsonNode schemaType = answer.get("schemaType");
    if (schemaType != null && !"AVRO".equals(schemaType.asText())) {
      throw new SchemaRegistryException(200, SchemaRegistryException.INVALID_SCHEMA,
          "The registry's " + what + " is a " + schemaType.asText() + " schema, not an Avro schema");
    }
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw unexpectedAnswer("schema", answer);
    }
    try {
      return new Schema.Parser().parse(text.asText());
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(200, SchemaRegistryException.INVALID_SCHEMA,
          "The registry's " + what + " is not a valid Avro schema: " + e.getMessage(), e);
    }
  }

  private static int requiredInt(JsonNode answer, String field) {
    JsonNode value = answer.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw unexpectedAnswer(field, answer);
    }
    return value.intValue();
  }

  private static SchemaRegistryException unexpectedAnswer(String field, JsonNode answer) {
    return new SchemaRegistryException(200, SchemaRegistryException.NO_RESPONSE,
        "Unexpected schema registry answer without '" + field + "': " + abbreviate(answer.toString()));
  }

  private static void pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE,
          "Interrupted while waiting to retry a schema registry call", e);
    }
  }

  private static String describe(IOException e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    if (e instanceof SSLException) {
      text += " (TLS: to trust the registry's certificate set " + AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION
          + "; a registry that asks for a client certificate needs " + AvroSerdeConfig.SSL_KEYSTORE_LOCATION + ")";
    }
    return text;
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private static String encode(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static URI parseUrl(String text) {
    try {
      URI url = new URI(text);
      String scheme = url.getScheme();
      if (url.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw new ConfigException(AvroSerdeConfig.SCHEMA_REGISTRY_URL, withoutUserInfoText(text),
            "expected http://host:port or https://host:port");
      }
      return url;
    } catch (URISyntaxException e) {
      throw new ConfigException(AvroSerdeConfig.SCHEMA_REGISTRY_URL, withoutUserInfoText(text), "not a URL");
    }
  }

  private static URI withoutUserInfo(URI url) {
    try {
      String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
      return new URI(url.getScheme(), null, url.getHost(), url.getPort(), path.isEmpty() ? null : path, null, null);
    } catch (URISyntaxException e) {
      throw new ConfigException(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url.getHost(), "not a URL");
    }
  }

  private static String withoutUserInfoText(String text) {
    return text.replaceFirst("//[^/@]*@", "//");
  }
}
