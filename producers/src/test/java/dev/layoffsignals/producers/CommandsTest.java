package dev.layoffsignals.producers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import dev.layoffsignals.topics.Topics;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The four commands end to end with a MockProducer and an in-memory registry: exit codes, records, rejects, summary. */
class CommandsTest {

  private static final String REGISTRY = "mock://producers-commands-test";
  private static final Path DATA = Path.of("../data/historical");

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final List<Map<String, Object>> producerConfigs = new ArrayList<>();
  private final List<Map<String, Object>> adminConfigs = new ArrayList<>();
  private MockProducer<byte[], byte[]> producer = newProducer();
  /** The data inputs' partitions 0..5, each holding records others wrote (see {@link #othersEnd}). */
  private final FakeEndOffsets endOffsets = new FakeEndOffsets(tp -> tp.partition() < 6, CommandsTest::othersEnd);
  private java.util.function.Function<Map<String, Object>, EndOffsets> endOffsetsFactory = config -> endOffsets;

  /** End offsets others left: articles-p at 1000 + p, stock-ticks-p at 2000 + p, layoff-records-p at 3000 + p. */
  private static long othersEnd(org.apache.kafka.common.TopicPartition tp) {
    return 1000L * (Topics.DATA_INPUTS.stream().map(t -> t.name()).toList().indexOf(tp.topic()) + 1) + tp.partition();
  }

  /** An auto-completing MockProducer whose cluster has the inputs with 6 partitions, keyed records spread as a real producer does. */
  private static MockProducer<byte[], byte[]> newProducer() {
    return new MockProducer<>(HeartbeatCluster.withPartitions(6), true, new HeartbeatCluster.KeyHashPartitioner(), new ByteArraySerializer(), new ByteArraySerializer());
  }

  private int run(PublishingCommand command, String... args) {
    return runWithStdin(command, "", args);
  }

  private int runWithStdin(PublishingCommand command, String stdin, String... args) {
    command.producerFactory = config -> {
      producerConfigs.add(config);
      return producer;
    };
    command.endOffsetsFactory = config -> {
      adminConfigs.add(config);
      return endOffsetsFactory.apply(config);
    };
    command.environment = Map.of();
    command.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("--schema-registry-url", REGISTRY, "--no-progress"));
    all.addAll(List.of(args));
    return cl.execute(all.toArray(String[]::new));
  }

  private static <V> V value(dev.layoffsignals.topics.Topic<String, V> topic, byte[] bytes) {
    try (Deserializer<V> d = topic.valueSerde(Map.of("schema.registry.url", REGISTRY)).deserializer()) {
      return d.deserialize(topic.name(), bytes);
    }
  }

  private Path metaCsv() throws Exception {
    return Files.writeString(dir.resolve("META.csv"), "Date,Close,High,Low,Open,Volume\n"
        + "2022-11-08,96.47,97.7,94.6,96.0,30000000\n"
        + "2022-11-09,-1,101.5,98.2,99.0,93000000\n"
        + "2022-11-10,111.87,112.0,104.0,105.0,80000000\n");
  }

  @Test
  @DisplayName("produce-ticks: exact keys, values and timestamps; a bad line reported, written to --rejects, counted; exit 0")
  void produceTicks() throws Exception {
    Path csv = metaCsv();
    Path rejects = dir.resolve("out/rejects.tsv");

    int exit = run(new ProduceTicksCommand(), "--rejects", rejects.toString(), csv.toString());

    assertThat(exit).isZero();
    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertThat(sent).extracting(ProducerRecord::topic).containsOnly("stock-ticks");
    assertThat(sent).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsOnly("META");
    assertThat(sent).extracting(ProducerRecord::timestamp).containsExactly(
        Instant.parse("2022-11-08T14:30:00Z").toEpochMilli(), Instant.parse("2022-11-08T21:00:00Z").toEpochMilli(),
        Instant.parse("2022-11-10T14:30:00Z").toEpochMilli(), Instant.parse("2022-11-10T21:00:00Z").toEpochMilli());
    assertThat(sent).extracting(r -> value(Topics.STOCK_TICKS, r.value())).containsExactly(
        new StockTick("META", Instant.parse("2022-11-08T14:30:00Z"), 96.0, 30_000_000L, TickKind.OPEN),
        new StockTick("META", Instant.parse("2022-11-08T21:00:00Z"), 96.47, 30_000_000L, TickKind.CLOSE),
        new StockTick("META", Instant.parse("2022-11-10T14:30:00Z"), 105.0, 80_000_000L, TickKind.OPEN),
        new StockTick("META", Instant.parse("2022-11-10T21:00:00Z"), 111.87, 80_000_000L, TickKind.CLOSE));
    assertThat(Files.readAllLines(rejects)).containsExactly(
        "file\tline\treason\trecord",
        csv + "\t3\tnegative price -1 in Close\t2022-11-09,-1,101.5,98.2,99.0,93000000");
    assertThat(err.toString()).contains("rejected " + csv + ":3: negative price -1 in Close");
    assertThat(out.toString()).containsPattern(
        "(?m)^" + java.util.regex.Pattern.quote(csv.toString()) + " +3 +1 +4 +0 +4 +0$");
    assertThat(out.toString()).containsPattern("(?m)^stock-ticks +4 +4 +0$");
    assertThat(adminConfigs).as("no heartbeat, no admin client").isEmpty();
  }

  @Test
  @DisplayName("the producer is idempotent with acks=all whatever the settings say; settings are layered")
  void producerSettings() throws Exception {
    Path config = Files.writeString(dir.resolve("p.properties"), "linger.ms=5\ncompression.type=zstd\nacks=1\n");
    PublishingCommand command = new ProduceTicksCommand();

    run(command, "--config", config.toString(), "-p", "compression.type=gzip", "-p", "enable.idempotence=false",
        "--bootstrap-servers", "broker:9093", metaCsv().toString());

    assertThat(producerConfigs).hasSize(1);
    Map<String, Object> c = producerConfigs.get(0);
    assertThat(c).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
        .containsEntry("linger.ms", "5").containsEntry("compression.type", "gzip")
        .containsEntry("bootstrap.servers", "broker:9093")
        .doesNotContainKey("schema.registry.url");
  }

  @Test
  @DisplayName("--strict: the first bad line is fatal with exit code 2, naming file and line")
  void strict() throws Exception {
    Path csv = metaCsv();
    Path rejects = dir.resolve("rejects.tsv");
    int exit = run(new ProduceTicksCommand(), "--strict", "--rejects", rejects.toString(), csv.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("error: " + csv + ":3: negative price -1 in Close (--strict: stopping at the first bad record)");
    assertThat(Files.readAllLines(rejects)).hasSize(2).last().asString().startsWith(csv + "\t3\tnegative price -1 in Close");
    // the line before the bad one had been sent already: --strict stops, it does not roll back
    assertThat(producer.history()).hasSize(2);
  }

  @Test
  @DisplayName("an unreadable file or a bad argument: exit code 2 before any producer is made")
  void badArguments() {
    assertThat(run(new ProduceTicksCommand(), dir.resolve("missing.csv").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("error: Cannot read " + dir.resolve("missing.csv"));
    assertThat(run(new ProduceTicksCommand(), "--synthetic", "symbols=x")).isEqualTo(2);
    assertThat(run(new ProduceTicksCommand())).isEqualTo(2);
    assertThat(run(new ReplayCommand(), "--from", "2023-01-02", "--to", "2023-01-01")).isEqualTo(2);
    assertThat(run(new ReplayCommand(), "--data-dir", dir.toString())).isEqualTo(2);
    assertThat(run(new ImportLayoffsCommand(), "--config", dir.resolve("none.properties").toString(),
        DATA.resolve("layoffs.csv").toString())).isEqualTo(2);
    assertThat(run(new ReplayCommand(), "--speed", "fast")).isEqualTo(2);
    assertThat(producerConfigs).isEmpty();
  }

  @Test
  @DisplayName("a send that fails (acknowledged with an error) makes the command exit 1")
  void failedSend() throws Exception {
    producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
      @Override
      public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        Future<RecordMetadata> f = super.send(record, callback);
        errorNext(new TimeoutException("Expiring 1 record(s) for stock-ticks-0"));
        return f;
      }
    };

    int exit = run(new ProduceTicksCommand(), metaCsv().toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("error: publishing failed: org.apache.kafka.common.errors.TimeoutException:"
        + " Expiring 1 record(s) for stock-ticks-0");
    assertThat(out.toString()).containsPattern("(?m)^stock-ticks +1 +0 +1$");
  }

  @Test
  @DisplayName("--dry-run parses and counts, and makes no producer")
  void dryRun() throws Exception {
    int exit = run(new ImportLayoffsCommand(), "--dry-run", DATA.resolve("layoffs.csv").toString());

    assertThat(exit).isZero();
    assertThat(producerConfigs).isEmpty();
    assertThat(adminConfigs).isEmpty();
    assertThat(out.toString()).contains("dry run, nothing published: 4,277 records")
        .containsPattern("(?m)^layoff-records +4277 +0 +0$");
  }

  @Test
  @DisplayName("import-layoffs: every row of the shipped export published, keyed by record id, stamped with announced_at")
  void importLayoffs() {
    int exit = run(new ImportLayoffsCommand(), DATA.resolve("layoffs.csv").toString());

    assertThat(exit).isZero();
    assertThat(producer.history()).hasSize(4277);
    ProducerRecord<byte[], byte[]> first = producer.history().get(0);
    LayoffAnnouncement a = value(Topics.LAYOFF_RECORDS, first.value());
    assertThat(a.getCompany()).isEqualTo("Amazon");
    assertThat(a.getHeadcount()).isEqualTo(16000);
    assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo(a.getAnnouncementId());
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2026-01-28T05:00:00Z").toEpochMilli());
    assertThat(first.topic()).isEqualTo("layoff-records");
  }

  @Test
  @DisplayName("replay of the bundled data: merged in event time, filtered by dates and symbols, identical on a second run")
  void replayBundledData() {
    String[] args = {"--data-dir", DATA.toString(), "--from", "2022-11-07", "--to", "2022-11-10", "--symbols", "META,QQQ"};
    assertThat(run(new ReplayCommand(), args)).isZero();
    List<ProducerRecord<byte[], byte[]>> first = List.copyOf(producer.history());
    producer = newProducer();
    assertThat(run(new ReplayCommand(), args)).isZero();
    List<ProducerRecord<byte[], byte[]>> second = producer.history();

    // 4 sessions x 2 symbols x (OPEN + CLOSE) + the 43 layoffs.fyi rows dated 2022-11-07 .. 2022-11-10,
    // then the final heartbeat on each of the 6 partitions of heartbeats (4 days: no periodic one)
    assertThat(first).hasSize(16 + 43 + 6);
    assertThat(first).extracting(ProducerRecord::timestamp).isSorted();
    Map<String, Long> perTopic = new HashMap<>();
    first.forEach(r -> perTopic.merge(r.topic(), 1L, Long::sum));
    assertThat(perTopic).containsOnly(Map.entry("stock-ticks", 16L), Map.entry("layoff-records", 43L),
        Map.entry("heartbeats", 6L));
    assertThat(second).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i).topic()).isEqualTo(first.get(i).topic());
      assertThat(second.get(i).key()).isEqualTo(first.get(i).key());
      assertThat(second.get(i).value()).isEqualTo(first.get(i).value());
      assertThat(second.get(i).timestamp()).isEqualTo(first.get(i).timestamp());
    }
    // META's close of 2022-11-09, the day of the layoff announcement: +5.18 % on the adjusted file
    StockTick close = first.stream().filter(r -> r.topic().equals("stock-ticks"))
        .map(r -> value(Topics.STOCK_TICKS, r.value()))
        .filter(t -> t.getSymbol().equals("META") && t.getKind() == TickKind.CLOSE
            && t.getTradedAt().equals(Instant.parse("2022-11-09T21:00:00Z")))
        .findFirst().orElseThrow();
    assertThat(close.getPrice()).isEqualTo(100.77, org.assertj.core.api.Assertions.within(0.005));
  }

  @Test
  @DisplayName("produce-articles from standard input")
  void articlesFromStdin() {
    int exit = runWithStdin(new ProduceArticlesCommand(),
        "{\"id\":\"a1\",\"published_at\":\"2023-01-18T12:00:00Z\",\"title\":\"MSFT cuts 10,000\"}\n"
            + "not json\n");

    assertThat(exit).isZero();
    assertThat(producer.history()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("a1");
    assertThat(producer.history().get(0).timestamp()).isEqualTo(Instant.parse("2023-01-18T12:00:00Z").toEpochMilli());
    assertThat(err.toString()).contains("rejected <stdin>:2: unparseable JSON");
  }

  @Test
  @DisplayName("produce-ticks from standard input: trades with a symbol column")
  void ticksFromStdin() {
    assertThat(runWithStdin(new ProduceTicksCommand(),
        "symbol,timestamp,price,volume\nmsft,2023-01-18 09:30:00,240.5,100\n", "-")).isZero();
    assertThat(producer.history()).extracting(r -> value(Topics.STOCK_TICKS, r.value())).containsExactly(
        new StockTick("MSFT", Instant.parse("2023-01-18T14:30:00Z"), 240.5, 100L, TickKind.TRADE));
  }

  @Test
  @DisplayName("produce-ticks --synthetic publishes the generator's ticks with their trade times")
  void synthetic() {
    int exit = run(new ProduceTicksCommand(), "--synthetic", "symbols=2,days=1,ticks-per-session=3,seed=9");

    assertThat(exit).isZero();
    assertThat(producer.history()).hasSize(3 * 5);
    List<StockTick> expected = dev.layoffsignals.producers.ticks.SyntheticTicks.stream(
        dev.layoffsignals.producers.ticks.SyntheticTicks.Spec.parse("symbols=2,days=1,ticks-per-session=3,seed=9")).toList();
    assertThat(producer.history()).extracting(r -> value(Topics.STOCK_TICKS, r.value())).isEqualTo(expected);
    assertThat(producer.history()).extracting(ProducerRecord::timestamp)
        .isEqualTo(expected.stream().map(t -> t.getTradedAt().toEpochMilli()).toList());
  }

  // ---- heartbeats

  private static final long NOV_10_CLOSE = Instant.parse("2022-11-10T21:00:00Z").toEpochMilli();

  private static boolean isHeartbeat(ProducerRecord<byte[], byte[]> r) {
    return r.topic().equals("heartbeats");
  }

  private static List<ProducerRecord<byte[], byte[]>> heartbeats(List<ProducerRecord<byte[], byte[]>> records) {
    return records.stream().filter(CommandsTest::isHeartbeat).toList();
  }

  /** Asserts that {@code records} are exactly one heartbeat per partition 0..5 of {@code source} at {@code watermark}. */
  private static void assertOneRound(List<ProducerRecord<byte[], byte[]>> records, String source, long watermark) {
    assertThat(records).extracting(ProducerRecord::topic).containsOnly("heartbeats");
    assertThat(records).extracting(ProducerRecord::partition).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(records).extracting(ProducerRecord::key).containsOnlyNulls();
    assertThat(records).extracting(ProducerRecord::timestamp).containsOnly(watermark);
    assertThat(records).extracting(r -> value(Topics.HEARTBEATS, r.value()))
        .allSatisfy(h -> {
          assertThat(h.getSource()).isEqualTo(source);
          assertThat(h.getWatermark()).isEqualTo(Instant.ofEpochMilli(watermark));
        });
  }

  /**
   * Each heartbeat vouches for every data input on its partition: for a topic the command had
   * written there, exactly the records sent before it (offsets = how many there were: MockProducer
   * numbers each partition's records from 0), not the larger end offset; for any other, the end
   * offset the lookup gives ({@link #othersEnd}).
   */
  private static void assertVouchedOffsets(List<ProducerRecord<byte[], byte[]>> sent) {
    Map<Integer, Map<String, Long>> written = new java.util.TreeMap<>();
    int heartbeats = 0;
    for (ProducerRecord<byte[], byte[]> r : sent) {
      if (isHeartbeat(r)) {
        heartbeats++;
        Map<String, Long> expected = new java.util.TreeMap<>();
        for (dev.layoffsignals.topics.Topic<?, ?> t : Topics.DATA_INPUTS) {
          Long own = written.getOrDefault(r.partition(), Map.of()).get(t.name());
          expected.put(t.name(), own != null ? own : othersEnd(new org.apache.kafka.common.TopicPartition(t.name(), r.partition())));
        }
        assertThat(new java.util.TreeMap<>(value(Topics.HEARTBEATS, r.value()).getOffsets()))
            .as("heartbeat %d on partition %d", heartbeats, r.partition()).isEqualTo(expected);
      } else {
        int partition = org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(r.key(), 6);
        written.computeIfAbsent(partition, p -> new java.util.TreeMap<>()).merge(r.topic(), 1L, Long::sum);
      }
    }
    assertThat(heartbeats).isPositive();
    assertThat(written.values().stream().mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum()).sum())
        .as("every data record was keyed and counted").isEqualTo(sent.size() - heartbeats);
  }

  private static final String[] NOV_7_TO_10 =
      {"--data-dir", DATA.toString(), "--from", "2022-11-07", "--to", "2022-11-10", "--symbols", "META,QQQ"};

  @Test
  @DisplayName("replay ends with one heartbeat per partition, after every data record, at the largest event time published")
  void replayFinalHeartbeat() {
    List<String> args = new ArrayList<>(List.of(NOV_7_TO_10));
    args.addAll(List.of("--heartbeat-interval", "P1D"));
    assertThat(run(new ReplayCommand(), args.toArray(String[]::new))).isZero();

    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    List<ProducerRecord<byte[], byte[]>> data = sent.stream().filter(r -> !isHeartbeat(r)).toList();
    assertThat(data).extracting(ProducerRecord::timestamp).last().isEqualTo(NOV_10_CLOSE);
    assertThat(sent.indexOf(data.get(data.size() - 1))).as("the final heartbeat comes after every data record")
        .isEqualTo(sent.size() - 7);
    assertOneRound(sent.subList(sent.size() - 6, sent.size()), "replay", NOV_10_CLOSE);
    // and one a day of event time on the way (closes of 11-07 .. 11-09), each vouching for what preceded it
    List<ProducerRecord<byte[], byte[]>> periodic = heartbeats(sent.subList(0, sent.size() - 6));
    assertThat(periodic).hasSize(18);
    assertVouchedOffsets(sent);
    assertThat(out.toString()).containsPattern(
            "(?m)^heartbeat  2022-11-10T21:00:00Z to 6 partitions of heartbeats, after 3 periodic heartbeats$")
        .containsPattern("(?m)^stock-ticks +16 +16 +0$");
  }

  @Test
  @DisplayName("replay --no-heartbeat sends none and says nothing about it")
  void replayNoHeartbeat() {
    List<String> args = new ArrayList<>(List.of(NOV_7_TO_10));
    args.add("--no-heartbeat");

    assertThat(run(new ReplayCommand(), args.toArray(String[]::new))).isZero();

    assertThat(producer.history()).hasSize(16 + 43).noneMatch(CommandsTest::isHeartbeat);
    assertThat(out.toString()).doesNotContain("heartbeat");
    assertThat(adminConfigs).as("no heartbeat, no admin client").isEmpty();
  }

  @Test
  @DisplayName("replay --dry-run says which heartbeat it would send, and makes no producer")
  void replayDryRunHeartbeat() {
    List<String> args = new ArrayList<>(List.of(NOV_7_TO_10));
    args.add("--dry-run");

    assertThat(run(new ReplayCommand(), args.toArray(String[]::new))).isZero();

    assertThat(producerConfigs).isEmpty();
    assertThat(adminConfigs).as("nothing sent, no admin client: no broker needed").isEmpty();
    assertThat(out.toString())
        .containsPattern("(?m)^heartbeat  2022-11-10T21:00:00Z would be sent to every partition of heartbeats$");
  }

  @Test
  @DisplayName("replay with nothing to publish sends no heartbeat and says so")
  void replayNothingPublished() {
    assertThat(run(new ReplayCommand(), "--data-dir", DATA.toString(), "--from", "2030-01-01")).isZero();

    assertThat(producer.history()).isEmpty();
    assertThat(out.toString()).containsPattern("(?m)^heartbeat  not sent: nothing was published$");
  }

  @Test
  @DisplayName("paced replay: a heartbeat each time event time has advanced by --heartbeat-interval, sent after the data"
      + " before it is acknowledged; the data and the final heartbeat are those of an unpaced replay")
  void pacedReplayPeriodicHeartbeats() {
    // QQQ and S0001 on 2024-01-02 and 01-03: OPEN 14:30Z, trades 15:35Z 16:40Z 17:45Z 18:50Z 19:55Z, CLOSE 21:00Z
    String synthetic = "symbols=1,days=2,ticks-per-session=5,seed=3";
    List<Boolean> dataAcknowledgedAtHeartbeat = new ArrayList<>();
    producer = new MockProducer<>(HeartbeatCluster.withPartitions(6), false, new HeartbeatCluster.KeyHashPartitioner(), new ByteArraySerializer(), new ByteArraySerializer()) {
      @Override
      public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        if (isHeartbeat(record) && record.partition() == 0) {
          dataAcknowledgedAtHeartbeat.add(flushed());
        }
        return super.send(record, callback);
      }
    };
    AtomicLong clock = new AtomicLong();
    ReplayCommand paced = new ReplayCommand();
    paced.nanoTime = clock::get;
    paced.sleeper = clock::addAndGet;

    int exit = run(paced, "--synthetic", synthetic, "--speed", "3600", "--heartbeat-interval", "PT2H");

    assertThat(exit).as("stderr: %s", err).isZero();
    assertThat(clock.get()).as("paced: 30.5 h of event time at 3600x").isEqualTo(30_500_000_000L);
    List<ProducerRecord<byte[], byte[]>> sent = List.copyOf(producer.history());
    List<ProducerRecord<byte[], byte[]>> beats = heartbeats(sent);
    List<Long> watermarks = new ArrayList<>();
    for (int i = 0; i < beats.size(); i += 6) {
      assertOneRound(beats.subList(i, i + 6), "replay", beats.get(i).timestamp());
      watermarks.add(beats.get(i).timestamp());
    }
    assertThat(watermarks).extracting(Instant::ofEpochMilli).extracting(Instant::toString).containsExactly(
        "2024-01-02T16:40:00Z", "2024-01-02T18:50:00Z", "2024-01-02T21:00:00Z",
        "2024-01-03T14:30:00Z", "2024-01-03T16:40:00Z", "2024-01-03T18:50:00Z", "2024-01-03T21:00:00Z",
        "2024-01-03T21:00:00Z");   // the last one: the final heartbeat
    assertThat(dataAcknowledgedAtHeartbeat).hasSize(8).containsOnly(true);
    // each periodic heartbeat follows the record that called for it, and nothing older comes after it
    for (int i = 0; i < sent.size(); i++) {
      if (isHeartbeat(sent.get(i)) && !isHeartbeat(sent.get(i - 1))) {
        long watermark = sent.get(i).timestamp();
        assertThat(sent.get(i - 1).timestamp()).isEqualTo(watermark);
        assertThat(sent.subList(i, sent.size())).allSatisfy(r -> assertThat(r.timestamp()).isGreaterThanOrEqualTo(watermark));
      }
    }
    assertThat(out.toString()).containsPattern(
        "(?m)^heartbeat  2024-01-03T21:00:00Z to 6 partitions of heartbeats, after 7 periodic heartbeats$");
    assertVouchedOffsets(sent);

    // as fast as possible with the same interval: the same records and heartbeats, in the same order
    producer = newProducer();
    assertThat(run(new ReplayCommand(), "--synthetic", synthetic, "--heartbeat-interval", "PT2H")).isZero();
    List<ProducerRecord<byte[], byte[]>> unpaced = producer.history();
    assertThat(unpaced.stream().map(CommandsTest::describe)).containsExactlyElementsOf(sent.stream().map(CommandsTest::describe).toList());

    // by default 30 days of event time between heartbeats as fast as possible: here the final one only
    producer = newProducer();
    assertThat(run(new ReplayCommand(), "--synthetic", synthetic)).isZero();
    assertOneRound(heartbeats(producer.history()), "replay", Instant.parse("2024-01-03T21:00:00Z").toEpochMilli());
    assertVouchedOffsets(producer.history());
  }

  private static String describe(ProducerRecord<byte[], byte[]> r) {
    return r.topic() + "/" + r.partition() + " " + r.timestamp() + " "
        + (isHeartbeat(r) ? value(Topics.HEARTBEATS, r.value()) : value(Topics.STOCK_TICKS, r.value()));
  }

  @Test
  @DisplayName("paced replay --dry-run: counts the periodic heartbeats it would send")
  void pacedReplayDryRun() {
    ReplayCommand paced = new ReplayCommand();
    AtomicLong clock = new AtomicLong();
    paced.nanoTime = clock::get;
    paced.sleeper = clock::addAndGet;

    assertThat(run(paced, "--dry-run", "--synthetic", "symbols=1,days=2,ticks-per-session=5,seed=3", "--speed", "3600",
        "--heartbeat-interval", "PT2H")).isZero();

    assertThat(out.toString()).containsPattern(
        "(?m)^heartbeat  2024-01-03T21:00:00Z would be sent to every partition of heartbeats, after 7 periodic heartbeats$");
  }

  @Test
  @DisplayName("--heartbeat-interval: positive, not with --no-heartbeat; exit 2 before any producer")
  void heartbeatIntervalArguments() {
    assertThat(run(new ReplayCommand(), "--synthetic", "--speed", "60", "--heartbeat-interval", "PT0S")).isEqualTo(2);
    assertThat(err.toString()).contains("error: --heartbeat-interval must be positive, not PT0S");
    assertThat(run(new ReplayCommand(), "--synthetic", "--speed", "60", "--heartbeat-interval", "PT1H", "--no-heartbeat"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("error: --heartbeat-interval and --no-heartbeat contradict each other");
    assertThat(run(new ReplayCommand(), "--synthetic", "--speed", "60", "--heartbeat-interval", "hourly")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--heartbeat-interval': cannot convert 'hourly' to class java.time.Duration");
    assertThat(run(new ProduceTicksCommand(), "--heartbeat-interval", "PT1H", "--synthetic")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--heartbeat-interval'");
    assertThat(producerConfigs).isEmpty();
  }

  @Test
  @DisplayName("produce-ticks --heartbeat: after the ticks, one heartbeat per partition at the last trade time")
  void produceTicksHeartbeat() throws Exception {
    assertThat(run(new ProduceTicksCommand(), "--heartbeat", metaCsv().toString())).isZero();

    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertThat(sent.subList(0, 4)).extracting(ProducerRecord::topic).containsOnly("stock-ticks");
    assertOneRound(sent.subList(4, sent.size()), "produce-ticks", NOV_10_CLOSE);
    assertThat(out.toString()).containsPattern("(?m)^heartbeat  2022-11-10T21:00:00Z to 6 partitions of heartbeats$");
    // META's partition of stock-ticks: the 4 ticks written; every other data partition: what others left there
    assertVouchedOffsets(sent);
    assertThat(adminConfigs).singleElement().satisfies(c -> assertThat(c)
        .containsEntry("bootstrap.servers", "127.0.0.1:9092").containsEntry("client.id", "layoff-signals-producer-admin")
        .doesNotContainKeys("acks", "linger.ms", "schema.registry.url"));
    assertThat(endOffsets.closed).as("the command's admin client is closed at the end").isTrue();
  }

  @Test
  @DisplayName("produce-ticks --heartbeat with brokers the admin client cannot reach: exit 1 at the start, before any data,"
      + " naming the topic whose end offsets could not be looked up")
  void heartbeatEndOffsetsUnreachable() throws Exception {
    String closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = String.valueOf(socket.getLocalPort());   // nothing listens there once closed
    }
    endOffsetsFactory = AdminEndOffsets::create;   // the command's own: an Admin from the settings

    int exit = run(new ProduceTicksCommand(), "--heartbeat", "--bootstrap-servers", "127.0.0.1:" + closedPort,
        "-p", "request.timeout.ms=1000", "-p", "default.api.timeout.ms=1000", metaCsv().toString());

    assertThat(exit).isEqualTo(1);
    assertThat(producer.history()).isEmpty();
    assertThat(adminConfigs).singleElement().satisfies(c -> assertThat(c)
        .containsEntry("bootstrap.servers", "127.0.0.1:" + closedPort).containsEntry("default.api.timeout.ms", "1000"));
    assertThat(err.toString())
        .contains("error: heartbeat failed: cannot look up the end offsets of articles: org.apache.kafka.common.errors.TimeoutException: ");
  }

  @Test
  @DisplayName("produce-articles --heartbeat: the watermark is the largest publication time, not the last one")
  void produceArticlesHeartbeat() {
    int exit = runWithStdin(new ProduceArticlesCommand(),
        "{\"id\":\"a1\",\"published_at\":\"2023-01-18T12:00:00Z\",\"title\":\"MSFT cuts 10,000\"}\n"
            + "{\"id\":\"a2\",\"published_at\":\"2023-01-10T08:00:00Z\",\"title\":\"Older news\"}\n",
        "--heartbeat");

    assertThat(exit).isZero();
    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertThat(sent.subList(0, 2)).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("a1", "a2");
    assertOneRound(sent.subList(2, sent.size()), "produce-articles", Instant.parse("2023-01-18T12:00:00Z").toEpochMilli());
  }

  @Test
  @DisplayName("import-layoffs --heartbeat --dry-run: the heartbeat it would send, at the latest row's date")
  void importLayoffsDryRunHeartbeat() {
    assertThat(run(new ImportLayoffsCommand(), "--heartbeat", "--dry-run", DATA.resolve("layoffs.csv").toString())).isZero();

    assertThat(producerConfigs).isEmpty();
    assertThat(adminConfigs).isEmpty();
    assertThat(out.toString())
        .containsPattern("(?m)^heartbeat  2026-01-28T05:00:00Z would be sent to every partition of heartbeats$");
  }

  @Test
  @DisplayName("a missing heartbeats topic fails the run with exit 1 before any data is published")
  void missingHeartbeatsTopic() throws Exception {
    producer = new MockProducer<>(HeartbeatCluster.withPartitions(0), true, null, new ByteArraySerializer(), new ByteArraySerializer());

    assertThat(run(new ProduceTicksCommand(), "--heartbeat", metaCsv().toString())).isEqualTo(1);

    assertThat(producer.history()).isEmpty();
    assertThat(err.toString()).contains("error: heartbeat failed: topic heartbeats has no partitions (create it with create-topics)");
    assertThat(out.toString()).containsPattern("(?m)^heartbeat  failed: topic heartbeats has no partitions");
  }

  @Test
  @DisplayName("a heartbeat a partition does not acknowledge makes the command exit 1; the data stays published")
  void failedHeartbeat() throws Exception {
    producer = new MockProducer<>(HeartbeatCluster.withPartitions(6), true, new HeartbeatCluster.KeyHashPartitioner(), new ByteArraySerializer(), new ByteArraySerializer()) {
      @Override
      public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        if (isHeartbeat(record) && record.partition() == 2) {
          throw new TimeoutException("Expiring 1 record(s) for heartbeats-2");
        }
        return super.send(record, callback);
      }
    };

    assertThat(run(new ProduceTicksCommand(), "--heartbeat", metaCsv().toString())).isEqualTo(1);

    assertThat(producer.history()).filteredOn(r -> !isHeartbeat(r)).hasSize(4);
    String failure = "2022-11-10T21:00:00Z to 2 of 6 partitions of heartbeats:"
        + " org.apache.kafka.common.errors.TimeoutException: Expiring 1 record(s) for heartbeats-2";
    assertThat(err.toString()).contains("error: heartbeat failed: " + failure);
    assertThat(out.toString()).contains("heartbeat  failed: " + failure).containsPattern("(?m)^stock-ticks +4 +4 +0$");
  }

  @Test
  @DisplayName("an end-offsets lookup that fails at the final heartbeat makes the command exit 1, naming the topic;"
      + " no heartbeat is sent, the data stays published")
  void failedEndOffsetsLookup() throws Exception {
    java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
    endOffsetsFactory = config -> partitions -> {
      if (lookups.incrementAndGet() > 1) {   // the one at open passes
        throw new EndOffsets.LookupFailed("layoff-records", new TimeoutException("no answer within 60000 ms"));
      }
      return Map.of();
    };

    assertThat(run(new ProduceTicksCommand(), "--heartbeat", metaCsv().toString())).isEqualTo(1);

    assertThat(producer.history()).hasSize(4).noneMatch(CommandsTest::isHeartbeat);
    String failure = "2022-11-10T21:00:00Z not sent: cannot look up the end offsets of layoff-records:"
        + " org.apache.kafka.common.errors.TimeoutException: no answer within 60000 ms";
    assertThat(err.toString()).contains("error: heartbeat failed: " + failure);
    assertThat(out.toString()).contains("heartbeat  failed: " + failure).containsPattern("(?m)^stock-ticks +4 +4 +0$");
  }

  @Test
  @DisplayName("no heartbeat after a failed data send: the data it would vouch for is not all there")
  void noHeartbeatAfterFailedSend() throws Exception {
    producer = new MockProducer<>(HeartbeatCluster.withPartitions(6), false, new HeartbeatCluster.KeyHashPartitioner(), new ByteArraySerializer(), new ByteArraySerializer()) {
      @Override
      public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        Future<RecordMetadata> f = super.send(record, callback);
        errorNext(new TimeoutException("Expiring 1 record(s) for stock-ticks-0"));
        return f;
      }
    };

    assertThat(run(new ProduceTicksCommand(), "--heartbeat", metaCsv().toString())).isEqualTo(1);

    assertThat(producer.history()).noneMatch(CommandsTest::isHeartbeat);
    assertThat(out.toString()).containsPattern("(?m)^heartbeat  not sent: the run did not complete$");
  }
}
