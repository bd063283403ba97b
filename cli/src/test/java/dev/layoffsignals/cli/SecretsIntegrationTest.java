package dev.layoffsignals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.topics.TopicCreator;
import dev.layoffsignals.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code streams} command on a real broker, configured with a JAAS config holding a password,
 * SSL passwords, a PEM private key and registry credentials (inert on the plaintext listener, but
 * in the configuration every client gets): none of them appears in what it logs, prints or serves
 * ({@code /api/*}, {@code /health}, {@code /ready}, {@code /metrics}, the dashboard).
 */
class SecretsIntegrationTest {

  static final List<String> SECRETS = List.of("jaas-s3cr3t-1", "trust-s3cr3t-2", "keystore-s3cr3t-3", "key-s3cr3t-4",
      "registry-s3cr3t-5", "pem-s3cr3t-6");
  static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  @TempDir
  Path tmp;

  @Test
  void noSecretInTheLogsTheOutputOrAnyHttpAnswer() throws Exception {
    int httpPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      httpPort = socket.getLocalPort();
    }
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> answers = new LinkedHashMap<>();
    try (LocalKafka kafka = LocalKafka.startInProcess(tmp.resolve("kafka"))) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        new TopicCreator(admin, 30_000).ensure(Topics.ALL, Optional.of(1), (short) 1);
      }
      Path config = Files.writeString(tmp.resolve("streams.properties"), String.join("\n",
          "bootstrap.servers=" + kafka.bootstrapServers(),
          "security.protocol=PLAINTEXT",
          "sasl.mechanism=PLAIN",
          "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"app\" password=\"jaas-s3cr3t-1\";",
          "ssl.truststore.password=trust-s3cr3t-2",
          "ssl.keystore.password=keystore-s3cr3t-3",
          "basic.auth.credentials.source=USER_INFO",
          "basic.auth.user.info=registry-user:registry-s3cr3t-5",
          "schema.registry.url=mock://secrets-integration-test",
          "application.id=secrets-integration-test",
          "state.dir=" + tmp.resolve("state"),
          "input.partitions=1"));

      System.setErr(new PrintStream(new Tee(stderr, logs), true, StandardCharsets.UTF_8));
      var cli = LayoffSignals.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      Thread streams = new Thread(() -> cli.execute("streams", "--config", config.toString(),
          "-p", "ssl.key.password=key-s3cr3t-4",
          "-p", "ssl.keystore.key=-----BEGIN PRIVATE KEY----- pem-s3cr3t-6 -----END PRIVATE KEY-----",
          "--http-port", Integer.toString(httpPort)), "streams-command");
      streams.start();
      try {
        String base = "http://127.0.0.1:" + httpPort;
        awaitReady(base, streams);
        for (String path : List.of("/api/instances", "/api/announcements", "/api/reactions", "/api/reactions/nope",
            "/api/windows?dimension=market", "/api/announcements?ticker=bad", "/health", "/ready", "/metrics", "/", "/app.js")) {
          HttpResponse<String> r = get(base + path);
          answers.put(path, r.statusCode() + " " + r.headers().map() + "\n" + r.body());
        }
      } finally {
        streams.interrupt(); // the command waits for a signal: interrupted, it closes the server and Kafka Streams
        streams.join(Duration.ofSeconds(60).toMillis());
        System.setErr(stderr);
      }
      assertThat(streams.isAlive()).as("the streams command stopped").isFalse();
    }

    String logged = logs.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("Effective configuration (secrets masked)")
        .contains("sasl.jaas.config=[hidden]", "ssl.truststore.password=[hidden]", "ssl.keystore.key=[hidden]",
            "basic.auth.user.info=[hidden]");
    assertThat(answers.get("/api/instances")).startsWith("200 ");
    assertThat(answers.get("/metrics")).startsWith("200 ").contains("layoff_signals_streams_running");
    for (String secret : SECRETS) {
      assertThat(logged).as("logs").doesNotContain(secret);
      assertThat(out.toString()).as("standard output").doesNotContain(secret);
      assertThat(err.toString()).as("standard error").doesNotContain(secret);
      answers.forEach((path, answer) -> assertThat(answer).as(path).doesNotContain(secret));
    }
  }

  /** Polls /ready until 200, at most {@link #READY_TIMEOUT}; fails early if the command ended. */
  private static void awaitReady(String base, Thread command) throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!command.isAlive()) {
        throw new AssertionError("the streams command ended before it was ready");
      }
      try {
        if (get(base + "/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // the HTTP server starts after the topic check
      }
      Thread.sleep(200); // the polling interval of a bounded wait for readiness
    }
    throw new AssertionError("/ready did not answer 200 within " + READY_TIMEOUT);
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
        .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** Writes to both streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }
  }
}
