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
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One heartbeat to every partition of the heartbeats topic, acknowledged, vouching for every data
 * input, against a MockProducer and a fake end-offsets lookup.
 */
class HeartbeatsTest {

  private static final Map<String, Object> SERDE_CONFIG = Map.of("schema.registry.url", "mock://heartbeats-test");
  private static final Instant WATERMARK = Instant.parse("2022-11-30T21:00:00Z");
  /** What a heartbeat vouches for when every data input is empty and the sender wrote nothing. */
  private static final Map<String, Long> EMPTY_INPUTS = Map.of("articles", 0L, "layoff-records", 0L, "stock-ticks", 0L);

  /** End offsets others left: articles-p at 100 + p, stock-ticks-p at 200 + p, layoff-records-p at 300 + p. */
  private static long othersEnd(TopicPartition tp) {
    int topic = Topics.DATA_INPUTS.stream().map(t -> t.name()).toList().indexOf(tp.topic());
    assertThat(topic).as("a data input: %s", tp).isNotNegative();
    return 100L * (topic + 1) + tp.partition();
  }

  private static List<String> sentOffsets(MockProducer<byte[], byte[]> producer) {
    return producer.history().stream().map(r -> r.partition() + " " + new TreeMap<>(decode(r.value()).getOffsets())).toList();
  }

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
  @DisplayName("one record per partition: explicit partition, no key, timestamp = watermark, Heartbeat(source, watermark, offsets); waits for the acknowledgements")
  void everyPartition() {
    MockProducer<byte[], byte[]> producer = producer(false, 6);

    try (Heartbeats heartbeats = Heartbeats.open(producer, FakeEndOffsets.empty(6), SERDE_CONFIG, "replay")) {
      assertThat(heartbeats.send(WATERMARK.toEpochMilli())).isEqualTo(6);
    }

    assertThat(producer.flushed()).as("every send completed before send returned").isTrue();
    assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("heartbeats");
    assertThat(producer.history()).extracting(ProducerRecord::partition).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(producer.history()).extracting(ProducerRecord::key).containsOnlyNulls();
    assertThat(producer.history()).extracting(ProducerRecord::timestamp).containsOnly(WATERMARK.toEpochMilli());
    assertThat(producer.history()).extracting(r -> decode(r.value())).containsOnly(new Heartbeat("replay", WATERMARK, EMPTY_INPUTS));
    assertThat(producer.closed()).as("the producer belongs to the command").isFalse();
  }

  @Test
  @DisplayName("each partition's heartbeat carries the acknowledged ends given for that partition number as they are (no max"
      + " with the end offsets), and for every other data input the end offset looked up")
  void offsetsPerPartition() {
    MockProducer<byte[], byte[]> producer = producer(true, 4);
    FakeEndOffsets ends = new FakeEndOffsets(tp -> tp.partition() < 4, HeartbeatsTest::othersEnd);

    try (Heartbeats heartbeats = Heartbeats.open(producer, ends, SERDE_CONFIG, "replay")) {
      heartbeats.send(WATERMARK.toEpochMilli(), Map.of(
          0, Map.of("stock-ticks", 5L, "articles", 2L),
          3, Map.of("layoff-records", 1L),
          7, Map.of("stock-ticks", 9L)));   // a partition the heartbeats topic does not have: nothing to carry it
    }

    assertThat(sentOffsets(producer)).containsExactly(
        "0 {articles=2, layoff-records=300, stock-ticks=5}",
        "1 {articles=101, layoff-records=301, stock-ticks=201}",
        "2 {articles=102, layoff-records=302, stock-ticks=202}",
        "3 {articles=103, layoff-records=1, stock-ticks=203}");
    assertThat(ends.lookups).as("at open: every data partition; at the heartbeat: those the sender did not write").hasSize(2);
    assertThat(ends.lookups.get(0)).hasSize(3 * 4);
    assertThat(ends.lookups.get(1)).extracting(TopicPartition::toString).containsExactly(
        "layoff-records-0",
        "articles-1", "stock-ticks-1", "layoff-records-1",
        "articles-2", "stock-ticks-2", "layoff-records-2",
        "articles-3", "stock-ticks-3");
    assertThat(ends.closed).as("the lookup belongs to the caller").isFalse();
  }

  @Test
  @DisplayName("a sender that wrote every data partition looks nothing up for its heartbeat")
  void everythingWritten() {
    MockProducer<byte[], byte[]> producer = producer(true, 2);
    FakeEndOffsets ends = new FakeEndOffsets(tp -> true, HeartbeatsTest::othersEnd);
    Map<String, Long> all = Map.of("articles", 1L, "stock-ticks", 2L, "layoff-records", 3L);

    try (Heartbeats heartbeats = Heartbeats.open(producer, ends, SERDE_CONFIG, "replay")) {
      heartbeats.send(WATERMARK.toEpochMilli(), Map.of(0, all, 1, all));
    }

    assertThat(ends.lookups).as("only the one at open").hasSize(1);
    assertThat(sentOffsets(producer)).containsExactly(
        "0 {articles=1, layoff-records=3, stock-ticks=2}", "1 {articles=1, layoff-records=3, stock-ticks=2}");
  }

  @Test
  @DisplayName("a data topic that is missing, or has no partition of that number, is not listed: nothing is on it")
  void missingDataPartitions() {
    MockProducer<byte[], byte[]> producer = producer(true, 4);
    // layoff-records does not exist; articles has 2 partitions; stock-ticks 4
    FakeEndOffsets ends = new FakeEndOffsets(
        tp -> tp.topic().equals("stock-ticks") || (tp.topic().equals("articles") && tp.partition() < 2),
        HeartbeatsTest::othersEnd);

    try (Heartbeats heartbeats = Heartbeats.open(producer, ends, SERDE_CONFIG, "replay")) {
      assertThat(heartbeats.send(WATERMARK.toEpochMilli(), Map.of(2, Map.of("stock-ticks", 7L)))).isEqualTo(4);
    }

    assertThat(sentOffsets(producer)).containsExactly(
        "0 {articles=100, stock-ticks=200}",
        "1 {articles=101, stock-ticks=201}",
        "2 {stock-ticks=7}",
        "3 {stock-ticks=203}");
  }

  @Test
  @DisplayName("a lookup that fails at a heartbeat fails it, naming the topic and why; nothing is sent")
  void lookupFailsAtSend() {
    MockProducer<byte[], byte[]> producer = producer(true, 6);
    FakeEndOffsets ends = FakeEndOffsets.empty(6);

    try (Heartbeats heartbeats = Heartbeats.open(producer, ends, SERDE_CONFIG, "replay")) {
      ends.failure = new EndOffsets.LookupFailed("articles", new TimeoutException("no answer within 60000 ms"));
      assertThatThrownBy(() -> heartbeats.send(WATERMARK.toEpochMilli(), Map.of(0, Map.of("stock-ticks", 4L))))
          .isInstanceOf(HeartbeatFailedException.class)
          .hasMessage("2022-11-30T21:00:00Z not sent: cannot look up the end offsets of articles:"
              + " org.apache.kafka.common.errors.TimeoutException: no answer within 60000 ms")
          .hasCause(ends.failure);
    }

    assertThat(producer.history()).as("no heartbeat without the offsets it vouches for").isEmpty();
  }

  @Test
  @DisplayName("a lookup that fails at open fails it, before any data is published")
  void lookupFailsAtOpen() {
    MockProducer<byte[], byte[]> producer = producer(true, 6);
    FakeEndOffsets ends = FakeEndOffsets.empty(6);
    ends.failure = new EndOffsets.LookupFailed("articles",
        new org.apache.kafka.common.errors.TopicAuthorizationException("Not authorized to access topics: [articles]"));

    assertThatThrownBy(() -> Heartbeats.open(producer, ends, SERDE_CONFIG, "replay"))
        .isInstanceOf(HeartbeatFailedException.class)
        .hasMessage("cannot look up the end offsets of articles:"
            + " org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized to access topics: [articles]");
    assertThat(producer.history()).isEmpty();
    assertThat(ends.closed).isFalse();
  }

  @Test
  @DisplayName("a lookup that fails without naming a topic: the failure names the topics looked up")
  void lookupFailsOtherwise() {
    MockProducer<byte[], byte[]> producer = producer(true, 6);
    FakeEndOffsets ends = FakeEndOffsets.empty(6);

    try (Heartbeats heartbeats = Heartbeats.open(producer, ends, SERDE_CONFIG, "replay")) {
      ends.failure = new IllegalStateException("admin closed");
      assertThatThrownBy(() -> heartbeats.send(WATERMARK.toEpochMilli()))
          .isInstanceOf(HeartbeatFailedException.class)
          .hasMessage("2022-11-30T21:00:00Z not sent: cannot look up the end offsets of [articles, layoff-records, stock-ticks]:"
              + " java.lang.IllegalStateException: admin closed");
    }
    assertThat(producer.history()).isEmpty();
  }

  @Test
  @DisplayName("a negative end offset is not vouched for (the topology would reject the heartbeat): the heartbeat fails")
  void negativeEndOffset() {
    MockProducer<byte[], byte[]> producer = producer(true, 6);
    FakeEndOffsets ends = new FakeEndOffsets(tp -> true, tp -> tp.topic().equals("stock-ticks") && tp.partition() == 2 ? -1 : 0);

    assertThatThrownBy(() -> Heartbeats.open(producer, ends, SERDE_CONFIG, "replay"))
        .isInstanceOf(HeartbeatFailedException.class)
        .hasMessage("cannot look up the end offsets of stock-ticks: partition 2 has end offset -1");
    assertThat(producer.history()).isEmpty();
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
    try (Heartbeats heartbeats = Heartbeats.open(producer, FakeEndOffsets.empty(6), SERDE_CONFIG, "replay")) {
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

    assertThatThrownBy(() -> Heartbeats.open(producer, FakeEndOffsets.empty(6), SERDE_CONFIG, "replay"))
        .isInstanceOf(HeartbeatFailedException.class)
        .hasMessage("topic heartbeats has no partitions (create it with create-topics)");
  }

  @Test
  @DisplayName("a look-up that fails (broker unreachable, topic unknown) fails at open")
  void lookUpFails() {
    MockProducer<byte[], byte[]> producer = producer(true, 6);
    producer.partitionsForException = new TimeoutException("Topic heartbeats not present in metadata after 60000 ms.");

    assertThatThrownBy(() -> Heartbeats.open(producer, FakeEndOffsets.empty(6), SERDE_CONFIG, "replay"))
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

    try (Heartbeats heartbeats = Heartbeats.open(producer, FakeEndOffsets.empty(6), SERDE_CONFIG, "replay")) {
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

    assertThatThrownBy(() -> Heartbeats.open(producer, FakeEndOffsets.empty(6), serdeConfig, "replay"))
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
    try (Heartbeats heartbeats = Heartbeats.open(producer, FakeEndOffsets.empty(6), serdeConfig, "replay")) {
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
