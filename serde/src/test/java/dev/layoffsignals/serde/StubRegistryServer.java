package dev.layoffsignals.serde;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * An HTTP server that answers with scripted responses and records what it was asked, to observe
 * the client's caching, retries and headers from the outside.
 */
final class StubRegistryServer implements AutoCloseable {

  record Request(String method, String path, String contentType, String authorization, String body) {
  }

  record Response(int status, String body) {
  }

  private final HttpServer server;
  private final String scheme;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  /** The subjects of the client certificates TLS requests came with (none: no certificate). */
  private final List<String> clientCertificates = new CopyOnWriteArrayList<>();

  private StubRegistryServer(HttpServer server, String scheme, Function<Request, Response> script) {
    this.server = server;
    this.scheme = scheme;
    server.createContext("/", exchange -> {
      if (exchange instanceof HttpsExchange tls) {
        try {
          clientCertificates.add(tls.getSSLSession().getPeerPrincipal().getName());
        } catch (SSLPeerUnverifiedException e) {
          // no client certificate
        }
      }
      try (exchange) {
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("Authorization"),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(request);
        Response response = script.apply(request);
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
  }

  static StubRegistryServer start(Function<Request, Response> script) {
    try {
      return new StubRegistryServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
          "http", script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Over TLS, with {@code tls}'s key and certificate; with {@code needClientAuth}, only for clients
   * with a certificate {@code tls} trusts.
   */
  static StubRegistryServer startTls(SSLContext tls, boolean needClientAuth, Function<Request, Response> script) {
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls) {
        @Override
        public void configure(HttpsParameters params) {
          SSLParameters parameters = tls.getDefaultSSLParameters();
          parameters.setNeedClientAuth(needClientAuth);
          params.setSSLParameters(parameters);
        }
      });
      return new StubRegistryServer(server, "https", script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  List<String> clientCertificates() {
    return List.copyOf(clientCertificates);
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
