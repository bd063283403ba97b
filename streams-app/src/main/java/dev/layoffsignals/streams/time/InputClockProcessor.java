package dev.layoffsignals.streams.time;

import dev.layoffsignals.streams.errors.ErrorCategory;
import dev.layoffsignals.streams.errors.ErrorCounter;
import dev.layoffsignals.streams.events.TickerEvent;
import dev.layoffsignals.streams.events.Watermark;
import dev.layoffsignals.streams.ingest.Ingested;
import dev.layoffsignals.streams.ingest.InvalidRecordException;
import dev.layoffsignals.streams.ingest.Rejector;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps an input task's {@link InputClock}, right after the ingest processors: sees every input
 * record's outcome, in each partition's order.
 *
 * <ul>
 *   <li>A partition's time moves in steps of at most an hour ({@link #partitionTime}): an event
 *       time counts rounded down to the hour, or to the last {@link ClockGrid} instant plus the
 *       grace if that is later. Whether a record is late is decided on that, so a record up to an
 *       hour older than the grace would allow may still count; the watermarks are exactly what
 *       they would be unrounded.
 *   <li>A valid record older than its partition's time minus the grace goes to late-records (with
 *       its bytes and the reason); otherwise its events go on, it raises its partition's time, and
 *       a heartbeat raises the data partitions it vouches for.
 *   <li>Rejections from the ingest processors pass through; they count as read for the offsets
 *       heartbeats vouch for.
 *   <li>When the clock (the earliest partition time) minus the grace, rounded down to the
 *       {@link ClockGrid}, has advanced, a {@link Watermark} of this task follows. Nothing this task
 *       sends later is older: every partition's later records are at least its time minus the
 *       grace, or late. Rounded down to the grid it decides downstream exactly what it would
 *       unrounded, and changes at most twice a day.
 * </ul>
 *
 * <p>The clock is in a store (changelogged like every store), so a restart resumes it exactly where
 * the committed input offsets are: its times and offsets under {@value #STORE_KEY}, and the whole
 * clock with its pending raises under {@value #PENDING_KEY}, each written after a record that
 * changed them. Heartbeats read ahead of the data they vouch for (at {@code max.task.idle.ms=-1} a
 * task takes whatever partition has records) can leave hundreds of raises pending, and writing them
 * all after every record cost more than the rest of the task.
 *
 * <p>The offsets read move with every record, the times (in whole hours) seldom. With the
 * {@link CommittedOffsets} of the application's group known, the times and offsets are written only
 * when a time moved, and a task starting again takes its offsets from the group's committed ones,
 * committed with its state in one transaction: a heartbeat read after a restart, vouching for
 * records read before it, applies at once instead of waiting for a record that may never come.
 * Writing them after every record instead (the store's cache turns that into one changelog record
 * per commit, but the writes themselves took a tenth of the stream thread) is what happens where
 * the committed offsets are not known, as under a topology test driver.
 */
public final class InputClockProcessor implements Processor<String, Ingested, String, Ingested> {

  /** Key of watermark records; the partitioner sends them to every partition whatever the key. */
  public static final String KEY = "~watermark";
  /** Key of the task's clock in its store: its times and offsets (its pending raises are empty). */
  static final String STORE_KEY = "clock";
  /** Key of the task's whole clock, read for its pending raises only. */
  static final String PENDING_KEY = "pending";
  /** The partitions' times move in steps of at most this: event times count rounded down to the hour (see {@link #partitionTime}). */
  public static final long TIME_UNIT_MS = 3_600_000L;

  private final String name;
  private final String storeName;
  private final List<String> dataTopics;
  private final String heartbeatTopic;
  private final Duration grace;
  private final long graceMs;
  private final ErrorCounter counter;
  private final CommittedOffsets committedOffsets;
  private final ClockGrid grid = new ClockGrid();
  /** For {@link #partitionTime}: a grid of its own keeps both grids' last answers useful. */
  private final ClockGrid partitionGrid = new ClockGrid();
  private ProcessorContext<String, Ingested> context;
  private KeyValueStore<String, InputClock> store;
  private Rejector rejector;
  private InputClock clock;
  private long lastEmitted = Long.MIN_VALUE;
  /** The times and offsets of {@link #clock}, copied before each write (a scratch value). */
  private InputClock positions;
  /** {@link InputClock#pendingChanges()} when the pending raises were last stored; -1: never. */
  private long pendingStored;
  /** Whether the clock changed in {@link #init}, which may not forward: the next record sends the watermark. */
  private boolean watermarkDue;

  /**
   * @param name           this node's name, written in the {@code error.processor} header of late records
   * @param storeName      the store of the clock
   * @param dataTopics     the input topics whose partitions make the clock
   * @param heartbeatTopic the topic of heartbeats
   * @param committedOffsets the offsets the application's group has committed, or
   *     {@link CommittedOffsets#UNKNOWN}: then the offsets are stored after every record
   */
  public InputClockProcessor(String name, String storeName, List<String> dataTopics, String heartbeatTopic,
      Duration grace, ErrorCounter counter, CommittedOffsets committedOffsets) {
    this.name = name;
    this.storeName = storeName;
    this.dataTopics = List.copyOf(dataTopics);
    this.heartbeatTopic = heartbeatTopic;
    this.grace = grace;
    this.graceMs = grace.toMillis();
    this.counter = counter;
    this.committedOffsets = committedOffsets;
  }

  @Override
  public void init(ProcessorContext<String, Ingested> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    this.rejector = new Rejector(name, counter, context);
    // init runs again when a task is revived after an aborted transaction: nothing held in memory
    // may outlive what the store (restored to the last commit) says
    InputClock stored = store.get(STORE_KEY);
    InputClock withPending = store.get(PENDING_KEY);
    this.clock = stored != null ? stored : new InputClock(dataTopics, heartbeatTopic);
    if (withPending != null) {
      clock.restorePending(withPending);
    }
    // a clock stored whole under STORE_KEY alone (by a version before PENDING_KEY) keeps its
    // pending raises: they are stored under PENDING_KEY at the first record
    this.pendingStored = withPending != null || !clock.hasPending() ? clock.pendingChanges() : -1;
    this.positions = new InputClock(dataTopics, heartbeatTopic);
    this.lastEmitted = Long.MIN_VALUE;
    this.watermarkDue = false;
    if (committedOffsets.known() && clock.resume(committed())) {
      store.put(STORE_KEY, clock.copyPositionsTo(positions));
      store.put(PENDING_KEY, clock);
      pendingStored = clock.pendingChanges();
      watermarkDue = true; // init may not forward: the next record sends it
    }
  }

  /** The next offset to read per topic, as the application's group has committed them for this task. */
  private Map<String, Long> committed() {
    int partition = context.taskId().partition();
    Set<TopicPartition> partitions = new HashSet<>();
    for (String topic : dataTopics) {
      partitions.add(new TopicPartition(topic, partition));
    }
    partitions.add(new TopicPartition(heartbeatTopic, partition));
    Map<String, Long> byTopic = new HashMap<>();
    committedOffsets.of(context.applicationId(), partitions).forEach((tp, offset) -> byTopic.put(tp.topic(), offset));
    return byTopic;
  }

  @Override
  public void process(Record<String, Ingested> record) {
    RecordMetadata metadata = context.recordMetadata().orElseThrow(
        () -> new IllegalStateException("an input record without its topic and offset"));
    String topic = metadata.topic();
    long offset = metadata.offset();
    if (!clock.tracks(topic)) {
      throw new IllegalStateException("a record of " + topic + ", which is not an input");
    }
    boolean changed = watermarkDue;
    watermarkDue = false;
    if (record.value() instanceof Ingested.Read read) {
      changed |= clock.arrive(topic, offset);
      changed |= judge(record, read, topic, metadata.partition());
    } else {
      context.forward(record); // set aside by an ingest processor
    }
    changed |= clock.read(topic, offset);
    if (changed || !committedOffsets.known()) {
      // without the committed offsets, after every record: a restart must find the offsets read, or
      // a heartbeat vouching for the last records before it would wait for a record that may never
      // come. The store serializes the value in put, so one scratch clock serves every record
      store.put(STORE_KEY, clock.copyPositionsTo(positions));
    }
    if (clock.pendingChanges() != pendingStored) {
      store.put(PENDING_KEY, clock);
      pendingStored = clock.pendingChanges();
    }
    if (changed) {
      emitWatermark();
    }
  }

  /** Sends the record to late-records, or its events on; returns whether the clock changed. */
  private boolean judge(Record<String, Ingested> record, Ingested.Read read, String topic, int partition) {
    long partitionTime = clock.time(topic);
    if (partitionTime != Long.MIN_VALUE && read.eventTime() < partitionTime - graceMs) {
      rejector.reject(record.headers(), record.timestamp(), read.rawKey(), read.rawValue(), ErrorCategory.LATE,
          "event time " + Instant.ofEpochMilli(read.eventTime()) + " is more than the grace period " + grace
              + " before the time of " + topic + "-" + partition + ", " + Instant.ofEpochMilli(partitionTime));
      return false;
    }
    List<KeyValue<String, TickerEvent>> events;
    try {
      events = read.events().get();
    } catch (InvalidRecordException e) {
      rejector.reject(record.headers(), record.timestamp(), read.rawKey(), read.rawValue(), ErrorCategory.INVALID,
          e.getMessage(), read.validator());
      return false;
    }
    for (KeyValue<String, TickerEvent> event : events) {
      context.forward(new Record<>(event.key, new Ingested.Accepted(event.value), read.eventTime()));
    }
    long time = partitionTime(read.eventTime());
    boolean changed = clock.advance(topic, time);
    if (topic.equals(heartbeatTopic)) {
      changed |= clock.vouch(read.vouched(), time);
    }
    // after the forwards: a record a later processor failed on is counted once, as PROCESSING
    counter.countProcessed(topic);
    return changed;
  }

  /**
   * An event time as it counts for its partition's time: rounded down to the latest whole hour or
   * {@link ClockGrid} instant plus the grace at or before it. The second keeps the watermarks
   * exactly what they would be unrounded: a watermark is the clock minus the grace rounded down to
   * the grid, and rounding down to a set that holds every grid instant plus the grace changes no
   * such answer.
   */
  long partitionTime(long eventTime) {
    if (eventTime < Long.MIN_VALUE + Math.max(TIME_UNIT_MS, graceMs)) {
      return eventTime; // rather than overflow; no valid input is this early
    }
    long hour = eventTime - Math.floorMod(eventTime, TIME_UNIT_MS);
    return Math.max(hour, partitionGrid.floor(eventTime - graceMs) + graceMs);
  }

  private void emitWatermark() {
    long now = clock.clock();
    if (now == Long.MIN_VALUE) {
      return;
    }
    long watermark = grid.floor(now - graceMs);
    if (watermark > lastEmitted && watermark >= 0) {
      lastEmitted = watermark;
      Watermark w = new Watermark(context.taskId().partition(), watermark);
      context.forward(new Record<>(KEY, new Ingested.Accepted(w), watermark));
    }
  }
}
