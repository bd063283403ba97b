package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.producers.Heartbeats;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes an input before the pipeline reads it: the ticks, the articles, then a heartbeat at
 * the last event time on every partition (what {@code replay} ends with). Keys and values as the
 * producers write them (symbol or article id; Avro in the registry's wire format); each record's
 * timestamp is its event time. Batching is the producers' default ({@code producers-defaults.properties}).
 */
final class InputPublisher {

  /** What was published and how long it took. */
  record Published(long ticks, long articles, double seconds) {}

  private InputPublisher() {}

  static Published publish(BenchCluster cluster, PipelineInput input) {
    long started = System.nanoTime();
    Map<String, Object> serdeConfig = cluster.serdeConfig();
    AtomicLong acknowledged = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Callback callback = (metadata, e) -> {
      if (e == null) {
        acknowledged.incrementAndGet();
      } else {
        failure.compareAndSet(null, e);
      }
    };
    long ticks = 0;
    long articles = 0;
    try (KafkaProducer<byte[], byte[]> producer = producer(cluster.bootstrapServers(), "bench-input");
        Serializer<StockTick> tickValues = Topics.STOCK_TICKS.valueSerde(serdeConfig).serializer();
        Serializer<Article> articleValues = Topics.ARTICLES.valueSerde(serdeConfig).serializer();
        Heartbeats heartbeats = Heartbeats.open(producer, serdeConfig, "bench")) {
      for (Iterator<StockTick> it = input.ticks(); it.hasNext(); ) {
        StockTick tick = it.next();
        producer.send(new ProducerRecord<>(Topics.STOCK_TICKS.name(), null, tick.getTradedAt().toEpochMilli(),
            tick.getSymbol().getBytes(StandardCharsets.UTF_8), tickValues.serialize(Topics.STOCK_TICKS.name(), tick)),
            callback);
        ticks++;
      }
      for (Article article : input.articles()) {
        producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), null, article.getPublishedAt().toEpochMilli(),
            article.getArticleId().getBytes(StandardCharsets.UTF_8), articleValues.serialize(Topics.ARTICLES.name(), article)),
            callback);
        articles++;
      }
      producer.flush();
      if (failure.get() != null || acknowledged.get() != ticks + articles) {
        throw new IllegalStateException("publishing the input failed: " + acknowledged.get() + " of " + (ticks + articles)
            + " records acknowledged", failure.get());
      }
      heartbeats.send(input.lastEventTime());
    }
    return new Published(ticks, articles, (System.nanoTime() - started) / 1e9);
  }

  /** A producer with the producers' defaults: acks=all, idempotent, lz4, linger 20 ms, 512 KiB batches. */
  static KafkaProducer<byte[], byte[]> producer(String bootstrapServers, String clientId) {
    return producer(bootstrapServers, clientId, 20);
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrapServers, String clientId, int lingerMs) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, clientId,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, lingerMs,
        ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
        ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
        new ByteArraySerializer(), new ByteArraySerializer());
  }
}
