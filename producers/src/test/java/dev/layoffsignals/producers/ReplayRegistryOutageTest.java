package dev.layoffsignals.producers;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A replay resolves the schema id of every topic it publishes to (and of heartbeats) before its
 * first record: a schema registry that goes down during the run does not stop it, and one that is
 * down at the start fails it before anything is published.
 */
class ReplayRegistryOutageTest {

  private static final Path DATA = Path.of("../data/historical");
  /** Four days, two symbols: the first record is a layoffs.fyi row (00:00 New York), the first tick comes hours later. */
  private static final String[] FOUR_DAYS = {"--data-dir", DATA.toString(), "--from", "2022-11-07", "--to", "2022-11-10",
      "--symbols", "META,QQQ"};

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int replay(MockProducer<byte[], byte[]> producer, String registryUrl) {
    ReplayCommand command = new ReplayCommand();
    command.producerFactory = config -> producer;
    command.endOffsetsFactory = config -> FakeEndOffsets.empty(6);
    command.environment = Map.of();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> args = new ArrayList<>(List.of("--schema-registry-url", registryUrl, "-p", "max.retries=0", "--no-progress"));
    args.addAll(List.of(FOUR_DAYS));
    return cl.execute(args.toArray(String[]::new));
  }

  @Test
  @DisplayName("a registry that goes down once the first record is sent does not stop the replay")
  void registryDownAfterTheStart() throws Exception {
    HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger registrations = new AtomicInteger();
    registry.createContext("/subjects/", exchange -> {
      byte[] body = ("{\"id\":" + registrations.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    registry.start();
    AtomicInteger registrationsAtFirstSend = new AtomicInteger(-1);
    MockProducer<byte[], byte[]> producer = new MockProducer<>(HeartbeatCluster.withPartitions(6), true, null,
        new ByteArraySerializer(), new ByteArraySerializer()) {
      @Override
      public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        if (registrationsAtFirstSend.compareAndSet(-1, registrations.get())) {
          registry.stop(0); // the registry goes away as the first record leaves
        }
        return super.send(record, callback);
      }
    };
    try {
      int exit = replay(producer, "http://127.0.0.1:" + registry.getAddress().getPort());

      assertThat(exit).as("exit code; stderr: %s", err).isZero();
      assertThat(registrationsAtFirstSend).as("heartbeats, layoff-records and stock-ticks resolved before the first record").hasValue(3);
      assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("layoff-records", "stock-ticks", "heartbeats");
      assertThat(producer.history()).hasSize(16 + 43 + 6); // as replayBundledData in CommandsTest
      assertThat(producer.history().get(0).topic()).isEqualTo("layoff-records");
    } finally {
      registry.stop(0);
    }
  }

  @Test
  @DisplayName("a registry down at the start fails the replay before anything is published, naming it")
  void registryDownAtTheStart() throws Exception {
    String url;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      url = "http://127.0.0.1:" + socket.getLocalPort(); // nothing listens there once closed
    }
    MockProducer<byte[], byte[]> producer = new MockProducer<>(HeartbeatCluster.withPartitions(6), true, null,
        new ByteArraySerializer(), new ByteArraySerializer());

    int exit = replay(producer, url);

    assertThat(exit).isEqualTo(PublishingCommand.SEND_FAILED);
    assertThat(producer.history()).isEmpty();
    assertThat(err.toString()).contains("Schema registry unreachable at " + url);
    assertThat(out.toString()).containsPattern("(?m)^0 records in ");
  }
}
