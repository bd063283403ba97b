package dev.layoffsignals.producers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.producers.articles.ArticleSources;
import dev.layoffsignals.producers.layoffs.GazetteerResolver;
import dev.layoffsignals.producers.layoffs.LayoffsFyiSource;
import dev.layoffsignals.producers.replay.EventTimeMerger;
import dev.layoffsignals.producers.replay.ReplayFilter;
import dev.layoffsignals.producers.ticks.TickCsvSource;
import dev.layoffsignals.registry.LocalSchemaRegistry;
import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code replay} against a real broker and a real schema registry: a slice of the real data
 * (2022-10-01 .. 2022-11-30: META and QQQ, every layoffs.fyi row of the period, the corpus
 * articles of the period) is published, read back, and compared record by record with what the
 * parsers yield for the same slice: same keys, values and timestamps, in event-time order per key;
 * then one heartbeat per partition of heartbeats, at the largest event time replayed, vouching for
 * every data input. Also on that broker: a command's heartbeat vouches for the records another
 * producer wrote before it, and the end-offsets lookup heartbeats use ({@link AdminEndOffsets}).
 *
 * <p>Each test reads from the end offsets before its run, so the tests do not depend on their order.
 */
class ReplayIntegrationTest {

  private static final Path DATA = Path.of("../data/historical");
  private static final Path ARTICLES = Path.of("src/test/resources/corpus/articles.jsonl");
  private static final LocalDate FROM = LocalDate.of(2022, 10, 1);
  private static final LocalDate TO = LocalDate.of(2022, 11, 30);
  private static final List<Topic<String, ? extends SpecificRecord>> DATA_TOPICS =
      List.of(Topics.ARTICLES, Topics.STOCK_TICKS, Topics.LAYOFF_RECORDS);

  @TempDir
  static Path workDir;

  private static LocalKafka kafka;
  private static LocalSchemaRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    kafka = LocalKafka.startInProcess(workDir.resolve("kafka"));
    registry = LocalSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      // the catalogue's inputs: the three data topics and heartbeats, 6 partitions each
      admin.createTopics(Topics.INPUTS.stream().map(t -> t.newTopic(Optional.empty(), (short) 1)).toList()).all().get();
    }
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  /** What the replay must publish, from the parsers alone: (topic, key) to the (timestamp, value) list, in order. */
  private static Map<String, List<String>> expected() throws Exception {
    Rejects rejects = Rejects.collecting();
    List<EventSource> sources = List.of(
        ArticleSources.open(ARTICLES.toString(), new ByteArrayInputStream(new byte[0]), rejects),
        TickCsvSource.open(DATA.resolve("prices/META.csv"), rejects),
        TickCsvSource.open(DATA.resolve("prices/QQQ.csv"), rejects),
        LayoffsFyiSource.open(DATA.resolve("layoffs.csv"), GazetteerResolver.load(null), rejects));
    ReplayFilter filter = ReplayFilter.of(FROM, TO, Set.of());
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    try (EventTimeMerger merged = new EventTimeMerger(sources, rejects)) {
      Event e;
      while ((e = merged.next()) != null) {
        if (filter.accepts(e)) {
          byKey.computeIfAbsent(e.topic().name() + "/" + e.key(), k -> new ArrayList<>()).add(e.timestamp() + " " + e.value());
        }
      }
    }
    assertThat(rejects.rejections()).isEmpty();
    return byKey;
  }

  @Test
  @DisplayName("a replayed slice reads back with exactly the expected keys, values and timestamps, in event-time order per key")
  void replaySlice() throws Exception {
    Map<TopicPartition, Long> dataStart = endOffsets(DATA_TOPICS);
    Map<TopicPartition, Long> heartbeatStart = endOffsets(List.of(Topics.HEARTBEATS));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = replay(out, err, "--data-dir", DATA.toString(), "--articles", ARTICLES.toString(),
        "--from", FROM.toString(), "--to", TO.toString(), "--symbols", "META,QQQ");

    assertThat(exit).as("exit code; stderr: %s", err).isZero();
    Map<String, List<String>> expected = expected();
    int total = expected.values().stream().mapToInt(List::size).sum();
    // 42 sessions (Oct 21 + Nov 21) x 2 symbols x (OPEN + CLOSE); 340 layoffs.fyi rows; 2 articles
    assertThat(total).isEqualTo(42 * 2 * 2 + 340 + 2);
    assertThat(out.toString()).containsPattern("(?m)^stock-ticks +168 +168 +0$")
        .containsPattern("(?m)^layoff-records +340 +340 +0$")
        .containsPattern("(?m)^articles +2 +2 +0$");

    Map<String, List<String>> actual = readBack(dataStart, total);

    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((key, records) -> assertThat(actual.get(key)).as(key).containsExactlyElementsOf(records));
    actual.values().forEach(records -> assertThat(records)
        .extracting(r -> Long.parseLong(r.substring(0, r.indexOf(' ')))).isSorted());

    // anchors independent of our parsers: META closed at 100.77 (adjusted) on 2022-11-09, the day it
    // announced 11,000 layoffs, which layoffs.fyi dates 11/9/2022
    assertThat(actual.get("stock-ticks/META")).anySatisfy(r -> assertThat(r)
        .startsWith(Instant.parse("2022-11-09T21:00:00Z").toEpochMilli() + " ")
        .contains("\"kind\": \"CLOSE\"").contains("\"price\": 100.766"));   // README: 100.77, rounded
    assertThat(actual.entrySet()).filteredOn(en -> en.getKey().startsWith("layoff-records/"))
        .flatExtracting(Map.Entry::getValue)
        .anySatisfy(r -> assertThat(r).startsWith(Instant.parse("2022-11-09T05:00:00Z").toEpochMilli() + " ")
            .contains("\"company\": \"Meta\"", "\"ticker\": \"META\"", "\"headcount\": 11000"));

    // the final heartbeat: exactly one per partition, after the data, at the largest event time replayed
    long maxEventTime = expected.values().stream().flatMap(List::stream)
        .mapToLong(r -> Long.parseLong(r.substring(0, r.indexOf(' ')))).max().orElseThrow();
    assertThat(Instant.ofEpochMilli(maxEventTime)).isEqualTo(Instant.parse("2022-11-30T21:00:00Z"));   // the last close
    java.util.regex.Matcher summary = java.util.regex.Pattern.compile(
        "(?m)^heartbeat  2022-11-30T21:00:00Z to 6 partitions of heartbeats, after (\\d+) periodic heartbeats?$").matcher(out.toString());
    assertThat(summary.find()).as("summary: %s", out).isTrue();
    int periodic = Integer.parseInt(summary.group(1));
    // at most one per day of event time over Oct 21 .. Nov 30 (which days: HeartbeatScheduleTest)
    assertThat(periodic).isPositive().isLessThanOrEqualTo((int) java.time.temporal.ChronoUnit.DAYS.between(FROM, TO) + 1);
    // on every partition: the periodic heartbeats, then the final one, which vouches for every
    // data input of that partition number: what the replay wrote there (its acknowledged end) or,
    // where it wrote nothing, the end offset before the heartbeat; both are the end offsets now
    Map<TopicPartition, Long> dataEnd = endOffsets(DATA_TOPICS);
    Map<Integer, List<String>> heartbeats = readHeartbeats(heartbeatStart);
    assertThat(heartbeats).hasSize(Topics.HEARTBEATS.partitions());
    heartbeats.forEach((partition, records) -> {
      assertThat(records).as("partition %d", partition).hasSize(periodic + 1);
      Map<String, Long> vouched = new java.util.TreeMap<>();
      dataEnd.forEach((tp, end) -> {
        if (tp.partition() == partition) {
          vouched.put(tp.topic(), end);
        }
      });
      assertThat(vouched).as("partition %d", partition).containsOnlyKeys("articles", "layoff-records", "stock-ticks");
      assertThat(records.get(periodic)).as("partition %d", partition).isEqualTo(
          "key=null timestamp=" + maxEventTime + " " + new Heartbeat("replay", Instant.ofEpochMilli(maxEventTime), vouched));
    });
  }

  @Test
  @DisplayName("replay --no-heartbeat publishes the data and no heartbeat")
  void noHeartbeat() throws Exception {
    Map<TopicPartition, Long> ticksStart = endOffsets(List.of(Topics.STOCK_TICKS));
    Map<TopicPartition, Long> heartbeatStart = endOffsets(List.of(Topics.HEARTBEATS));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = replay(out, err, "--data-dir", DATA.toString(), "--from", "2022-11-01", "--to", "2022-11-02",
        "--symbols", "META", "--no-heartbeat");

    assertThat(exit).as("exit code; stderr: %s", err).isZero();
    // 2 sessions x META x (OPEN + CLOSE), all acknowledged, so all in the log now
    assertThat(added(ticksStart, endOffsets(List.of(Topics.STOCK_TICKS)))).isEqualTo(4);
    assertThat(endOffsets(List.of(Topics.HEARTBEATS))).isEqualTo(heartbeatStart);
    assertThat(out.toString()).doesNotContain("heartbeat");
  }

  @Test
  @DisplayName("produce-ticks --heartbeat after articles were written by another run: every heartbeat vouches for the"
      + " articles topic's end offsets, exactly, and for its own ticks")
  void heartbeatVouchesForAnotherProducersRecords() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // another producer: the corpus articles, no heartbeat
    assertThat(run(new ProduceArticlesCommand(), out, err, ARTICLES.toString())).as("stderr: %s", err).isZero();
    Map<TopicPartition, Long> articlesEnd = endOffsets(List.of(Topics.ARTICLES));
    assertThat(articlesEnd.values()).as("articles spread over several partitions").filteredOn(end -> end > 0).hasSizeGreaterThan(1);
    Map<TopicPartition, Long> ticksStart = endOffsets(List.of(Topics.STOCK_TICKS));
    Map<TopicPartition, Long> heartbeatStart = endOffsets(List.of(Topics.HEARTBEATS));
    java.nio.file.Path csv = java.nio.file.Files.writeString(workDir.resolve("VOUCH.csv"), "Date,Close,High,Low,Open,Volume\n"
        + "2022-11-08,96.47,97.7,94.6,96.0,30000000\n"
        + "2022-11-10,111.87,112.0,104.0,105.0,80000000\n");

    assertThat(run(new ProduceTicksCommand(), out, err, "--heartbeat", csv.toString())).as("stderr: %s", err).isZero();

    assertThat(endOffsets(List.of(Topics.ARTICLES))).as("nothing wrote articles since").isEqualTo(articlesEnd);
    Map<TopicPartition, Long> ticksEnd = endOffsets(List.of(Topics.STOCK_TICKS));
    assertThat(added(ticksStart, ticksEnd)).as("2 sessions x (OPEN + CLOSE), all of VOUCH").isEqualTo(4);
    Map<TopicPartition, Long> layoffsEnd = endOffsets(List.of(Topics.LAYOFF_RECORDS));
    long close = Instant.parse("2022-11-10T21:00:00Z").toEpochMilli();
    Map<Integer, List<String>> heartbeats = readHeartbeats(heartbeatStart);
    assertThat(heartbeats).hasSize(Topics.HEARTBEATS.partitions());
    heartbeats.forEach((partition, records) -> {
      Map<String, Long> vouched = new TreeMap<>(Map.of(
          "articles", articlesEnd.get(new TopicPartition("articles", partition)),
          "layoff-records", layoffsEnd.get(new TopicPartition("layoff-records", partition)),
          "stock-ticks", ticksEnd.get(new TopicPartition("stock-ticks", partition))));
      assertThat(records).as("partition %d", partition).containsExactly(
          "key=null timestamp=" + close + " " + new Heartbeat("produce-ticks", Instant.ofEpochMilli(close), vouched));
    });
  }

  @Test
  @DisplayName("the end-offsets lookup: each partition's high watermark, records of an open transaction included;"
      + " a missing topic or partition left out")
  void endOffsetsLookup() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("vouch-probe", 2, (short) 1))).all().get();
      EndOffsets lookup = EndOffsets.of(admin, Duration.ofSeconds(30));
      TopicPartition p0 = new TopicPartition("vouch-probe", 0);
      TopicPartition p1 = new TopicPartition("vouch-probe", 1);
      try (org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(Map.of(
          org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          org.apache.kafka.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG, "vouch-probe"),
          new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        for (int i = 0; i < 3; i++) {
          producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("vouch-probe", 1, null, new byte[] {(byte) i}));
        }
        producer.flush();   // on the broker, not committed

        assertThat(lookup.latest(List.of(p0, p1, new TopicPartition("vouch-probe", 2), new TopicPartition("vouch-missing", 0))))
            .as("read_uncommitted: the high watermark").containsOnly(Map.entry(p0, 0L), Map.entry(p1, 3L));
        producer.abortTransaction();
      }
      assertThat(lookup.latest(List.of(new TopicPartition("vouch-missing", 0)))).isEmpty();
      lookup.close();
      assertThat(admin.listTopics().names().get()).as("the admin is the caller's: still usable").contains("vouch-probe");
    }
  }

  /** The heartbeat with its offsets in topic order, so that two print alike. */
  private static Heartbeat sortedOffsets(Heartbeat h) {
    h.setOffsets(new java.util.TreeMap<>(h.getOffsets()));
    return h;
  }

  /** Runs replay against the test's broker and registry. */
  private static int replay(StringWriter out, StringWriter err, String... args) {
    return run(new ReplayCommand(), out, err, args);
  }

  /** Runs a command against the test's broker and registry. */
  private static int run(PublishingCommand command, StringWriter out, StringWriter err, String... args) {
    command.environment = Map.of();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("--bootstrap-servers", kafka.bootstrapServers(),
        "--schema-registry-url", registry.url(), "--no-progress"));
    all.addAll(List.of(args));
    return cl.execute(all.toArray(String[]::new));
  }

  private static KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
  }

  /** The end offset of every partition of the topics. */
  private static Map<TopicPartition, Long> endOffsets(List<? extends Topic<?, ?>> topics) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (Topic<?, ?> t : topics) {
        consumer.partitionsFor(t.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      return Map.copyOf(consumer.endOffsets(partitions));
    }
  }

  private static long added(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after) {
    return after.entrySet().stream().mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
  }

  /** The records of heartbeats from the given offsets to the end, per partition, decoded. */
  private static Map<Integer, List<String>> readHeartbeats(Map<TopicPartition, Long> start) {
    Map<TopicPartition, Long> end = endOffsets(List.of(Topics.HEARTBEATS));
    Deserializer<Heartbeat> values = Topics.HEARTBEATS.valueSerde(Map.of("schema.registry.url", registry.url())).deserializer();
    Map<Integer, List<String>> byPartition = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.assign(start.keySet());
      start.forEach(consumer::seek);
      long expected = added(start, end);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int read = 0;
      while (read < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add("key=" + (r.key() == null ? "null" : "bytes")
              + " timestamp=" + r.timestamp() + " " + sortedOffsets(values.deserialize(r.topic(), r.value())));
          read++;
        }
      }
      assertThat(read).as("heartbeats read back within 30 s").isEqualTo(expected);
    }
    return byPartition;
  }

  /**
   * Everything on the three data topics from the given offsets, decoded with the catalogue's serdes,
   * grouped by topic/key in offset order.
   */
  private static Map<String, List<String>> readBack(Map<TopicPartition, Long> start, int total) {
    Map<String, Deserializer<?>> values = new LinkedHashMap<>();
    Map<String, Object> serdeConfig = Map.of("schema.registry.url", registry.url());
    DATA_TOPICS.forEach(t -> values.put(t.name(), t.valueSerde(serdeConfig).deserializer()));
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.assign(start.keySet());
      start.forEach(consumer::seek);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int read = 0;
      while (read < total && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          Object v = values.get(r.topic()).deserialize(r.topic(), r.value());
          byKey.computeIfAbsent(r.topic() + "/" + new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
              k -> new ArrayList<>()).add(r.timestamp() + " " + v);
          read++;
        }
      }
      assertThat(read).as("records read back within 30 s").isEqualTo(total);
      // nothing more than expected
      assertThat(consumer.poll(Duration.ofMillis(200))).isEmpty();
    }
    return byKey;
  }
}
