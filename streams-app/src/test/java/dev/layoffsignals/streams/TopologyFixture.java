package dev.layoffsignals.streams;

import dev.layoffsignals.schemas.AnnouncementSource;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.HeadcountQualifier;
import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.SourceKind;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.streams.errors.DeadLetterDeserializationHandler;
import dev.layoffsignals.streams.errors.DeadLetterProcessingHandler;
import dev.layoffsignals.streams.errors.ErrorCounter;
import dev.layoffsignals.streams.errors.ErrorCounts;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The topology in a TopologyTestDriver (one partition per topic), with typed input and output
 * topics and builders of test records. Each fixture has its own in-memory schema registry scope.
 */
final class TopologyFixture implements AutoCloseable {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  /** The driver's wall clock; nothing in the topology reads it. */
  static final Instant WALL_CLOCK = Instant.parse("2030-01-01T00:00:00Z");
  private static final AtomicInteger SCOPES = new AtomicInteger();

  final TopologySettings settings;
  final String applicationId;
  final ErrorCounts errors = new ErrorCounts();
  final TopologyTestDriver driver;
  final ClockedInput<StockTick> ticks;
  final ClockedInput<LayoffAnnouncement> records;
  final ClockedInput<Article> articles;
  final TestInputTopic<String, Heartbeat> heartbeats;
  final TestInputTopic<byte[], byte[]> rawTicks;
  final TestInputTopic<byte[], byte[]> rawRecords;
  final TestOutputTopic<String, LayoffAnnouncement> announcements;
  final TestOutputTopic<String, MarketReaction> reactions;
  final TestOutputTopic<String, ReactionWindow> windows;
  final TestOutputTopic<byte[], byte[]> late;
  final TestOutputTopic<byte[], byte[]> deadLetters;

  /** Whether a heartbeat follows each record piped through the data inputs (see {@link ClockedInput}). */
  private final boolean heartbeatAfterEachRecord;
  private long lastHeartbeat = Long.MIN_VALUE;

  TopologyFixture() {
    this(s -> s);
  }

  TopologyFixture(UnaryOperator<TopologySettings> customise) {
    this(customise, true);
  }

  /**
   * A fixture whose clock moves only with what the test pipes: no heartbeat follows the data, so
   * each input partition's time is its own, and the task's clock the earliest of them.
   */
  static TopologyFixture withPartitionClocks() {
    return new TopologyFixture(s -> s, false);
  }

  private TopologyFixture(UnaryOperator<TopologySettings> customise, boolean heartbeatAfterEachRecord) {
    this.heartbeatAfterEachRecord = heartbeatAfterEachRecord;
    String scope = "topology-fixture-" + SCOPES.incrementAndGet();
    applicationId = scope;
    Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
    settings = customise.apply(TopologySettings.defaults(serdeConfig).withInputPartitions(1).withErrorCounter(errors));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, scope);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
    // the handlers count where the processors do, as in the application (errors, unless customised)
    props.put(ErrorCounter.CONFIG, settings.errorCounter());
    driver = new TopologyTestDriver(LayoffSignalsTopology.build(settings), props, WALL_CLOCK);
    ticks = new ClockedInput<>(input(Topics.STOCK_TICKS, serdeConfig));
    records = new ClockedInput<>(input(Topics.LAYOFF_RECORDS, serdeConfig));
    articles = new ClockedInput<>(input(Topics.ARTICLES, serdeConfig));
    heartbeats = input(Topics.HEARTBEATS, serdeConfig);
    rawTicks = driver.createInputTopic(Topics.STOCK_TICKS.name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    rawRecords = driver.createInputTopic(Topics.LAYOFF_RECORDS.name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    announcements = output(Topics.LAYOFF_ANNOUNCEMENTS, serdeConfig);
    reactions = output(Topics.MARKET_REACTIONS, serdeConfig);
    windows = output(Topics.REACTION_WINDOWS, serdeConfig);
    late = driver.createOutputTopic(Topics.LATE_RECORDS.name(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic, Map<String, Object> serdeConfig) {
    return driver.createInputTopic(topic.name(), topic.keySerde(serdeConfig).serializer(), topic.valueSerde(serdeConfig).serializer());
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic, Map<String, Object> serdeConfig) {
    return driver.createOutputTopic(topic.name(), topic.keySerde(serdeConfig).deserializer(), topic.valueSerde(serdeConfig).deserializer());
  }

  // ---- input

  /**
   * A data input whose every record is followed, by default, by a heartbeat at the record's time
   * that vouches for no offset: it raises every input partition at once, so the task's clock is
   * the latest time piped on any input, as a single interleaved feed would make it. Tests of the
   * clock itself use {@link #withPartitionClocks()}.
   */
  final class ClockedInput<V> {
    private final TestInputTopic<String, V> topic;

    ClockedInput(TestInputTopic<String, V> topic) {
      this.topic = topic;
    }

    void pipeInput(String key, V value, long timestampMillis) {
      pipeInput(key, value, Instant.ofEpochMilli(timestampMillis));
    }

    void pipeInput(String key, V value, Instant timestamp) {
      topic.pipeInput(key, value, timestamp);
      if (heartbeatAfterEachRecord && timestamp.toEpochMilli() > lastHeartbeat) {
        lastHeartbeat = timestamp.toEpochMilli();
        heartbeats.pipeInput(null, new Heartbeat("fixture", timestamp, Map.of()), timestamp);
      }
    }
  }

  /** A CLOSE tick at 16:00 New York. */
  void close(String symbol, LocalDate date, double price) {
    StockTick tick = closeTick(symbol, date, price);
    ticks.pipeInput(symbol, tick, tick.getTradedAt());
  }

  static StockTick closeTick(String symbol, LocalDate date, double price) {
    return new StockTick(symbol, at(date, 16, 0), price, 1000L, TickKind.CLOSE);
  }

  /** Closes of the benchmark and of a symbol for the same session, benchmark first. */
  void closes(LocalDate date, double benchmark, String symbol, double price) {
    close(settings.benchmarkSymbol(), date, benchmark);
    close(symbol, date, price);
  }

  /** A producer's heartbeat at {@code watermark}, without a key. */
  void heartbeat(Instant watermark) {
    heartbeats.pipeInput(null, new Heartbeat("test", watermark, Map.of()), watermark);
  }

  void article(Article a) {
    articles.pipeInput(a.getArticleId(), a, a.getPublishedAt());
  }

  void record(LayoffAnnouncement a) {
    records.pipeInput(a.getAnnouncementId(), a, a.getAnnouncedAt());
  }

  // ---- output

  /** Every record of a topic, in order (the driver's output is consumed). */
  static <V> List<TestRecord<String, V>> all(TestOutputTopic<String, V> topic) {
    return new ArrayList<>(topic.readRecordsToList());
  }

  /** The latest value per key, as a compacted topic would keep it; tombstones remove the key. */
  static <V> Map<String, V> latest(List<TestRecord<String, V>> records) {
    Map<String, V> out = new LinkedHashMap<>();
    for (TestRecord<String, V> r : records) {
      if (r.value() == null) {
        out.remove(r.key());
      } else {
        out.put(r.key(), r.value());
      }
    }
    return out;
  }

  // ---- builders

  static Instant at(LocalDate date, int hour, int minute) {
    return ZonedDateTime.of(date, LocalTime.of(hour, minute), NEW_YORK).toInstant();
  }

  static Instant startOfDay(LocalDate date) {
    return date.atStartOfDay(NEW_YORK).toInstant();
  }

  /** A structured record with one source of its own. */
  static LayoffAnnouncement announcement(String id, String company, String ticker, String sector, Instant at,
      TimePrecision precision, Integer headcount) {
    return LayoffAnnouncement.newBuilder()
        .setAnnouncementId(id)
        .setCompany(company)
        .setTicker(ticker)
        .setSector(sector)
        .setAnnouncedAt(at)
        .setTimePrecision(precision)
        .setHeadcount(headcount)
        .setHeadcountQualifier(headcount == null ? null : HeadcountQualifier.EXACT)
        .setConfidence(1.0)
        .setSources(new ArrayList<>(List.of(AnnouncementSource.newBuilder()
            .setSourceId(id).setKind(SourceKind.LAYOFFS_FYI).setUrl("https://layoffs.example/" + id)
            .setPublishedAt(at).build())))
        .build();
  }

  @Override
  public void close() {
    driver.close();
  }
}
