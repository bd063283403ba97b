package dev.layoffsignals.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.layoffsignals.schemas.Heartbeat;
import java.nio.ByteBuffer;
import dev.layoffsignals.topics.Topics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One heartbeat to every partition of the heartbeats topic, acknowledged, against a MockProducer. */
class HeartbeatsTest {

  private static final Map<String, Object> SERDE_CONFIG = Map.of("schema.registry.url", "mock://heartbeats-test");
  private static final Instant WATERMARK = Instant.parse("2022-11-30T21:00:00Z");

  private static MockProducer<byte[], byte[]> producer(boolean autoComplete, int partitions) {
    return new MockProducer<>(HeartbeatCluster.withPartitions(partitions), autoComplete, null,
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static Heartbeat decode(byte[] bytes) {
    try (Deserializer<Heartbeat> d = Topics.HEARTBEATS.valueSerde(SERDE_CONFIG).deserializer()) {
      return d.deserialize(Topics.HEARTBEATS.name(), bytes);
    }
  }

  @Test
  @DisplayName("one record per partition: explicit partition, no key, timestamp = watermark, Heartbeat(source, watermark); waits for the acknowledgements")
  void everyPartition() {
    MockProducer<byte[], byte[]> producer = producer(false, 6);

    try (Heartbeats heartbeats = Heartbeats.open(producer, SERDE_CONFIG, "replay")) {
      assertThat(heartbeats.send(WATERMARK.toEpochMilli())).isEqualTo(6);
    }

    assertThat(producer.flushed()).as("every send completed before send returned").isTrue();
    assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("heartbeats");
    assertThat(producer.history()).extracting(ProducerRecord::partition).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(producer.history()).extracting(ProducerRecord::key).containsOnlyNulls();
    assertThat(producer.history()).extracting(ProducerRecord::timestamp).containsOnly(WATERMARK.toEpochMilli());
    assertThat(producer.history()).extracting(r -> decode(r.value())).containsOnly(new Heartbeat("replay", WATERMARK, Map.of()));
    assertThat(producer.closed()).as("the producer belongs to the command").isFalse();
  }

  @Test
  @DisplayName("each partition's heartbeat carries the offsets vouched for on that partition number, and only those")
  void offsetsPerPartition() {
    MockProducer<byte[], byte[]> producer = producer(true, 4);

    try (Heartbeats heartbeats = Heartbeats.open(producer, SERDE_CONFIG, "replay")) {
      heartbeats.send(WATERMARK.toEpochMilli(), Map.of(
          0, Map.of("stock-ticks", 5L, "articles", 2L),
          3, Map.of("layoff-records", 1L),
          7, Map.of("stock-ticks", 9L)));   // a partition the heartbeats topic does not have: nothing to carry it
    }

    assertThat(producer.history()).extracting(r -> r.partition() + " " + new java.util.TreeMap<>(decode(r.value()).getOffsets())).containsExactly(
        "0 {articles=2, stock-ticks=5}", "1 {}", "2 {}", "3 {layoff-records=1}");
  }

  @Test
  @DisplayName("partitions are looked up for every heartbeat: a partition added during the run gets the next one")
  void partitionsLookedUpAgain() {
    AtomicInteger partitions = new AtomicInteger(2);
    MockProducer<byte[], byte[]> producer = new MockProducer<>(HeartbeatCluster.withPartitions(3), true, null,
        new ByteArraySerializer(), new ByteArraySerializer()) {
      @Override
      public List<PartitionInfo> partitionsFor(String topic) {
        return super.partitionsFor(topic).subList(0, partitions.get());
      }
    };
    try (Heartbeats heartbeats = Heartbeats.open(producer, SERDE_CONFIG, "replay")) {
      assertThat(heartbeats.send(1000)).isEqualTo(2);
      partitions.set(3);
      assertThat(heartbeats.send(2000)).isEqualTo(3);
    }
    assertThat(producer.history()).extracting(r -> r.partition() + "@" + r.timestamp())
        .containsExactly("0@1000", "1@1000", "0@2000", "1@2000", "2@2000");
  }

  @Test
  @DisplayName("a topic without partitions (missing) fails at open, before any data is published")
  void missingTopic() {
    MockProducer<byte[], byte[]> producer = producer(true, 0);

    assertThatThrownBy(() -> Heartbeats.open(producer, SERDE_CONFIG, "replay"))
        .isInstanceOf(HeartbeatFailedException.class)
        .hasMessage("topic heartbeats has no partitions (create it with create-topics)");
  }

  @Test
  @DisplayName("a look-up that fails (broker unreachable, topic unknown) fails at open")
  void lookUpFails() {
    MockProducer<byte[], byte[]> producer = producer(true, 6);
    producer.partitionsForException = new TimeoutException("Topic heartbeats not present in metadata after 60000 ms.");

    assertThatThrownBy(() -> Heartbeats.open(producer, SERDE_CONFIG, "replay"))
        .isInstanceOf(HeartbeatFailedException.class)
        .hasMessage("cannot look up the partitions of heartbeats: org.apache.kafka.common.errors.TimeoutException:"
            + " Topic heartbeats not present in metadata after 60000 ms.");
  }

  @Test
  @DisplayName("a partition that acknowledges with an error fails the heartbeat, saying how many partitions have it")
  void failedAcknowledgement() {
    MockProducer<byte[], byte[]> producer = new MockProducer<>(HeartbeatCluster.withPartitions(6), false, null,
        new ByteArraySerializer(), new ByteArraySerializer()) {
      @Override
      public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        Future<RecordMetadata> f = super.send(record, callback);
        if (record.partition() == 4) {
          errorNext(new TimeoutException("Expiring 1 record(s) for heartbeats-4"));
        } else {
          completeNext();
        }
        return f;
      }
    };

    try (Heartbeats heartbeats = Heartbeats.open(producer, SERDE_CONFIG, "replay")) {
      assertThatThrownBy(() -> heartbeats.send(WATERMARK.toEpochMilli()))
          .isInstanceOf(HeartbeatFailedException.class)
          .hasMessage("2022-11-30T21:00:00Z to 5 of 6 partitions of heartbeats:"
              + " org.apache.kafka.common.errors.TimeoutException: Expiring 1 record(s) for heartbeats-4");
    }
  }

  @Test
  @DisplayName("the schema id is resolved at open: a registry down then fails open, before any data is published")
  void registryDownAtOpen() throws Exception {
    MockProducer<byte[], byte[]> producer = producer(true, 6);
    String url = "http://127.0.0.1:" + closedPort();
    Map<String, Object> serdeConfig = Map.of("schema.registry.url", url, "max.retries", "0");

    assertThatThrownBy(() -> Heartbeats.open(producer, serdeConfig, "replay"))
        .isInstanceOf(HeartbeatFailedException.class)
        .hasMessageStartingWith("cannot serialize the heartbeat: ")
        .hasMessageContaining("Schema registry unreachable at " + url);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  @DisplayName("once open, heartbeats need no registry: one that goes down mid-run does not fail them")
  void registryDownAfterOpen() throws Exception {
    HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger calls = new AtomicInteger();
    registry.createContext("/subjects/heartbeats-value/versions", exchange -> {
      calls.incrementAndGet();
      byte[] body = "{\"id\":7}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    registry.start();
    MockProducer<byte[], byte[]> producer = producer(true, 2);
    Map<String, Object> serdeConfig = Map.of("schema.registry.url", "http://127.0.0.1:" + registry.getAddress().getPort(),
        "max.retries", "0");
    try (Heartbeats heartbeats = Heartbeats.open(producer, serdeConfig, "replay")) {
      registry.stop(0);
      assertThat(heartbeats.send(WATERMARK.toEpochMilli())).isEqualTo(2);
    } finally {
      registry.stop(0);
    }
    assertThat(calls).hasValue(1);
    assertThat(producer.history()).extracting(r -> ByteBuffer.wrap(r.value(), 1, 4).getInt()).containsOnly(7); // the id, after the magic byte
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
