package dev.layoffsignals.benchmarks.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches an output keyed by announcement id ({@code market-reactions}, {@code layoff-announcements})
 * as a dashboard would (read_committed: only what the application committed) and notes when the
 * first record of each announcement arrives. An announcement's id is
 * {@code <article id>#<company slug>}, so the article it came from is the key up to {@code #}. It
 * reads from the topic's end as of its start, with a short fetch wait, so that the watcher itself
 * adds no latency worth counting.
 */
final class OutputWatcher implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Long> firstSeenNanos = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  OutputWatcher(BenchCluster cluster, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end now, before anything is produced
    thread = new Thread(this::watch, "watcher-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  private void watch() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          long now = System.nanoTime();
          if (r.key() == null || r.value() == null) {
            continue;
          }
          String id = new String(r.key(), StandardCharsets.UTF_8);
          int hash = id.indexOf('#');
          firstSeenNanos.putIfAbsent(hash < 0 ? id : id.substring(0, hash), now);
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** When the first reaction of each article's announcement was read, by article id. */
  Map<String, Long> firstSeenNanos() {
    return firstSeenNanos;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
