package dev.layoffsignals.topics;

import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.serde.SpecificAvroSerde;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The catalogue of every topic the system reads or writes: producers, the topology, the
 * topic-creation job, the docs and the compose file all take names and settings from here.
 *
 * <p>Keys are plain strings everywhere: an Avro key would embed a schema id, and two equal keys
 * written under different ids would land in different partitions and never compact together.
 */
public final class Topics {

  /** Default partitions of the data topics; equal so that inputs keyed by ticker co-partition. */
  public static final int DEFAULT_PARTITIONS = 6;

  public static final Topic<String, Article> ARTICLES = avro(
      "articles", "News articles (FR/EN), keyed by article id, timestamped with publication time.",
      Article.class, DEFAULT_PARTITIONS, CleanupPolicy.DELETE);

  public static final Topic<String, StockTick> STOCK_TICKS = avro(
      "stock-ticks", "Trades and official closes, keyed by symbol, timestamped with trade time.",
      StockTick.class, DEFAULT_PARTITIONS, CleanupPolicy.DELETE);

  public static final Topic<String, LayoffAnnouncement> LAYOFF_RECORDS = avro(
      "layoff-records", "Structured layoff records from imports (layoffs.fyi), keyed by record id.",
      LayoffAnnouncement.class, DEFAULT_PARTITIONS, CleanupPolicy.DELETE);

  /**
   * Producers' watermarks, sent to every partition: input like the three above (same partition
   * count), read only to move the topology's clock where no data arrives.
   */
  public static final Topic<String, Heartbeat> HEARTBEATS = avro(
      "heartbeats", "Producers' event-time watermarks, one per partition, no key: move the clock of idle input partitions.",
      Heartbeat.class, DEFAULT_PARTITIONS, CleanupPolicy.DELETE);

  public static final Topic<String, LayoffAnnouncement> LAYOFF_ANNOUNCEMENTS = avro(
      "layoff-announcements", "Deduplicated announcements, keyed by announcement id, updated in place.",
      LayoffAnnouncement.class, DEFAULT_PARTITIONS, CleanupPolicy.COMPACT);

  public static final Topic<String, MarketReaction> MARKET_REACTIONS = avro(
      "market-reactions", "Event study per announcement with a ticker: PROVISIONAL, then FINAL or INCOMPLETE.",
      MarketReaction.class, DEFAULT_PARTITIONS, CleanupPolicy.COMPACT);

  public static final Topic<String, ReactionWindow> REACTION_WINDOWS = avro(
      "reaction-windows", "Weekly and monthly aggregates per ticker, sector and market, keyed by dimension|value|period|start.",
      ReactionWindow.class, DEFAULT_PARTITIONS, CleanupPolicy.COMPACT);

  public static final Topic<byte[], byte[]> LATE_RECORDS = bytes(
      "late-records", "Input records that arrived later than the grace period; original bytes, reason in headers.");

  public static final Topic<byte[], byte[]> DEAD_LETTERS = bytes(
      "dead-letters", "Records that could not be deserialized or processed; original bytes, reason in headers.");

  /**
   * The topology's data inputs: every input but {@link #HEARTBEATS}, each with its own clock per
   * partition, which a heartbeat raises. A heartbeat vouches for each of them (see docs/topics.md).
   */
  public static final List<Topic<?, ?>> DATA_INPUTS = List.of(ARTICLES, STOCK_TICKS, LAYOFF_RECORDS);

  /** The topology's inputs: co-partitioned, so they must have equal partition counts. */
  public static final List<Topic<?, ?>> INPUTS = List.of(ARTICLES, STOCK_TICKS, LAYOFF_RECORDS, HEARTBEATS);

  /** Every topic, inputs first, then outputs, then error topics. */
  public static final List<Topic<?, ?>> ALL = List.of(
      ARTICLES, STOCK_TICKS, LAYOFF_RECORDS, HEARTBEATS,
      LAYOFF_ANNOUNCEMENTS, MARKET_REACTIONS, REACTION_WINDOWS,
      LATE_RECORDS, DEAD_LETTERS);

  private Topics() {
  }

  /** The topic of that name, if it is in the catalogue. */
  public static Optional<Topic<?, ?>> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  private static <V extends SpecificRecord> Topic<String, V> avro(
      String name, String description, Class<V> type, int partitions, CleanupPolicy cleanup) {
    return new Topic<>(name, description, Serdes::String, () -> new SpecificAvroSerde<>(type), type, partitions, cleanup);
  }

  private static Topic<byte[], byte[]> bytes(String name, String description) {
    // error topics are low-volume; one partition keeps them in arrival order for whoever reads them
    Serde<byte[]> raw = Serdes.ByteArray();
    return new Topic<>(name, description, () -> raw, () -> raw, byte[].class, 1, CleanupPolicy.DELETE);
  }
}
