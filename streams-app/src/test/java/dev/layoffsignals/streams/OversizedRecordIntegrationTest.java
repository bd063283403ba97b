package dev.layoffsignals.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.streams.app.LayoffSignalsApp;
import dev.layoffsignals.streams.metrics.SignalMetrics;
import dev.layoffsignals.topics.ErrorHeaders;
import dev.layoffsignals.topics.TopicCreator;
import dev.layoffsignals.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Articles of 3 MB on a real broker, written compressed by a producer allowed 10 MB: more than
 * Kafka Streams' producer sends (max.request.size, 1 MB). A valid one is processed; an invalid one
 * and a late one go to their error topics without their value, the reason saying so. Sent whole,
 * such a copy fails the exactly-once transaction, so the task, at every restart (it was so before:
 * the instance stopped at the invalid one). The application keeps running; the counts balance.
 */
class OversizedRecordIntegrationTest {

  static final int BODY_CHARS = 3 * 1024 * 1024;
  static final Instant T = Instant.parse("2024-06-12T14:00:00Z");

  @TempDir
  Path tmp;

  @Test
  @DisplayName("a 3 MB invalid or late input record goes to its error topic without its value; the app keeps running")
  void oversizedErrorCopies() throws Exception {
    Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://oversized-record-it");
    try (LocalKafka kafka = LocalKafka.startInProcess(tmp.resolve("kafka"));
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      new TopicCreator(admin, 30_000).ensure(Topics.ALL, Optional.of(1), (short) 1);
      String big = "Meta will cut 11,000 jobs. " + "The report discussed revenue and margins at length. ".repeat(BODY_CHARS / 52);
      List<Article> articles = List.of(
          article("small-1", T, "Meta to cut 11,000 jobs"),
          article("big-invalid", Instant.parse("2150-01-01T00:00:00Z"), big),
          article("big-late", T.minusSeconds(10 * 86_400), big),
          article("big-valid", T.plusSeconds(3_600), big),
          article("small-2", T.plusSeconds(7_200), "Amazon to cut 18,000 jobs"));
      produce(kafka.bootstrapServers(), serdeConfig, articles);

      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      Map<String, Object> overrides = new HashMap<>(serdeConfig);
      overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "oversized-record-it");
      overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      overrides.put(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("state").toString());
      try (LayoffSignalsApp app = LayoffSignalsApp.start(overrides, registry)) {
        ReplayDeterminismIntegrationTest.awaitCaughtUp(admin, app);
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
      }

      List<ConsumerRecord<byte[], byte[]>> deadLetters = ReplayDeterminismIntegrationTest.readAll(kafka.bootstrapServers(),
          Topics.DEAD_LETTERS, serdeConfig);
      assertThat(deadLetters).singleElement().satisfies(r -> {
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("big-invalid");
        assertThat(r.value()).isNull();
        assertThat(header(r, ErrorHeaders.CATEGORY)).isEqualTo("INVALID");
        assertThat(header(r, ErrorHeaders.SOURCE_TOPIC)).isEqualTo("articles");
        assertThat(header(r, ErrorHeaders.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(header(r, ErrorHeaders.REASON)).isEqualTo("published_at 2150-01-01T00:00:00Z is outside"
            + " 1990-01-01T00:00:00Z .. 2100-01-01T00:00:00Z; written without its value: its " + bytes(articles.get(1), serdeConfig)
            + " bytes are more than Kafka Streams' producer sends (max.request.size 1048576)");
      });
      List<ConsumerRecord<byte[], byte[]>> late = ReplayDeterminismIntegrationTest.readAll(kafka.bootstrapServers(),
          Topics.LATE_RECORDS, serdeConfig);
      assertThat(late).singleElement().satisfies(r -> {
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("big-late");
        assertThat(r.value()).isNull();
        assertThat(header(r, ErrorHeaders.CATEGORY)).isEqualTo("LATE");
        assertThat(header(r, ErrorHeaders.SOURCE_OFFSET)).isEqualTo("2");
        assertThat(header(r, ErrorHeaders.REASON)).startsWith("event time 2024-06-02T14:00:00Z is more than the grace period")
            .endsWith("; written without its value: its " + bytes(articles.get(2), serdeConfig)
                + " bytes are more than Kafka Streams' producer sends (max.request.size 1048576)");
      });
      // records read = processed + rejected: the big valid one was processed like the small ones
      assertThat(meter(registry, SignalMetrics.PROCESSED, "topic", "articles")).isEqualTo(3);
      assertThat(meter(registry, SignalMetrics.REJECTED, "category", "INVALID", "topic", "articles")).isEqualTo(1);
      assertThat(meter(registry, SignalMetrics.REJECTED, "category", "LATE", "topic", "articles")).isEqualTo(1);
      assertThat(registry.find(SignalMetrics.REJECTED).tag("category", "PROCESSING").counter()).isNull();
    }
  }

  private static Article article(String id, Instant at, String body) {
    return new Article(id, at, "Layoffs", body, "en", null, null);
  }

  /** With a producer allowed 10 MB, compressed: the broker takes 3 MB records of text in a few kB. */
  private static void produce(String bootstrap, Map<String, Object> serdeConfig, List<Article> articles) throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 10 * 1024 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    @SuppressWarnings("unchecked")
    Serializer<Article> values = (Serializer<Article>) Topics.ARTICLES.valueSerde(serdeConfig).serializer();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Article a : articles) {
        // the broker refuses a record timestamp far in the future: the impossible one is stamped T
        long timestamp = Math.min(a.getPublishedAt().toEpochMilli(), T.plusSeconds(86_400).toEpochMilli());
        producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), null, timestamp,
            a.getArticleId().getBytes(StandardCharsets.UTF_8), values.serialize(Topics.ARTICLES.name(), a))).get();
      }
    }
  }

  /** Key and value bytes of the record of an article. */
  private static long bytes(Article a, Map<String, Object> serdeConfig) {
    return a.getArticleId().getBytes(StandardCharsets.UTF_8).length
        + Topics.ARTICLES.valueSerde(serdeConfig).serializer().serialize(Topics.ARTICLES.name(), a).length;
  }

  private static String header(ConsumerRecord<?, ?> r, String key) {
    var h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static long meter(SimpleMeterRegistry registry, String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : (long) c.count();
  }
}
