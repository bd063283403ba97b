package dev.layoffsignals.streams.ingest;

import dev.layoffsignals.streams.errors.ErrorCategory;
import dev.layoffsignals.streams.errors.ErrorCounter;
import dev.layoffsignals.streams.errors.ErrorRecords;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets an input record aside: forwards an {@link Ingested.Rejected} with the original key and value
 * bytes and the reason in headers (without the bytes when they are more than Kafka Streams'
 * producer sends, see {@link ErrorRecords#fits}), counts it and logs it. One per processor that
 * rejects input records; the record being processed is the one rejected.
 */
public final class Rejector {

  private static final Logger LOG = LoggerFactory.getLogger(Rejector.class);

  private final String processorName;
  private final ErrorCounter counter;
  private final ProcessorContext<String, Ingested> context;
  private final int maxRequestSize;

  /** @param processorName the rejecting node's name, written in the {@code error.processor} header */
  public Rejector(String processorName, ErrorCounter counter, ProcessorContext<String, Ingested> context) {
    this.processorName = processorName;
    this.counter = counter;
    this.context = context;
    this.maxRequestSize = ErrorRecords.maxRequestSize(context.appConfigs());
  }

  /** Rejects the record being processed, whose headers, timestamp and bytes these are. */
  public void reject(Headers inputHeaders, long timestamp, byte[] rawKey, byte[] rawValue, ErrorCategory category,
      String reason) {
    reject(inputHeaders, timestamp, rawKey, rawValue, category, reason, processorName);
  }

  /** The same, naming {@code node} as the one that rejected it (the ingest processor whose rules did). */
  public void reject(Headers inputHeaders, long timestamp, byte[] rawKey, byte[] rawValue, ErrorCategory category,
      String reason, String node) {
    Optional<RecordMetadata> metadata = context.recordMetadata();
    String topic = metadata.map(RecordMetadata::topic).orElse(null);
    int partition = metadata.map(RecordMetadata::partition).orElse(-1);
    long offset = metadata.map(RecordMetadata::offset).orElse(-1L);
    if (!ErrorRecords.fits(rawKey, rawValue, inputHeaders, maxRequestSize - reason.length())) {
      reason = ErrorRecords.withoutBytes(reason, rawKey, rawValue, maxRequestSize);
      rawKey = ErrorRecords.keptKey(rawKey);
      rawValue = null;
    }
    LOG.warn("{} record {}[{}]@{}: {}", category, topic, partition, offset, reason);
    counter.count(category, topic);
    Headers headers = ErrorRecords.headers(inputHeaders, category, reason, null, topic, partition, offset, node);
    context.forward(new Record<>(null, new Ingested.Rejected(category, rawKey, rawValue), timestamp, headers));
  }
}
