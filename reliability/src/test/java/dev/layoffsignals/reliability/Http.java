package dev.layoffsignals.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** GET requests to an instance's HTTP server, answers parsed as JSON. */
final class Http {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One answer: status, {@code Retry-After} and body. */
  record Answer(int status, Optional<String> retryAfter, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
      }
    }
  }

  /** The answer, or empty when the instance could not be reached (refused, timed out). */
  Optional<Answer> get(String url) throws InterruptedException {
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return Optional.of(new Answer(r.statusCode(), r.headers().firstValue("Retry-After"), r.body()));
    } catch (IOException unreachable) {
      return Optional.empty();
    }
  }
}
