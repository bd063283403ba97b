package dev.layoffsignals.streams;

import dev.layoffsignals.eventstudy.EventStudy;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.streams.dedup.DedupProcessor;
import dev.layoffsignals.streams.dedup.ReportSets;
import dev.layoffsignals.streams.errors.ErrorCategory;
import dev.layoffsignals.streams.events.AnnouncementChange;
import dev.layoffsignals.streams.events.ReactOutput;
import dev.layoffsignals.streams.events.ReactionChange;
import dev.layoffsignals.streams.events.TickerEvent;
import dev.layoffsignals.streams.events.TickerEvents;
import dev.layoffsignals.streams.events.WindowEvent;
import dev.layoffsignals.streams.events.WindowEvents;
import dev.layoffsignals.streams.ingest.ArticleRules;
import dev.layoffsignals.streams.ingest.Envelope;
import dev.layoffsignals.streams.ingest.EnvelopeSerde;
import dev.layoffsignals.streams.ingest.EventTimeExtractor;
import dev.layoffsignals.streams.ingest.HeartbeatRules;
import dev.layoffsignals.streams.ingest.IngestProcessor;
import dev.layoffsignals.streams.ingest.IngestRules;
import dev.layoffsignals.streams.ingest.Ingested;
import dev.layoffsignals.streams.ingest.RecordRules;
import dev.layoffsignals.streams.ingest.TickRules;
import dev.layoffsignals.streams.reaction.CloseHistories;
import dev.layoffsignals.streams.reaction.OpenAnnouncements;
import dev.layoffsignals.streams.reaction.ReactProcessor;
import dev.layoffsignals.streams.routing.TickerEventPartitioner;
import dev.layoffsignals.streams.routing.WindowEventPartitioner;
import dev.layoffsignals.streams.time.InputClock;
import dev.layoffsignals.streams.time.InputClockProcessor;
import dev.layoffsignals.streams.time.WatermarkTracker;
import dev.layoffsignals.streams.windows.WindowProcessor;
import dev.layoffsignals.streams.windows.WindowStates;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The topology: a pure factory. See {@code docs/topology.md} for the design; every processor,
 * store and internal topic is named here, in {@link Names}.
 */
public final class LayoffSignalsTopology {

  /** Node, store and internal-topic names: renaming one orphans its state, so they are fixed here. */
  public static final class Names {
    public static final String TICKS_SOURCE = "stock-ticks-source";
    public static final String RECORDS_SOURCE = "layoff-records-source";
    public static final String ARTICLES_SOURCE = "articles-source";
    public static final String HEARTBEATS_SOURCE = "heartbeats-source";
    public static final String INGEST_HEARTBEATS = "ingest-heartbeats";
    public static final String MERGE_HEARTBEATS = "merge-ingested-heartbeats";
    public static final String INGEST_ARTICLES = "ingest-articles";
    public static final String MERGE_ARTICLES = "merge-ingested-articles";
    public static final String INGEST_TICKS = "ingest-stock-ticks";
    public static final String INGEST_RECORDS = "ingest-layoff-records";
    public static final String MERGE_INGESTED = "merge-ingested";
    public static final String ROUTE_INGESTED = "route-ingested-";
    public static final String LATE_BRANCH = "late";
    public static final String INVALID_BRANCH = "invalid";
    public static final String ACCEPTED_BRANCH = "accepted";
    public static final String LATE_RAW = "late-as-raw-bytes";
    public static final String INVALID_RAW = "invalid-as-raw-bytes";
    public static final String LATE_SINK = "late-records-sink";
    public static final String INVALID_SINK = "dead-letters-sink";
    public static final String ACCEPTED_EVENTS = "accepted-events";
    /** Decides which input records are late and sends the input task's watermarks. */
    public static final String INPUT_CLOCK = "input-clock";
    public static final String INPUT_CLOCK_STORE = "input-clock";
    /** Repartition topic {@code <application.id>-ticker-events-repartition}. */
    public static final String TICKER_EVENTS = "ticker-events";
    public static final String TRACK_TICKER_WATERMARKS = "track-ticker-event-watermarks";
    public static final String TICKER_WATERMARKS_STORE = "ticker-event-watermarks";
    public static final String DEDUPLICATE = "deduplicate";
    public static final String REPORTS_STORE = "dedup-reports";
    public static final String REACT = "react";
    public static final String CLOSES_STORE = "react-closes";
    public static final String OPEN_ANNOUNCEMENTS_STORE = "react-open-announcements";
    public static final String ROUTE_REACTED = "route-reacted-";
    public static final String ANNOUNCEMENTS_BRANCH = "announcements";
    public static final String REACTIONS_BRANCH = "reactions";
    public static final String WINDOW_EVENTS_BRANCH = "window-events";
    public static final String ANNOUNCEMENT_VALUES = "announcement-values";
    public static final String REACTION_VALUES = "reaction-values";
    public static final String COUNT_REACTIONS = "count-reactions";
    public static final String WINDOW_EVENT_VALUES = "window-event-values";
    public static final String ANNOUNCEMENTS_SINK = "layoff-announcements-sink";
    public static final String REACTIONS_SINK = "market-reactions-sink";
    /** Repartition topic {@code <application.id>-window-members-repartition}. */
    public static final String WINDOW_MEMBERS = "window-members";
    public static final String TRACK_WINDOW_WATERMARKS = "track-window-member-watermarks";
    public static final String WINDOW_WATERMARKS_STORE = "window-member-watermarks";
    public static final String AGGREGATE_WINDOWS = "aggregate-windows";
    public static final String WINDOWS_STORE = "windows";
    public static final String WINDOWS_SINK = "reaction-windows-sink";
    /** Queryable views of the three outputs, read back from their compacted topics. */
    public static final String ANNOUNCEMENTS_VIEW_SOURCE = "announcements-view-source";
    public static final String ANNOUNCEMENTS_VIEW = "announcements-view";
    public static final String REACTIONS_VIEW_SOURCE = "reactions-view-source";
    public static final String REACTIONS_VIEW = "reactions-view";
    public static final String WINDOWS_VIEW_SOURCE = "windows-view-source";
    public static final String WINDOWS_VIEW = "windows-view";

    private Names() {
    }
  }

  private LayoffSignalsTopology() {
  }

  public static Topology build(TopologySettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    Map<String, ?> serdeConfig = settings.serdeConfig();

    // 1. inputs: validated, late ones and impossible ones set aside, the rest routed by ticker
    KStream<String, Ingested> ticks = ingest(builder, Topics.STOCK_TICKS, Names.TICKS_SOURCE, Names.INGEST_TICKS,
        StockTick.class, StockTick::getTradedAt, new TickRules(), settings);
    KStream<String, Ingested> records = ingest(builder, Topics.LAYOFF_RECORDS, Names.RECORDS_SOURCE, Names.INGEST_RECORDS,
        LayoffAnnouncement.class, LayoffAnnouncement::getAnnouncedAt, new RecordRules(settings.metrics()), settings);
    KStream<String, Ingested> articles = ingest(builder, Topics.ARTICLES, Names.ARTICLES_SOURCE, Names.INGEST_ARTICLES,
        Article.class, Article::getPublishedAt, new ArticleRules(settings.extractor(), settings.metrics()), settings);
    KStream<String, Ingested> heartbeats = ingest(builder, Topics.HEARTBEATS, Names.HEARTBEATS_SOURCE, Names.INGEST_HEARTBEATS,
        Heartbeat.class, Heartbeat::getWatermark, new HeartbeatRules(), settings);
    KStream<String, Ingested> ingested = ticks.merge(records, Named.as(Names.MERGE_INGESTED))
        .merge(articles, Named.as(Names.MERGE_ARTICLES))
        .merge(heartbeats, Named.as(Names.MERGE_HEARTBEATS));

    builder.addStateStore(store(Names.INPUT_CLOCK_STORE, Serdes.String(),
        InputClock.serde(CLOCK_DATA_TOPICS, Topics.HEARTBEATS.name())));
    Map<String, KStream<String, Ingested>> routes = ingested
        .process(() -> new InputClockProcessor(Names.INPUT_CLOCK, Names.INPUT_CLOCK_STORE, CLOCK_DATA_TOPICS, Topics.HEARTBEATS.name(),
            settings.grace(), settings.errorCounter(), settings.committedOffsets()), Named.as(Names.INPUT_CLOCK), Names.INPUT_CLOCK_STORE)
        .split(Named.as(Names.ROUTE_INGESTED))
        .branch((k, v) -> v instanceof Ingested.Rejected r && r.category() == ErrorCategory.LATE,
            Branched.as(Names.LATE_BRANCH))
        .branch((k, v) -> v instanceof Ingested.Rejected, Branched.as(Names.INVALID_BRANCH))
        .defaultBranch(Branched.as(Names.ACCEPTED_BRANCH));
    routes.get(Names.ROUTE_INGESTED + Names.LATE_BRANCH)
        .map(LayoffSignalsTopology::rawBytes, Named.as(Names.LATE_RAW))
        .to(Topics.LATE_RECORDS.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(Names.LATE_SINK));
    routes.get(Names.ROUTE_INGESTED + Names.INVALID_BRANCH)
        .map(LayoffSignalsTopology::rawBytes, Named.as(Names.INVALID_RAW))
        .to(Topics.DEAD_LETTERS.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(Names.INVALID_SINK));

    // 2. one repartition topic for closes, reports and the input tasks' watermarks, co-partitioned by
    //    ticker; the benchmark's closes and the watermarks go to every partition
    KStream<String, TickerEvent> tickerEvents = routes.get(Names.ROUTE_INGESTED + Names.ACCEPTED_BRANCH)
        .mapValues(v -> ((Ingested.Accepted) v).event(), Named.as(Names.ACCEPTED_EVENTS))
        .repartition(Repartitioned.<String, TickerEvent>as(Names.TICKER_EVENTS)
            .withKeySerde(Serdes.String())
            .withValueSerde(TickerEvents.serde())
            .withStreamPartitioner(new TickerEventPartitioner(settings.benchmarkSymbol())));

    // 3. deduplication and the event study, in the task of the ticker
    builder.addStateStore(store(Names.TICKER_WATERMARKS_STORE, Serdes.Integer(), Serdes.Long()));
    builder.addStateStore(store(Names.REPORTS_STORE, Serdes.String(), ReportSets.serde()));
    builder.addStateStore(store(Names.CLOSES_STORE, Serdes.String(), CloseHistories.serde()));
    builder.addStateStore(store(Names.OPEN_ANNOUNCEMENTS_STORE, Serdes.String(), OpenAnnouncements.serde()));
    EventStudy study = new EventStudy(settings.eventStudy());
    KStream<String, ReactOutput> reacted = tickerEvents
        .process(() -> new WatermarkTracker<TickerEvent>(Names.TICKER_WATERMARKS_STORE, settings.inputPartitions(), w -> w),
            Named.as(Names.TRACK_TICKER_WATERMARKS), Names.TICKER_WATERMARKS_STORE)
        .process(() -> new DedupProcessor(Names.REPORTS_STORE, settings.metrics()), Named.as(Names.DEDUPLICATE), Names.REPORTS_STORE)
        .process(() -> new ReactProcessor(study, Names.CLOSES_STORE, Names.OPEN_ANNOUNCEMENTS_STORE,
                Names.TICKER_WATERMARKS_STORE),
            Named.as(Names.REACT), Names.CLOSES_STORE, Names.OPEN_ANNOUNCEMENTS_STORE, Names.TICKER_WATERMARKS_STORE);

    Map<String, KStream<String, ReactOutput>> outputs = reacted.split(Named.as(Names.ROUTE_REACTED))
        .branch((k, v) -> v instanceof AnnouncementChange, Branched.as(Names.ANNOUNCEMENTS_BRANCH))
        .branch((k, v) -> v instanceof ReactionChange, Branched.as(Names.REACTIONS_BRANCH))
        .defaultBranch(Branched.as(Names.WINDOW_EVENTS_BRANCH));
    outputs.get(Names.ROUTE_REACTED + Names.ANNOUNCEMENTS_BRANCH)
        .mapValues(v -> ((AnnouncementChange) v).announcement(), Named.as(Names.ANNOUNCEMENT_VALUES))
        .to(Topics.LAYOFF_ANNOUNCEMENTS.name(), produced(Topics.LAYOFF_ANNOUNCEMENTS, serdeConfig, Names.ANNOUNCEMENTS_SINK));
    outputs.get(Names.ROUTE_REACTED + Names.REACTIONS_BRANCH)
        .mapValues(v -> ((ReactionChange) v).reaction(), Named.as(Names.REACTION_VALUES))
        .peek((id, reaction) -> {
          if (reaction != null) {
            settings.metrics().reactionEmitted(reaction.getStatus());
          }
        }, Named.as(Names.COUNT_REACTIONS))
        .to(Topics.MARKET_REACTIONS.name(), produced(Topics.MARKET_REACTIONS, serdeConfig, Names.REACTIONS_SINK));

    // 4. windows, keyed by window; the clock goes to every window task
    builder.addStateStore(store(Names.WINDOW_WATERMARKS_STORE, Serdes.Integer(), Serdes.Long()));
    builder.addStateStore(store(Names.WINDOWS_STORE, Serdes.String(), WindowStates.serde()));
    outputs.get(Names.ROUTE_REACTED + Names.WINDOW_EVENTS_BRANCH)
        .mapValues(v -> (WindowEvent) v, Named.as(Names.WINDOW_EVENT_VALUES))
        .repartition(Repartitioned.<String, WindowEvent>as(Names.WINDOW_MEMBERS)
            .withKeySerde(Serdes.String())
            .withValueSerde(WindowEvents.serde())
            .withStreamPartitioner(new WindowEventPartitioner()))
        .process(() -> new WatermarkTracker<WindowEvent>(Names.WINDOW_WATERMARKS_STORE, settings.inputPartitions(), w -> w),
            Named.as(Names.TRACK_WINDOW_WATERMARKS), Names.WINDOW_WATERMARKS_STORE)
        .process(() -> new WindowProcessor(Names.WINDOWS_STORE, Names.WINDOW_WATERMARKS_STORE),
            Named.as(Names.AGGREGATE_WINDOWS), Names.WINDOWS_STORE, Names.WINDOW_WATERMARKS_STORE)
        .to(Topics.REACTION_WINDOWS.name(), produced(Topics.REACTION_WINDOWS, serdeConfig, Names.WINDOWS_SINK));

    // 5. the outputs read back as tables, for interactive queries; keyed like their topics, so
    //    KafkaStreams#queryMetadataForKey finds the instance that holds a key
    view(builder, Topics.LAYOFF_ANNOUNCEMENTS, Names.ANNOUNCEMENTS_VIEW_SOURCE, Names.ANNOUNCEMENTS_VIEW, serdeConfig);
    view(builder, Topics.MARKET_REACTIONS, Names.REACTIONS_VIEW_SOURCE, Names.REACTIONS_VIEW, serdeConfig);
    view(builder, Topics.REACTION_WINDOWS, Names.WINDOWS_VIEW_SOURCE, Names.WINDOWS_VIEW, serdeConfig);

    return builder.build(BUILD_PROPERTIES);
  }

  /**
   * The data inputs in the order the input clock's store holds their times and offsets (by
   * position, not by name): part of that store's format. A restarted instance reads position
   * {@code i} as the {@code i}-th topic here, so this order never changes; a new data input is
   * added at the end (the clock's codec then refuses the old, shorter clocks rather than misread
   * them).
   */
  public static final List<String> CLOCK_DATA_TOPICS =
      List.of(Topics.STOCK_TICKS.name(), Topics.LAYOFF_RECORDS.name(), Topics.ARTICLES.name());

  /**
   * What {@link StreamsBuilder#build(Properties)} is given: the views' stores restore from their
   * compacted source topics instead of from a changelog copy of them.
   */
  private static final Properties BUILD_PROPERTIES = buildProperties();

  private static Properties buildProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
    return p;
  }

  private static <V> void view(StreamsBuilder builder, Topic<String, V> topic, String sourceName, String storeName,
      Map<String, ?> serdeConfig) {
    Serde<String> keys = topic.keySerde(serdeConfig);
    Serde<V> values = topic.valueSerde(serdeConfig);
    // an update may carry an earlier as_of than the one it replaces (a window losing its latest
    // member): the views keep time monotonic per partition, so the table takes it without a warning
    builder.table(topic.name(), Consumed.with(keys, values).withName(sourceName)
            .withTimestampExtractor((record, partitionTime) -> Math.max(record.timestamp(), partitionTime)),
        Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(storeName).withKeySerde(keys).withValueSerde(values));
  }

  private static <V> KStream<String, Ingested> ingest(StreamsBuilder builder, Topic<String, V> topic, String sourceName,
      String processorName, Class<V> type, Function<V, Instant> eventTime, IngestRules<V> rules, TopologySettings settings) {
    Serde<Envelope<V>> values = new EnvelopeSerde<>(topic.valueSerde(settings.serdeConfig()).deserializer());
    KStream<byte[], Envelope<V>> source = builder.stream(topic.name(),
        Consumed.with(Serdes.ByteArray(), values)
            .withTimestampExtractor(new EventTimeExtractor<>(type, eventTime))
            .withName(sourceName));
    return source.process(() -> new IngestProcessor<>(processorName, rules, settings.errorCounter()),
        Named.as(processorName));
  }

  private static KeyValue<byte[], byte[]> rawBytes(String key, Ingested value) {
    Ingested.Rejected rejected = (Ingested.Rejected) value;
    return KeyValue.pair(rejected.rawKey(), rejected.rawValue());
  }

  private static <V> Produced<String, V> produced(Topic<String, V> topic, Map<String, ?> serdeConfig, String name) {
    return Produced.with(topic.keySerde(serdeConfig), topic.valueSerde(serdeConfig)).withName(name);
  }

  /**
   * In-memory, changelogged: the state is small and bounded by event time, and restores fast.
   * Cached: a key written many times between two commits (a market window changes with every
   * member, a close history with every close) goes to the changelog once per commit, with its
   * last value, instead of every time. The cache is flushed before each commit, so the changelog
   * still matches the committed input offsets; it changes nothing the processors read or emit.
   */
  private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keys, Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values).withCachingEnabled();
  }
}
