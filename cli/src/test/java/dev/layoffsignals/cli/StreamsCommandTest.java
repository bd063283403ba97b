package dev.layoffsignals.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The streams command's settings and its wait for the schema registry, without Kafka. */
class StreamsCommandTest {

  private static StreamsCommand parse(Map<String, String> environment, String... args) {
    StreamsCommand command = new StreamsCommand();
    command.environment = environment;
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void theAppGetsTheUsersLayersAndAppliesTheShippedDefaultsItself() {
    StreamsCommand command = parse(Map.of("APPLICATION_ID", "from-env"),
        "--bootstrap-servers", "kafka:9092", "-p", "commit.interval.ms=1000", "--http-port", "8099");

    Map<String, String> user = command.userSettings().asMap();
    assertThat(user).isEqualTo(Map.of("application.id", "from-env", "bootstrap.servers", "kafka:9092",
        "commit.interval.ms", "1000", "http.port", "8099"));
    // input.partitions is shipped as a default: passed as if set, it would make the app refuse topics of another count
    assertThat(user).doesNotContainKey("input.partitions");
    assertThat(command.settings().asMap())
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("input.partitions", "6")
        .containsAllEntriesOf(user);
  }

  @Test
  void aPartitionCountTheUserSetsIsPassedOn() {
    assertThat(parse(Map.of(), "-p", "input.partitions=3").userSettings().asMap()).containsEntry("input.partitions", "3");
  }

  @Test
  void anInMemoryRegistryIsNotWaitedFor() throws Exception {
    assertThat(SchemaRegistryWait.await(Map.of("schema.registry.url", "mock://x"), d -> {
      throw new AssertionError("paused");
    })).isTrue();
  }

  @Test
  void anUnreachableRegistryIsRetriedThenNamedInTheError() throws Exception {
    String url = "http://127.0.0.1:" + closedPort();
    List<Duration> pauses = new ArrayList<>();
    Map<String, String> settings = Map.of("schema.registry.url", url, SchemaRegistryWait.TIMEOUT_SETTING, "1500",
        "max.retries", "0");

    assertThatThrownBy(() -> SchemaRegistryWait.await(settings, d -> {
      pauses.add(d);
      Thread.sleep(d.toMillis()); // the real pause: the timeout is wall-clock
      return false;
    }))
        .isInstanceOf(SchemaRegistryWait.RegistryUnavailable.class)
        .hasMessageStartingWith("Schema registry unreachable at [" + url + "] for 1 s (schema.registry.startup.timeout.ms)")
        .hasMessageContaining("Nothing was consumed");
    // the schedule is 0.5 s, 1 s, 2 s ..., each cut to what is left of the timeout (a slow first
    // attempt on a busy machine leaves less than 0.5 s)
    assertThat(pauses).as("backing off, bounded by the timeout").isNotEmpty();
    for (int i = 0; i < pauses.size(); i++) {
      assertThat(pauses.get(i)).as("pause %d", i).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500L << i));
    }
    assertThat(pauses.stream().mapToLong(Duration::toMillis).sum()).isLessThanOrEqualTo(1500);
  }

  @Test
  void aShutdownSignalEndsTheWait() throws Exception {
    Map<String, String> settings = Map.of("schema.registry.url", "http://127.0.0.1:" + closedPort(), "max.retries", "0");
    assertThat(SchemaRegistryWait.await(settings, d -> true)).isFalse();
  }

  @Test
  void aRegistryThatRefusesIsNotWaitedFor() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "{\"error_code\":40101,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      Map<String, String> settings = Map.of("schema.registry.url", "http://127.0.0.1:" + server.getAddress().getPort());
      assertThatThrownBy(() -> SchemaRegistryWait.await(settings, d -> {
        throw new AssertionError("paused");
      })).isInstanceOf(SchemaRegistryWait.RegistryUnavailable.class).hasMessageContaining("refused GET /subjects");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aBadWaitTimeoutIsABadSetting() {
    CommandLine cli = LayoffSignals.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("streams", "-p", SchemaRegistryWait.TIMEOUT_SETTING + "=soon");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("schema.registry.startup.timeout.ms must be a number of milliseconds");
  }

  @Test
  void aRegistryTrustStoreThatIsNotThereIsABadSetting(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    CommandLine cli = LayoffSignals.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    String missing = dir.resolve("registry-trust.p12").toString();

    int exit = cli.execute("streams", "--schema-registry-url", "https://127.0.0.1:" + 1,
        "-p", "schema.registry.ssl.truststore.location=" + missing);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: ").contains("schema.registry.ssl.truststore.location", missing, "no such file");
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
