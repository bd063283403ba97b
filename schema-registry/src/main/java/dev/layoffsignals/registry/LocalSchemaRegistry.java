package dev.layoffsignals.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running schema registry: the REST API on the JDK's HTTP server over a {@link SchemaStore}.
 * For local runs and tests, where Confluent's server (not on Maven Central, and a JVM of its own)
 * would be a heavy dependency.
 *
 * <p>One instance per store: it is the store's only writer (see {@link StoredSchemaRegistry}).
 * {@link #close()} stops the HTTP server, its threads and the store's Kafka clients, leaving no
 * thread behind.
 */
public final class LocalSchemaRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalSchemaRegistry.class);
  private static final int HANDLER_THREADS = 4;

  private final HttpServer server;
  private final ExecutorService handlers;
  private final SchemaStore store;
  private final String url;

  private LocalSchemaRegistry(HttpServer server, ExecutorService handlers, SchemaStore store) {
    this.server = server;
    this.handlers = handlers;
    this.store = store;
    InetSocketAddress address = server.getAddress();
    this.url = "http://" + address.getHostString() + ":" + address.getPort();
  }

  /**
   * A registry storing its schemas in the {@code _schemas} topic of the broker at {@code bootstrapServers}
   * (created if missing), listening on {@code host:port}; port 0 picks a free port.
   */
  public static LocalSchemaRegistry start(String bootstrapServers, String host, int port) {
    return start(bootstrapServers, Map.of(), host, port);
  }

  /**
   * {@link #start(String, String, int)} with Kafka client settings (SASL, SSL, ...) for reaching the
   * broker; see {@link KafkaSchemaStore#open(String, Map)}.
   */
  public static LocalSchemaRegistry start(String bootstrapServers, Map<String, String> clientSettings, String host,
      int port) {
    return start(KafkaSchemaStore.open(bootstrapServers, clientSettings), host, port);
  }

  /** A registry over any store, which it closes on {@link #close()}. */
  public static LocalSchemaRegistry start(SchemaStore store, String host, int port) {
    ExecutorService handlers = null;
    try {
      StoredSchemaRegistry registry = new StoredSchemaRegistry(store);
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
      handlers = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads());
      server.setExecutor(handlers);
      server.createContext("/", new RestApi(registry));
      server.start();
      LocalSchemaRegistry started = new LocalSchemaRegistry(server, handlers, store);
      LOG.info("Schema registry listening on {}, storing schemas in {}", started.url, store.describe());
      return started;
    } catch (IOException | RuntimeException e) {
      if (handlers != null) {
        handlers.shutdownNow();
      }
      store.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("Cannot listen on " + host + ":" + port + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  /** {@code http://host:port}, the value of {@code schema.registry.url}. */
  public String url() {
    return url;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdown();
    try {
      if (!handlers.awaitTermination(5, TimeUnit.SECONDS)) {
        handlers.shutdownNow();
      }
    } catch (InterruptedException e) {
      handlers.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      store.close();
    }
    LOG.info("Schema registry on {} stopped", url);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
