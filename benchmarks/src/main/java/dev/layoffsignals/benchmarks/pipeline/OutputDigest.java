package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.WindowStatus;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What a full run produced, as a dashboard reading the compacted outputs sees it once everything
 * is processed: the latest value of every key of {@code layoff-announcements},
 * {@code market-reactions} and {@code reaction-windows} (read_committed), counted, and hashed
 * (SHA-256 over the keys in order and the values' Avro JSON). Two runs of the same input whose
 * digests agree produced the same results, whatever happened in between; that is how a speed-up
 * is checked not to change results. Also the records on the error topics, which should be none.
 *
 * <p>{@code settledSha256} hashes the same way only what can no longer change: the announcements,
 * the reactions that are not PROVISIONAL and the FINAL windows. A change that alters only the
 * PROVISIONAL updates (how often, or with which as-of, a result still open is re-emitted) keeps it.
 *
 * @param records records read from the three outputs, tombstones and superseded updates included
 */
record OutputDigest(long announcements, long reactions, long settledReactions, long windows, long finalWindows,
    long records, long lateRecords, long deadLetters, String sha256, String settledSha256) {

  private static final Duration POLL = Duration.ofMillis(200);

  static OutputDigest read(BenchCluster cluster) throws Exception {
    Map<String, Object> serdeConfig = cluster.serdeConfig();
    Map<String, Map<String, Object>> latest = new TreeMap<>();
    long[] records = new long[1];
    for (Topic<String, ?> topic : List.of(Topics.LAYOFF_ANNOUNCEMENTS, Topics.MARKET_REACTIONS, Topics.REACTION_WINDOWS)) {
      Deserializer<?> values = topic.valueSerde(serdeConfig).deserializer();
      Map<String, Object> byKey = new TreeMap<>();
      readAll(cluster, topic.name(), r -> {
        records[0]++;
        String key = new String(r.key(), StandardCharsets.UTF_8);
        Object value = r.value() == null ? null : values.deserialize(topic.name(), r.value());
        if (value == null) {
          byKey.remove(key);
        } else {
          byKey.put(key, value);
        }
      });
      latest.put(topic.name(), byKey);
    }
    long[] late = new long[1];
    readAll(cluster, Topics.LATE_RECORDS.name(), r -> late[0]++);
    long[] dead = new long[1];
    readAll(cluster, Topics.DEAD_LETTERS.name(), r -> dead[0]++);

    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    MessageDigest settledSha = MessageDigest.getInstance("SHA-256");
    latest.forEach((topic, byKey) -> byKey.forEach((key, value) -> {
      byte[] line = (topic + "\u0000" + key + "\u0000" + value + "\n").getBytes(StandardCharsets.UTF_8);
      sha.update(line);
      if (!(value instanceof MarketReaction r && r.getStatus() == ReactionStatus.PROVISIONAL)
          && !(value instanceof ReactionWindow w && w.getStatus() != WindowStatus.FINAL)) {
        settledSha.update(line);
      }
    }));
    Map<String, Object> reactions = latest.get(Topics.MARKET_REACTIONS.name());
    Map<String, Object> windows = latest.get(Topics.REACTION_WINDOWS.name());
    long settled = reactions.values().stream()
        .filter(v -> ((MarketReaction) v).getStatus() != ReactionStatus.PROVISIONAL).count();
    long finalWindows = windows.values().stream()
        .filter(v -> ((ReactionWindow) v).getStatus() == WindowStatus.FINAL).count();
    return new OutputDigest(latest.get(Topics.LAYOFF_ANNOUNCEMENTS.name()).size(), reactions.size(), settled,
        windows.size(), finalWindows, records[0], late[0], dead[0], HexFormat.of().formatHex(sha.digest()),
        HexFormat.of().formatHex(settledSha.digest()));
  }

  private static void readAll(BenchCluster cluster, String topic,
      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within 5 minutes");
        }
        consumer.poll(POLL).forEach(each);
      }
    }
  }
}
