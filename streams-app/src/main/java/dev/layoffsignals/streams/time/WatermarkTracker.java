package dev.layoffsignals.streams.time;

import dev.layoffsignals.streams.events.Watermark;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock of a task that reads a repartition topic: the minimum of the watermarks of every
 * upstream task. Records pass through unchanged; a watermark updates its sender's entry, and when
 * the minimum advances it is stored under {@link #CLOCK} and forwarded once, as the clock.
 *
 * <p>Why not Kafka Streams' stream time: a repartition topic interleaves the output of several
 * upstream tasks at the speed each of them happens to run, so the largest timestamp seen says
 * nothing about what the slower ones have still to send. Deciding FINAL on it would make results
 * depend on replay speed, partition count and instance count. Each upstream task promises that
 * nothing it sends after its watermark {@code W} derives from input older than {@code W}; the
 * minimum over all of them is therefore a time before which every input has been seen here.
 *
 * <p>The number of upstream tasks is the number of partitions of the input topics, which a
 * processor cannot see: it is configured ({@code input.partitions}). Until every expected upstream
 * has reported there is no clock, so nothing is settled; a watermark from an unexpected partition
 * (the configuration is too low) is taken into account and logged.
 */
public final class WatermarkTracker<E> implements Processor<String, E, String, E> {

  /** Store key of the current clock; upstream entries are keyed by their partition (0..n-1). */
  public static final int CLOCK = -1;
  /** No clock yet. */
  public static final long NONE = Long.MIN_VALUE;

  private static final Logger LOG = LoggerFactory.getLogger(WatermarkTracker.class);

  private final String storeName;
  private final int expectedSources;
  private final Function<Watermark, E> asEvent;
  private KeyValueStore<Integer, Long> store;
  /**
   * The store's entries, decoded (the upstream watermarks, and the clock under {@link #CLOCK}):
   * loaded at the first record after every (re)initialisation, written through to the store, which
   * stays the truth. Iterating the store for the minimum at every watermark cost more than the rest
   * of the tracker.
   */
  private Map<Integer, Long> entries;
  private ProcessorContext<String, E> context;
  private boolean warnedUnexpected;

  /**
   * @param storeName the store of upstream watermarks (and of the clock)
   * @param expectedSources how many upstream tasks send watermarks
   * @param asEvent the forwarded clock as this stream's event type
   */
  public WatermarkTracker(String storeName, int expectedSources, Function<Watermark, E> asEvent) {
    if (expectedSources < 1) {
      throw new IllegalArgumentException("expectedSources must be at least 1: " + expectedSources);
    }
    this.storeName = storeName;
    this.expectedSources = expectedSources;
    this.asEvent = asEvent;
  }

  @Override
  public void init(ProcessorContext<String, E> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    this.entries = null;
  }

  @Override
  public void process(Record<String, E> record) {
    if (!(record.value() instanceof Watermark watermark)) {
      context.forward(record);
      return;
    }
    if (watermark.source() < 0) {
      throw new IllegalArgumentException("watermark from a negative partition: " + watermark);
    }
    Map<Integer, Long> known = entries();
    Long previous = known.get(watermark.source());
    if (previous != null && previous >= watermark.time()) {
      return;
    }
    put(watermark.source(), watermark.time());
    long clock = minimum();
    Long current = known.get(CLOCK);
    if (clock != NONE && (current == null || clock > current)) {
      put(CLOCK, clock);
      Watermark forwarded = new Watermark(context.taskId().partition(), clock);
      context.forward(new Record<>(record.key(), asEvent.apply(forwarded), clock));
    }
  }

  private void put(int key, long value) {
    store.put(key, value);
    entries.put(key, value);
  }

  /** {@link #entries}, loaded on first use. */
  private Map<Integer, Long> entries() {
    if (entries == null) {
      entries = new HashMap<>();
      try (KeyValueIterator<Integer, Long> all = store.all()) {
        all.forEachRemaining(kv -> entries.put(kv.key, kv.value));
      }
    }
    return entries;
  }

  private long minimum() {
    long min = Long.MAX_VALUE;
    int expectedSeen = 0;
    for (Map.Entry<Integer, Long> entry : entries.entrySet()) {
      int source = entry.getKey();
      if (source == CLOCK) {
        continue;
      }
      if (source < expectedSources) {
        expectedSeen++;
      } else if (!warnedUnexpected) {
        warnedUnexpected = true;
        LOG.warn("Task {} received a watermark from upstream partition {}, but input.partitions is {}:"
            + " the input topics have more partitions than configured, and results may settle too early",
            context.taskId(), source, expectedSources);
      }
      min = Math.min(min, entry.getValue());
    }
    return expectedSeen == expectedSources ? min : NONE;
  }

  /** The clock a tracker keeps in {@code store}: {@link #NONE} until every upstream has reported. */
  public static long clock(KeyValueStore<Integer, Long> store) {
    Long clock = store.get(CLOCK);
    return clock == null ? NONE : clock;
  }
}
