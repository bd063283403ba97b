package dev.layoffsignals.reliability;

import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.WindowStatus;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import dev.layoffsignals.topics.ErrorHeaders;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * The results of one run as a dashboard reading the topics with {@code read_committed} gets them,
 * kept as the bytes on the topic (schema id included), plus what reveals a run that repeated or
 * lost work:
 *
 * <ul>
 *   <li>{@code layoff-announcements}: the table, latest value per key (a tombstone removes the key);
 *   <li>{@code market-reactions}: the settled value (FINAL or INCOMPLETE) per key;
 *   <li>{@code reaction-windows}: the FINAL value per key;
 *   <li>a key settled twice with different bytes (a FINAL result that changed);
 *   <li>a key whose record repeats the bytes of its previous one: the topology emits changes only,
 *       so a repeat is an update delivered twice;
 *   <li>{@code late-records} and {@code dead-letters}: every record (key and value bytes).
 * </ul>
 */
record Outputs(
    Map<String, Bytes> announcements,
    Map<String, Bytes> settledReactions,
    Map<String, Bytes> finalWindows,
    List<String> changedFinals,
    List<String> repeatedUpdates,
    List<String> lateRecords,
    List<String> deadLetters,
    List<String> errorDetails,
    Map<String, Long> recordsPerTopic,
    long inputRecords,
    Set<String> distinctInputs,
    Set<String> distinctInputsWithoutHeartbeatOffsets,
    List<String> inputDuplicates) {

  /** Reads every output and error topic to its end. */
  static Outputs read(String bootstrapServers, Map<String, ?> serdeConfig) {
    Deserializer<MarketReaction> reactions = Topics.MARKET_REACTIONS.valueSerde(serdeConfig).deserializer();
    Deserializer<ReactionWindow> windows = Topics.REACTION_WINDOWS.valueSerde(serdeConfig).deserializer();
    List<String> changed = new ArrayList<>();
    List<String> repeated = new ArrayList<>();
    Map<String, Long> counts = new TreeMap<>();

    List<ConsumerRecord<byte[], byte[]>> announcementRecords = readAll(bootstrapServers, Topics.LAYOFF_ANNOUNCEMENTS);
    List<ConsumerRecord<byte[], byte[]>> reactionRecords = readAll(bootstrapServers, Topics.MARKET_REACTIONS);
    List<ConsumerRecord<byte[], byte[]>> windowRecords = readAll(bootstrapServers, Topics.REACTION_WINDOWS);
    counts.put(Topics.LAYOFF_ANNOUNCEMENTS.name(), (long) announcementRecords.size());
    counts.put(Topics.MARKET_REACTIONS.name(), (long) reactionRecords.size());
    counts.put(Topics.REACTION_WINDOWS.name(), (long) windowRecords.size());
    repeated.addAll(repeats(Topics.LAYOFF_ANNOUNCEMENTS, announcementRecords));
    repeated.addAll(repeats(Topics.MARKET_REACTIONS, reactionRecords));
    repeated.addAll(repeats(Topics.REACTION_WINDOWS, windowRecords));

    Map<String, Bytes> table = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : announcementRecords) {
      if (r.value() == null) {
        table.remove(key(r));
      } else {
        table.put(key(r), Bytes.wrap(r.value()));
      }
    }
    Map<String, Bytes> settled = settled(Topics.MARKET_REACTIONS, reactionRecords,
        bytes -> reactions.deserialize(Topics.MARKET_REACTIONS.name(), bytes).getStatus() != ReactionStatus.PROVISIONAL, changed);
    Map<String, Bytes> finals = settled(Topics.REACTION_WINDOWS, windowRecords,
        bytes -> windows.deserialize(Topics.REACTION_WINDOWS.name(), bytes).getStatus() == WindowStatus.FINAL, changed);

    List<ConsumerRecord<byte[], byte[]>> lateRecords = readAll(bootstrapServers, Topics.LATE_RECORDS);
    List<ConsumerRecord<byte[], byte[]>> deadRecords = readAll(bootstrapServers, Topics.DEAD_LETTERS);
    List<String> late = errorRecords(lateRecords);
    List<String> dead = errorRecords(deadRecords);
    List<String> details = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : lateRecords) {
      details.add(Topics.LATE_RECORDS.name() + ": " + describe(r));
    }
    for (ConsumerRecord<byte[], byte[]> r : deadRecords) {
      details.add(Topics.DEAD_LETTERS.name() + ": " + describe(r));
    }
    counts.put(Topics.LATE_RECORDS.name(), (long) late.size());
    counts.put(Topics.DEAD_LETTERS.name(), (long) dead.size());
    reactions.close();
    windows.close();
    Set<String> distinct = new java.util.HashSet<>();
    Set<String> withoutOffsets = new java.util.HashSet<>();
    List<String> duplicates = new ArrayList<>();
    readInputs(bootstrapServers, serdeConfig, distinct, withoutOffsets, duplicates);
    return new Outputs(table, settled, finals, changed, repeated, late, dead, details, counts, inputRecords(bootstrapServers),
        distinct, withoutOffsets, duplicates);
  }

  /** Records in the input topics, heartbeats included: what the replay published. */
  private static long inputRecords(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (Topic<?, ?> topic : Topics.INPUTS) {
        consumer.partitionsFor(topic.name()).forEach(pi -> partitions.add(new TopicPartition(pi.topic(), pi.partition())));
      }
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * The distinct input records (topic, partition, timestamp, key and value), and those that repeat
   * an earlier one of their partition: the replay never publishes a record twice, so a repeat is a
   * duplicate a producer retry left. Also the same set with the heartbeats' {@code offsets} left
   * out: a heartbeat vouches for the offsets its sender's records got, so a duplicate shifts the
   * offsets every later heartbeat of that partition names.
   */
  private static void readInputs(String bootstrapServers, Map<String, ?> serdeConfig, Set<String> distinct,
      Set<String> withoutOffsets, List<String> duplicates) {
    try (Deserializer<Heartbeat> heartbeats = Topics.HEARTBEATS.valueSerde(serdeConfig).deserializer()) {
      for (Topic<?, ?> topic : Topics.INPUTS) {
        for (ConsumerRecord<byte[], byte[]> r : readAll(bootstrapServers, topic)) {
          String record = topic.name() + "|" + r.partition() + "|" + r.timestamp() + "|"
              + (r.key() == null ? "" : Bytes.wrap(r.key())) + "|";
          String id = record + Bytes.wrap(r.value());
          if (!distinct.add(id)) {
            duplicates.add(topic.name() + "-" + r.partition() + "@" + r.offset() + " (" + java.time.Instant.ofEpochMilli(r.timestamp()) + ")");
          }
          if (topic == Topics.HEARTBEATS) {
            Heartbeat heartbeat = heartbeats.deserialize(topic.name(), r.value());
            heartbeat.setOffsets(Map.of());
            withoutOffsets.add(record + heartbeat);
          } else {
            withoutOffsets.add(id);
          }
        }
      }
    }
  }

  /** One line per difference with {@code expected} (the reference), at most {@code limit}; empty when equal. */
  List<String> differencesFrom(Outputs expected, Map<String, ?> serdeConfig, int limit) {
    return differencesFrom(expected, serdeConfig, limit, false);
  }

  /**
   * As {@link #differencesFrom(Outputs, Map, int)}; with {@code heartbeatOffsetsMayDiffer}, input
   * heartbeats are compared without their {@code offsets} (see {@link #readInputs}).
   */
  List<String> differencesFrom(Outputs expected, Map<String, ?> serdeConfig, int limit, boolean heartbeatOffsetsMayDiffer) {
    List<String> out = new ArrayList<>();
    Set<String> actualInputs = heartbeatOffsetsMayDiffer ? distinctInputsWithoutHeartbeatOffsets : distinctInputs;
    Set<String> expectedInputs = heartbeatOffsetsMayDiffer ? expected.distinctInputsWithoutHeartbeatOffsets : expected.distinctInputs;
    if (!actualInputs.equals(expectedInputs)) {
      long missing = expectedInputs.stream().filter(id -> !actualInputs.contains(id)).count();
      long extra = actualInputs.stream().filter(id -> !expectedInputs.contains(id)).count();
      out.add("input: " + missing + " records of the reference's replay missing, " + extra + " others published"
          + (heartbeatOffsetsMayDiffer ? " (heartbeats compared without their offsets)" : ""));
    }
    Function<Bytes, String> announcement = decoder(Topics.LAYOFF_ANNOUNCEMENTS, serdeConfig);
    Function<Bytes, String> reaction = decoder(Topics.MARKET_REACTIONS, serdeConfig);
    Function<Bytes, String> window = decoder(Topics.REACTION_WINDOWS, serdeConfig);
    differences(Topics.LAYOFF_ANNOUNCEMENTS.name(), expected.announcements, announcements, announcement, out, limit);
    differences(Topics.MARKET_REACTIONS.name() + " (settled)", expected.settledReactions, settledReactions, reaction, out, limit);
    differences(Topics.REACTION_WINDOWS.name() + " (FINAL)", expected.finalWindows, finalWindows, window, out, limit);
    if (!sorted(expected.lateRecords).equals(sorted(lateRecords)) || !sorted(expected.deadLetters).equals(sorted(deadLetters))) {
      out.add("error topics: expected " + expected.lateRecords.size() + " late records and " + expected.deadLetters.size()
          + " dead letters, got " + lateRecords.size() + " and " + deadLetters.size() + " (not all the same):\n  "
          + String.join("\n  ", errorDetails.subList(0, Math.min(errorDetails.size(), 20))));
    }
    return out;
  }

  private static List<String> sorted(List<String> records) {
    List<String> out = new ArrayList<>(records);
    out.sort(null);
    return out;
  }

  /** A one-line summary: sizes of what is compared, and records per topic. */
  String summary() {
    return String.format("%,d input records; %d announcements, %d settled reactions, %d FINAL windows; records per topic %s",
        inputRecords, announcements.size(), settledReactions.size(), finalWindows.size(), recordsPerTopic);
  }

  private static void differences(String what, Map<String, Bytes> expected, Map<String, Bytes> actual,
      Function<Bytes, String> decode, List<String> out, int limit) {
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String k : keys) {
      Bytes e = expected.get(k);
      Bytes a = actual.get(k);
      if (!Objects.equals(e, a) && out.size() < limit) {
        out.add(what + " " + k + ":\n  expected " + (e == null ? "nothing" : decode.apply(e))
            + "\n  actual   " + (a == null ? "nothing" : decode.apply(a)));
      }
    }
  }

  private static <V> Function<Bytes, String> decoder(Topic<String, V> topic, Map<String, ?> serdeConfig) {
    Deserializer<V> d = topic.valueSerde(serdeConfig).deserializer();
    return bytes -> {
      byte[] b = bytes.get();
      int id = b.length >= 5 ? ((b[1] & 0xff) << 24) | ((b[2] & 0xff) << 16) | ((b[3] & 0xff) << 8) | (b[4] & 0xff) : -1;
      return "[schema id " + id + "] " + d.deserialize(topic.name(), b);
    };
  }

  /** The settled value of each key; a key settled again with other bytes is reported in {@code changed}. */
  private static Map<String, Bytes> settled(Topic<?, ?> topic, List<ConsumerRecord<byte[], byte[]>> records,
      Predicate<byte[]> isSettled, List<String> changed) {
    Map<String, Bytes> out = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (r.value() != null && isSettled.test(r.value())) {
        Bytes previous = out.put(key(r), Bytes.wrap(r.value()));
        if (previous != null && !previous.equals(Bytes.wrap(r.value()))) {
          changed.add(topic.name() + " " + key(r) + " settled twice with different values");
        }
      }
    }
    return out;
  }

  /** Keys whose record repeats the previous record of the same key, byte for byte (tombstones included). */
  private static List<String> repeats(Topic<?, ?> topic, List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, Bytes> last = new HashMap<>();
    Set<String> seen = new TreeSet<>();
    List<String> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String k = key(r);
      Bytes v = Bytes.wrap(r.value() == null ? new byte[0] : r.value());
      if (seen.contains(k) && v.equals(last.get(k))) {
        out.add(topic.name() + " " + k + " at " + r.partition() + "@" + r.offset() + " repeats the previous record of its key");
      }
      seen.add(k);
      last.put(k, v);
    }
    return out;
  }

  private static List<String> errorRecords(List<ConsumerRecord<byte[], byte[]>> records) {
    List<String> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      out.add((r.key() == null ? "null" : Bytes.wrap(r.key()).toString()) + "=" + (r.value() == null ? "null" : Bytes.wrap(r.value()).toString()));
    }
    return out;
  }

  /** Where an error record came from, its event time and the reason, from its headers. */
  private static String describe(ConsumerRecord<byte[], byte[]> r) {
    StringBuilder sb = new StringBuilder();
    for (String h : List.of(ErrorHeaders.SOURCE_TOPIC, ErrorHeaders.SOURCE_PARTITION, ErrorHeaders.SOURCE_OFFSET)) {
      Header header = r.headers().lastHeader(h);
      sb.append(header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8)).append(h.equals(ErrorHeaders.SOURCE_OFFSET) ? "" : "/");
    }
    Header reason = r.headers().lastHeader(ErrorHeaders.REASON);
    return sb + " at " + java.time.Instant.ofEpochMilli(r.timestamp()) + ": "
        + (reason == null ? "no reason" : new String(reason.value(), StandardCharsets.UTF_8));
  }

  private static String key(ConsumerRecord<byte[], byte[]> r) {
    return r.key() == null ? "<null>" : new String(r.key(), StandardCharsets.UTF_8);
  }

  /** Every committed record of the topic, in partition order (keys never meet across partitions). */
  static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, Topic<?, ?> topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(pi -> new TopicPartition(pi.topic(), pi.partition())).sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions); // read_committed: the last stable offsets
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Could not read " + topic.name() + " to its end " + ends + " within 60 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
