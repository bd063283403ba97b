package dev.layoffsignals.cli;

import dev.layoffsignals.query.QueryServer;
import dev.layoffsignals.streams.app.LayoffSignalsApp;
import dev.layoffsignals.streams.errors.RegistryOutage;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One instance of the application as it runs for real: the topology ({@link LayoffSignalsApp}),
 * the Prometheus registry with the JVM, process, Kafka Streams and domain meters, and the HTTP
 * server (query API, dashboard, /metrics, /health, /ready). The {@code streams} command and the
 * demo both run one.
 */
final class RunningInstance implements AutoCloseable {

  /** Address the HTTP server binds to (default 127.0.0.1; 0.0.0.0 in a container). */
  static final String HTTP_HOST = "http.host";
  /** Port of the HTTP server (default 8080). */
  static final String HTTP_PORT = "http.port";
  static final String DEFAULT_HTTP_HOST = "127.0.0.1";
  static final int DEFAULT_HTTP_PORT = 8080;

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final LayoffSignalsApp app;
  private final QueryServer server;

  private RunningInstance(PrometheusMeterRegistry registry, JvmGcMetrics gc, LayoffSignalsApp app, QueryServer server) {
    this.registry = registry;
    this.gc = gc;
    this.app = app;
    this.server = server;
  }

  /**
   * Starts the topology and the HTTP server.
   *
   * @param settings every setting (Kafka Streams', the clients', the registry's, ours, and
   *     {@value #HTTP_HOST} / {@value #HTTP_PORT}); {@code application.server}, the address other
   *     instances use to reach this one, defaults to the HTTP host and port
   */
  static RunningInstance start(Map<String, String> settings) throws Exception {
    return start(settings, new RegistryOutage());
  }

  /**
   * As {@link #start(Map)}; the exception handlers note in {@code outages} the schema registry
   * outages that stop a stream thread (see {@link RegistryOutage}).
   */
  static RunningInstance start(Map<String, String> settings, RegistryOutage outages) throws Exception {
    String host = httpHost(settings);
    int port = httpPort(settings);
    HostInfo advertised = advertised(settings.get(StreamsConfig.APPLICATION_SERVER_CONFIG), host, port);
    Map<String, String> streamsSettings = streamsSettings(settings);

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    LayoffSignalsApp app = null;
    try {
      Map<String, Object> withOutages = new TreeMap<>(streamsSettings);
      withOutages.put(RegistryOutage.CONFIG, outages);
      app = LayoffSignalsApp.start(withOutages, registry);
      QueryServer server = QueryServer.start(new QueryServer.Config(host, port, advertised), app.streams(), registry);
      return new RunningInstance(registry, gc, app, server);
    } catch (Exception | Error e) {
      if (app != null) {
        app.close();
      }
      gc.close();
      registry.close();
      throw e;
    }
  }

  /** The address the HTTP server binds to: {@value #HTTP_HOST}, {@value #DEFAULT_HTTP_HOST} when not set. */
  static String httpHost(Map<String, String> settings) {
    return orDefault(settings.get(HTTP_HOST), DEFAULT_HTTP_HOST).trim();
  }

  static int httpPort(Map<String, String> settings) {
    return Integer.parseInt(orDefault(settings.get(HTTP_PORT), Integer.toString(DEFAULT_HTTP_PORT)).trim());
  }

  /**
   * What {@link LayoffSignalsApp#start} is given: every setting (the clients' security settings
   * included) but the HTTP server's, with {@code application.server} set to the advertised address.
   */
  static Map<String, String> streamsSettings(Map<String, String> settings) throws UnknownHostException {
    Map<String, String> streamsSettings = new TreeMap<>(settings);
    streamsSettings.remove(HTTP_HOST);
    streamsSettings.remove(HTTP_PORT);
    HostInfo advertised = advertised(settings.get(StreamsConfig.APPLICATION_SERVER_CONFIG), httpHost(settings), httpPort(settings));
    streamsSettings.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
    return streamsSettings;
  }

  /** {@code application.server} if set, else the HTTP address (the host name when bound to every interface). */
  static HostInfo advertised(String applicationServer, String httpHost, int httpPort) throws UnknownHostException {
    if (applicationServer != null && !applicationServer.isBlank()) {
      return HostInfo.buildFromEndpoint(applicationServer.trim());
    }
    String host = httpHost.equals("0.0.0.0") || httpHost.equals("::") ? InetAddress.getLocalHost().getHostName() : httpHost;
    return new HostInfo(host, httpPort);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  LayoffSignalsApp app() {
    return app;
  }

  QueryServer server() {
    return server;
  }

  /** Stops the HTTP server first (no query reaches a closing store), then Kafka Streams, then the meters. */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      try {
        app.close();
      } finally {
        gc.close();
        registry.close();
      }
    }
  }
}
