package dev.layoffsignals.streams.time;

import dev.layoffsignals.streams.events.Watermark;
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
    Long previous = store.get(watermark.source());
    if (previous != null && previous >= watermark.time()) {
      return;
    }
    store.put(watermark.source(), watermark.time());
    long clock = minimum();
    Long current = store.get(CLOCK);
    if (clock != NONE && (current == null || clock > current)) {
      store.put(CLOCK, clock);
      Watermark forwarded = new Watermark(context.taskId().partition(), clock);
      context.forward(new Record<>(record.key(), asEvent.apply(forwarded), clock));
    }
  }

  private long minimum() {
    long min = Long.MAX_VALUE;
    int expectedSeen = 0;
    try (KeyValueIterator<Integer, Long> all = store.all()) {
      while (all.hasNext()) {
        var entry = all.next();
        if (entry.key == CLOCK) {
          continue;
        }
        if (entry.key < expectedSources) {
          expectedSeen++;
        } else if (!warnedUnexpected) {
          warnedUnexpected = true;
          LOG.warn("Task {} received a watermark from upstream partition {}, but input.partitions is {}:"
              + " the input topics have more partitions than configured, and results may settle too early",
              context.taskId(), entry.key, expectedSources);
        }
        min = Math.min(min, entry.value);
      }
    }
    return expectedSeen == expectedSources ? min : NONE;
  }

  /** The clock a tracker keeps in {@code store}: {@link #NONE} until every upstream has reported. */
  public static long clock(KeyValueStore<Integer, Long> store) {
    Long clock = store.get(CLOCK);
    return clock == null ? NONE : clock;
  }
}
