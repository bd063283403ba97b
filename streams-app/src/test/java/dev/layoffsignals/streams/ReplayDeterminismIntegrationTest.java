package dev.layoffsignals.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.producers.Event;
import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.WindowStatus;
import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.streams.app.Backlog;
import dev.layoffsignals.streams.app.LayoffSignalsApp;
import dev.layoffsignals.streams.metrics.SignalMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.TopicCreator;
import dev.layoffsignals.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker: the full real-data replay through 6 partitions and 2 instances settles exactly
 * what it settles through 1 partition and 1 instance. Exactly-once, read_committed throughout.
 */
class ReplayDeterminismIntegrationTest {

  static final Duration CATCH_UP = Duration.ofMinutes(3);

  @TempDir
  Path tmp;

  @Test
  @DisplayName("FINAL outputs of 6 partitions and 2 instances equal those of 1 partition and 1 instance")
  void parallelReplayEqualsSerialReplay() throws Exception {
    Outputs serial = run(1, 1, tmp.resolve("serial"));
    Outputs parallel = run(6, 2, tmp.resolve("parallel"));

    assertThat(serial.settledReactions).hasSizeGreaterThan(50);
    assertThat(serial.finalWindows).hasSizeGreaterThan(500);
    assertThat(differences(serial.settledReactions, parallel.settledReactions)).as("settled reactions").isEmpty();
    assertThat(differences(serial.finalWindows, parallel.finalWindows)).as("FINAL windows").isEmpty();
    assertThat(differences(serial.announcements, parallel.announcements)).as("announcements").isEmpty();
    for (Outputs o : List.of(serial, parallel)) {
      assertThat(o.conflictingFinals).as("a key settled twice with different values").isEmpty();
      assertThat(o.errorRecords).as("late-records and dead-letters").isZero();
    }
  }

  /** Keys missing from one side or with other values, at most 20, each with both values: readable when it fails. */
  static <V> List<String> differences(Map<String, V> expected, Map<String, V> actual) {
    List<String> out = new ArrayList<>();
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String k : keys) {
      if (!Objects.equals(expected.get(k), actual.get(k)) && out.size() < 20) {
        out.add(k + ":\n  1x1: " + expected.get(k) + "\n  6x2: " + actual.get(k));
      }
    }
    return out;
  }

  /** The outputs of one run, as a dashboard reading the compacted topics would see them. */
  record Outputs(Map<String, MarketReaction> settledReactions, Map<String, ReactionWindow> finalWindows,
      Map<String, LayoffAnnouncement> announcements, List<String> conflictingFinals, long errorRecords) {
  }

  static Outputs run(int partitions, int instances, Path dir) throws Exception {
    try (LocalKafka kafka = LocalKafka.startInProcess(dir.resolve("kafka"));
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      new TopicCreator(admin, 30_000).ensure(Topics.ALL, Optional.of(partitions), (short) 1);
      awaitLeaders(admin);
      Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + dir.getFileName());
      produce(kafka.bootstrapServers(), serdeConfig, partitions);

      String applicationId = "replay-" + partitions + "-" + instances;
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      List<LayoffSignalsApp> apps = new ArrayList<>();
      try {
        for (int i = 0; i < instances; i++) {
          Map<String, Object> overrides = new HashMap<>(serdeConfig);
          overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
          overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
          overrides.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + i).toString());
          overrides.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
          apps.add(LayoffSignalsApp.start(overrides, registry)); // input partitions read from the broker
        }
        assertThat(apps).allSatisfy(app -> assertThat(app.inputPartitions()).isEqualTo(partitions));
        awaitCaughtUp(admin, apps.get(0));
        for (LayoffSignalsApp app : apps) {
          assertThat(app.streams().metadataForLocalThreads()).as("every instance runs tasks")
              .anySatisfy(thread -> assertThat(thread.activeTasks()).isNotEmpty());
        }
      } finally {
        for (LayoffSignalsApp app : apps) {
          app.close();
        }
      }
      assertThat(registry.find(SignalMetrics.REJECTED).counters()).as("records sent to the error topics").isEmpty();
      return read(kafka.bootstrapServers(), serdeConfig);
    }
  }

  /**
   * The replay, then what the replay command ends with: a heartbeat at the last event time on
   * every partition of heartbeats, vouching for the offsets the data reached on that partition
   * number. A task's clock is the earliest of its input partitions', so at the end of a finite
   * replay the partitions that ran dry earlier (no article after 2024, layoff records not on every
   * partition) would otherwise hold back what may settle.
   */
  static void produce(String bootstrap, Map<String, Object> serdeConfig, int partitions) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // one batch in flight per partition: a retry after NOT_LEADER_OR_FOLLOWER (a freshly created
    // partition whose leader is still loading) cannot be overtaken by the next batch
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    Map<String, Serializer<SpecificRecord>> serializers = new HashMap<>();
    List<Future<?>> sent = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, Serdes.String().serializer(), Serdes.ByteArray().serializer())) {
      for (Event e : HistoricalData.events()) {
        Serializer<SpecificRecord> values = serializers.computeIfAbsent(e.topic().name(), t -> serializer(e.topic(), serdeConfig));
        byte[] value = values.serialize(e.topic().name(), e.value());
        sent.add(producer.send(new ProducerRecord<>(e.topic().name(), null, e.timestamp(), e.key(), value)));
      }
      long last = HistoricalData.events().stream().mapToLong(Event::timestamp).max().orElseThrow();
      // as replay does: each partition's heartbeat vouches for the offsets the data reached there
      producer.flush();
      Map<Integer, Map<String, Long>> ends = new HashMap<>();
      for (Future<?> f : sent) {
        RecordMetadata m = (RecordMetadata) f.get(30, TimeUnit.SECONDS);
        ends.computeIfAbsent(m.partition(), x -> new HashMap<>()).merge(m.topic(), m.offset() + 1, Math::max);
      }
      Serializer<SpecificRecord> heartbeats = serializer(Topics.HEARTBEATS, serdeConfig);
      for (int partition = 0; partition < partitions; partition++) {
        byte[] heartbeat = heartbeats.serialize(Topics.HEARTBEATS.name(),
            new Heartbeat("replay", Instant.ofEpochMilli(last), ends.getOrDefault(partition, Map.of())));
        sent.add(producer.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), partition, last, null, heartbeat)));
      }
      producer.flush();
      for (Future<?> f : sent) {
        f.get(30, TimeUnit.SECONDS); // every record is in, or the test fails here
      }
    } catch (Exception e) {
      throw new AssertionError("Could not publish the replay", e);
    }
  }

  /** Until every partition of the catalogue's topics has a leader: producing earlier only earns retries. */
  static void awaitLeaders(Admin admin) throws Exception {
    Set<String> names = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      boolean ready = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
          .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
      if (ready) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("The topics' partitions have no leader after 30 s");
      }
      TimeUnit.MILLISECONDS.sleep(100); // polling interval of a bounded wait on a condition
    }
  }

  @SuppressWarnings("unchecked")
  static Serializer<SpecificRecord> serializer(Topic<String, ? extends SpecificRecord> topic, Map<String, Object> serdeConfig) {
    return (Serializer<SpecificRecord>) topic.valueSerde(serdeConfig).serializer();
  }

  /** Until nothing is left to process anywhere in the topology (see {@link Backlog}). */
  static void awaitCaughtUp(Admin admin, LayoffSignalsApp app) throws Exception {
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    Backlog backlog = null;
    while (System.nanoTime() < deadline) {
      if (app.streams().state() == KafkaStreams.State.RUNNING) {
        backlog = app.backlog(admin);
        if (backlog.isEmpty()) {
          return;
        }
      }
      TimeUnit.MILLISECONDS.sleep(200); // polling interval of a bounded wait on a condition
    }
    throw new AssertionError("Application " + app.applicationId() + " did not catch up within " + CATCH_UP + ": " + backlog);
  }

  static Outputs read(String bootstrap, Map<String, Object> serdeConfig) {
    List<ConsumerRecord<String, MarketReaction>> reactions = readAll(bootstrap, Topics.MARKET_REACTIONS, serdeConfig);
    List<ConsumerRecord<String, ReactionWindow>> windows = readAll(bootstrap, Topics.REACTION_WINDOWS, serdeConfig);
    List<ConsumerRecord<String, LayoffAnnouncement>> announcements = readAll(bootstrap, Topics.LAYOFF_ANNOUNCEMENTS, serdeConfig);
    List<String> conflicts = new ArrayList<>();
    Map<String, MarketReaction> settled = settled(reactions, r -> r.getStatus() != ReactionStatus.PROVISIONAL, conflicts);
    Map<String, ReactionWindow> finals = settled(windows, w -> w.getStatus() == WindowStatus.FINAL, conflicts);
    Map<String, LayoffAnnouncement> latest = new TreeMap<>();
    for (ConsumerRecord<String, LayoffAnnouncement> r : announcements) {
      if (r.value() == null) {
        latest.remove(r.key());
      } else {
        latest.put(r.key(), r.value());
      }
    }
    long errorRecords = readAll(bootstrap, Topics.LATE_RECORDS, serdeConfig).size()
        + readAll(bootstrap, Topics.DEAD_LETTERS, serdeConfig).size();
    return new Outputs(settled, finals, latest, conflicts, errorRecords);
  }

  /** The settled value of each key; a key settled twice with different values is a conflict. */
  static <V> Map<String, V> settled(List<ConsumerRecord<String, V>> records, Predicate<V> isSettled, List<String> conflicts) {
    Map<String, V> out = new TreeMap<>();
    for (ConsumerRecord<String, V> r : records) {
      if (r.value() != null && isSettled.test(r.value())) {
        V previous = out.put(r.key(), r.value());
        if (previous != null && !previous.equals(r.value())) {
          conflicts.add(r.key());
        }
      }
    }
    return out;
  }

  static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrap, Topic<K, V> topic, Map<String, Object> serdeConfig) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<K, V>> out = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(p, topic.keySerde(serdeConfig).deserializer(),
        topic.valueSerde(serdeConfig).deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Could not read " + topic.name() + " to its end " + ends + " within 60 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    // per-partition order is what a compacted topic keeps; across partitions keys do not meet
    return out;
  }
}
