package dev.layoffsignals.streams.time;

import dev.layoffsignals.streams.events.Watermark;
import dev.layoffsignals.streams.ingest.Ingested;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sees every input record's outcome, right after the ingest processors: forwards events and
 * rejections, drops the "read, nothing to route" marks, and after each, when the task's stream
 * time minus the grace, rounded down to the {@link ClockGrid}, has advanced, adds a
 * {@link Watermark} of this task. The ingest processors send every record older than stream time
 * minus the grace to late-records, so that value is a promise: no event this task sends later is
 * older. Rounded down to the grid it decides downstream exactly what it would unrounded, and it
 * changes at most twice a day instead of with every new input timestamp: each watermark costs
 * one record per partition of the repartition topic and the clock work of every ticker task.
 */
public final class WatermarkEmitter implements Processor<String, Ingested, String, Ingested> {

  /** Key of watermark records; the partitioner sends them to every partition whatever the key. */
  public static final String KEY = "~watermark";

  private final long graceMs;
  private final ClockGrid grid = new ClockGrid();
  private ProcessorContext<String, Ingested> context;
  private long lastEmitted = Long.MIN_VALUE;

  public WatermarkEmitter(Duration grace) {
    this.graceMs = grace.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, Ingested> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Ingested> record) {
    if (!(record.value() instanceof Ingested.Read)) {
      context.forward(record);
    }
    long streamTime = context.currentStreamTimeMs();
    if (streamTime < 0) {
      return;
    }
    long watermark = grid.floor(streamTime - graceMs);
    if (watermark > lastEmitted && watermark >= 0) {
      lastEmitted = watermark;
      Watermark w = new Watermark(context.taskId().partition(), watermark);
      context.forward(new Record<>(KEY, new Ingested.Accepted(w), watermark));
    }
  }
}
