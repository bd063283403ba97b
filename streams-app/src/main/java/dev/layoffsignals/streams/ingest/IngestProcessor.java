package dev.layoffsignals.streams.ingest;

import dev.layoffsignals.streams.errors.ErrorCategory;
import dev.layoffsignals.streams.errors.ErrorCounter;
import dev.layoffsignals.streams.errors.ErrorRecords;
import dev.layoffsignals.streams.events.TickerEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step of every input: validates a record, sends it to late-records when it is older than
 * stream time minus the grace, and otherwise turns it into events routed by ticker (or company).
 * Rejections carry the original key and value bytes and the reason in headers (without the bytes
 * when they are more than Kafka Streams' producer sends, see {@link ErrorRecords#fits}); they are counted,
 * and so is every record passed on ({@link ErrorCounter#countProcessed}), once it has been.
 */
public final class IngestProcessor<V> implements Processor<byte[], Envelope<V>, String, Ingested> {

  private static final Logger LOG = LoggerFactory.getLogger(IngestProcessor.class);

  private final String name;
  private final IngestRules<V> rules;
  private final long graceMs;
  private final Duration grace;
  private final ErrorCounter counter;
  private ProcessorContext<String, Ingested> context;
  private int maxRequestSize;

  /** @param name this processor's node name, written in the {@code error.processor} header */
  public IngestProcessor(String name, IngestRules<V> rules, Duration grace, ErrorCounter counter) {
    this.name = name;
    this.rules = rules;
    this.grace = grace;
    this.graceMs = grace.toMillis();
    this.counter = counter;
  }

  @Override
  public void init(ProcessorContext<String, Ingested> context) {
    this.context = context;
    this.maxRequestSize = ErrorRecords.maxRequestSize(context.appConfigs());
  }

  @Override
  public void process(Record<byte[], Envelope<V>> record) {
    Envelope<V> envelope = record.value();
    V value = envelope == null ? null : envelope.value();
    if (value == null) {
      reject(record, ErrorCategory.INVALID, "no value (a tombstone or an empty record)");
      return;
    }
    Optional<String> invalid = rules.invalid(value);
    if (invalid.isPresent()) {
      reject(record, ErrorCategory.INVALID, invalid.get());
      return;
    }
    long eventTime = rules.eventTime(value).toEpochMilli();
    long streamTime = context.currentStreamTimeMs();
    if (streamTime >= 0 && eventTime < streamTime - graceMs) {
      reject(record, ErrorCategory.LATE, "event time " + Instant.ofEpochMilli(eventTime) + " is more than the grace period "
          + grace + " before stream time " + Instant.ofEpochMilli(streamTime));
      return;
    }
    List<KeyValue<String, TickerEvent>> events;
    try {
      events = rules.events(value);
    } catch (InvalidRecordException e) {
      reject(record, ErrorCategory.INVALID, e.getMessage());
      return;
    }
    if (events.isEmpty()) {
      context.forward(new Record<>(null, new Ingested.Read(), eventTime));
    }
    for (KeyValue<String, TickerEvent> event : events) {
      context.forward(new Record<>(event.key, new Ingested.Accepted(event.value), eventTime));
    }
    // after the forwards: a record a later processor failed on is counted once, as PROCESSING
    counter.countProcessed(context.recordMetadata().map(RecordMetadata::topic).orElse(null));
  }

  private void reject(Record<byte[], Envelope<V>> record, ErrorCategory category, String reason) {
    Optional<RecordMetadata> metadata = context.recordMetadata();
    String topic = metadata.map(RecordMetadata::topic).orElse(null);
    int partition = metadata.map(RecordMetadata::partition).orElse(-1);
    long offset = metadata.map(RecordMetadata::offset).orElse(-1L);
    byte[] rawKey = record.key();
    byte[] rawValue = record.value() == null ? null : record.value().raw();
    if (!ErrorRecords.fits(rawKey, rawValue, record.headers(), maxRequestSize - reason.length())) {
      reason = ErrorRecords.withoutBytes(reason, rawKey, rawValue, maxRequestSize);
      rawKey = ErrorRecords.keptKey(rawKey);
      rawValue = null;
    }
    LOG.warn("{} record {}[{}]@{}: {}", category, topic, partition, offset, reason);
    counter.count(category, topic);
    Headers headers = ErrorRecords.headers(record.headers(), category, reason, null, topic, partition, offset, name);
    context.forward(new Record<>(null, new Ingested.Rejected(category, rawKey, rawValue), record.timestamp(), headers));
  }
}
