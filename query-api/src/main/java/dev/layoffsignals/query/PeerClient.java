package dev.layoffsignals.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Requests to the other instances' query servers (forwarded key lookups, the fan-out of lists),
 * with {@link HttpClient}. An instance that cannot be reached within the timeout is a 503.
 */
final class PeerClient implements AutoCloseable {

  /** Header naming the instance that answered. */
  static final String SERVED_BY = "X-Served-By";

  private final Duration timeout;
  private final ExecutorService executor;
  private HttpClient client;

  PeerClient(Duration timeout) {
    this.timeout = timeout;
    AtomicInteger count = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "query-peer-client-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.client = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .executor(executor)
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * An instance's answer.
   *
   * @param status the HTTP status
   * @param body the body, as sent
   * @param servedBy the instance named in its {@value #SERVED_BY} header, if any
   * @param retryAfter its {@code Retry-After} header, if any
   */
  record Response(int status, byte[] body, Optional<String> servedBy, Optional<String> retryAfter) {
  }

  /** {@code GET http://host:port<pathAndQuery>}, asynchronously; fails with a 503 {@link ApiException}. */
  CompletableFuture<Response> get(HostInfo peer, String pathAndQuery, String purpose) {
    URI uri = URI.create("http://" + Placement.name(peer) + pathAndQuery);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle((response, error) -> {
          if (error != null) {
            throw new CompletionException(unreachable(peer, purpose, error));
          }
          return new Response(response.statusCode(), response.body(),
              response.headers().firstValue(SERVED_BY), response.headers().firstValue("Retry-After"));
        });
  }

  /** As {@link #get}, waiting for the answer. */
  Response getNow(HostInfo peer, String pathAndQuery, String purpose) {
    return await(get(peer, pathAndQuery, purpose));
  }

  /** The answer of {@code future}, or its 503. */
  static Response await(CompletableFuture<Response> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ApiException api) {
        throw api;
      }
      throw e;
    }
  }

  private ApiException unreachable(HostInfo peer, String purpose, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String why = cause instanceof HttpTimeoutException ? "no answer within " + timeout.toMillis() + " ms"
        : cause instanceof IOException ? cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
        : cause.toString();
    return ApiException.unavailable("instance " + Placement.name(peer) + " (" + purpose + ") cannot be reached: " + why);
  }

  /**
   * Stops the client's threads. On Java 21 and later the client itself is closed; on 17 its
   * selector thread (a daemon) ends once the client is unreachable.
   */
  @Override
  public void close() {
    HttpClient c = client;
    client = null;
    if (c instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // closing is best effort: the executor below is what holds threads
      }
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
