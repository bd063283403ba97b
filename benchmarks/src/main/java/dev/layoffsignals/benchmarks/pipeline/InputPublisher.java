package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.producers.EndOffsets;
import dev.layoffsignals.producers.Heartbeats;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes an input before the pipeline reads it, as a feed would: ticks and articles merged in
 * event-time order, and a heartbeat whenever event time enters a new day (New York) and once at
 * the end. Each heartbeat is sent after a flush, at the event time of the last record published,
 * and carries for each partition the offsets (last acknowledged + 1) of the topics written to it,
 * and the end offsets of the other data inputs' partitions (looked up through the cluster's admin):
 * the topology's clock is the earliest of its input partitions, so a partition that gets no data
 * ({@code layoff-records} here) would otherwise hold every result, and the state, back until the
 * end. Keys and values as the producers write them (symbol or article id; Avro in the registry's
 * wire format); each record's timestamp is its event time. Batching is the producers' default
 * ({@code producers-defaults.properties}).
 */
final class InputPublisher {

  /** What was published and how long it took. */
  record Published(long ticks, long articles, long heartbeats, double seconds) {}

  /** How long a heartbeat waits for the end offsets it vouches for. */
  static final Duration END_OFFSETS_TIMEOUT = Duration.ofMinutes(1);

  private InputPublisher() {}

  static Published publish(BenchCluster cluster, PipelineInput input) {
    long started = System.nanoTime();
    Map<String, Object> serdeConfig = cluster.serdeConfig();
    AckedEnds acked = new AckedEnds();
    long ticks = 0;
    long articles = 0;
    long heartbeatsSent = 0;
    try (KafkaProducer<byte[], byte[]> producer = producer(cluster.bootstrapServers(), "bench-input");
        Serializer<StockTick> tickValues = Topics.STOCK_TICKS.valueSerde(serdeConfig).serializer();
        Serializer<Article> articleValues = Topics.ARTICLES.valueSerde(serdeConfig).serializer();
        Heartbeats heartbeats = Heartbeats.open(producer, EndOffsets.of(cluster.admin(), END_OFFSETS_TIMEOUT), serdeConfig,
            "bench")) {
      Iterator<StockTick> tickIt = input.ticks();
      Iterator<Article> articleIt = input.articles().iterator();
      StockTick tick = tickIt.hasNext() ? tickIt.next() : null;
      Article article = articleIt.hasNext() ? articleIt.next() : null;
      long last = Long.MIN_VALUE;
      LocalDate day = null;
      while (tick != null || article != null) {
        // ties: the tick first, so an article stamped at a close comes after that close
        boolean tickNext = article == null
            || (tick != null && tick.getTradedAt().toEpochMilli() <= article.getPublishedAt().toEpochMilli());
        long at = tickNext ? tick.getTradedAt().toEpochMilli() : article.getPublishedAt().toEpochMilli();
        if (at < last) {
          throw new IllegalStateException("the input is not in event-time order at " + Instant.ofEpochMilli(at));
        }
        LocalDate dayOfRecord = LocalDate.ofInstant(Instant.ofEpochMilli(at), PipelineInput.NEW_YORK);
        if (day != null && !dayOfRecord.equals(day)) {
          heartbeat(producer, heartbeats, acked, last, ticks + articles);
          heartbeatsSent++;
        }
        day = dayOfRecord;
        last = at;
        if (tickNext) {
          producer.send(new ProducerRecord<>(Topics.STOCK_TICKS.name(), null, at,
              tick.getSymbol().getBytes(StandardCharsets.UTF_8), tickValues.serialize(Topics.STOCK_TICKS.name(), tick)),
              acked);
          ticks++;
          tick = tickIt.hasNext() ? tickIt.next() : null;
        } else {
          producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), null, at,
              article.getArticleId().getBytes(StandardCharsets.UTF_8),
              articleValues.serialize(Topics.ARTICLES.name(), article)), acked);
          articles++;
          article = articleIt.hasNext() ? articleIt.next() : null;
        }
      }
      heartbeat(producer, heartbeats, acked, Math.max(last, input.lastEventTime()), ticks + articles);
      heartbeatsSent++;
    }
    return new Published(ticks, articles, heartbeatsSent, (System.nanoTime() - started) / 1e9);
  }

  /** Flushes, checks every record so far is acknowledged, then sends a heartbeat that vouches for them. */
  private static void heartbeat(KafkaProducer<byte[], byte[]> producer, Heartbeats heartbeats, AckedEnds acked,
      long watermark, long sent) {
    producer.flush();
    acked.check(sent);
    heartbeats.send(watermark, acked.byPartition());
  }

  /**
   * The send callback of a feed: counts acknowledgements, keeps the first failure and, per topic
   * partition, the last acknowledged offset + 1 (what a heartbeat sent after a flush vouches for).
   */
  static final class AckedEnds implements Callback {
    private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception e) {
      if (e != null) {
        failure.compareAndSet(null, e);
      } else {
        acknowledged.incrementAndGet();
        if (metadata.hasOffset()) {
          ends.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset() + 1, Math::max);
        }
      }
    }

    /** Throws unless no send failed and, when {@code sent >= 0}, that many were acknowledged. */
    void check(long sent) {
      if (failure.get() != null || (sent >= 0 && acknowledged.get() != sent)) {
        throw new IllegalStateException("publishing the input failed: " + acknowledged.get()
            + (sent >= 0 ? " of " + sent : "") + " records acknowledged", failure.get());
      }
    }

    /** Partition -> topic -> offset, as {@link Heartbeats#send(long, Map)} takes it. */
    Map<Integer, Map<String, Long>> byPartition() {
      Map<Integer, Map<String, Long>> out = new TreeMap<>();
      ends.forEach((tp, end) -> out.computeIfAbsent(tp.partition(), p -> new TreeMap<>()).put(tp.topic(), end));
      return out;
    }
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
