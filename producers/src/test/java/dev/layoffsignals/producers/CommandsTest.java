package dev.layoffsignals.producers;

import static org.assertj.core.api.Assertions.assertThat;

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
  private MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

  private int run(PublishingCommand command, String... args) {
    return runWithStdin(command, "", args);
  }

  private int runWithStdin(PublishingCommand command, String stdin, String... args) {
    command.producerFactory = config -> {
      producerConfigs.add(config);
      return producer;
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
    producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    assertThat(run(new ReplayCommand(), args)).isZero();
    List<ProducerRecord<byte[], byte[]>> second = producer.history();

    // 4 sessions x 2 symbols x (OPEN + CLOSE) + the 43 layoffs.fyi rows dated 2022-11-07 .. 2022-11-10
    assertThat(first).hasSize(16 + 43);
    assertThat(first).extracting(ProducerRecord::timestamp).isSorted();
    Map<String, Long> perTopic = new HashMap<>();
    first.forEach(r -> perTopic.merge(r.topic(), 1L, Long::sum));
    assertThat(perTopic).containsOnly(Map.entry("stock-ticks", 16L), Map.entry("layoff-records", 43L));
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
}
