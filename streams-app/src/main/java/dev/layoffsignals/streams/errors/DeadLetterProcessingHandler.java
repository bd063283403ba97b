package dev.layoffsignals.streams.errors;

import dev.layoffsignals.serde.SchemaRegistryException;
import dev.layoffsignals.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor that throws on a record sends that record's source bytes (the input record, or the
 * internal record for processors after a repartition) to {@code dead-letters} with the reason in
 * headers (category PROCESSING), and processing continues with the next record.
 *
 * <p>Kafka Streams frees the raw source bytes once a processor has produced something for the
 * record, so a failure after a first output has only the headers to tell what happened; it is
 * still written and counted, never dropped.
 *
 * <p>A processor that fails because the schema registry does not answer (a store's serde reading a
 * schema id it has not cached) did not fail on bad input ({@link RegistryOutage}): the handler logs
 * an error and answers FAIL, so the transaction is aborted and the record processed again once the
 * registry is back.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private ErrorCounter counter = ErrorCounter.NONE;
  private RegistryOutage outages = new RegistryOutage();
  private int maxRequestSize = ErrorRecords.DEFAULT_MAX_REQUEST_SIZE;

  @Override
  public void configure(Map<String, ?> configs) {
    if (configs.get(ErrorCounter.CONFIG) instanceof ErrorCounter c) {
      counter = c;
    }
    if (configs.get(RegistryOutage.CONFIG) instanceof RegistryOutage o) {
      outages = o;
    }
    maxRequestSize = ErrorRecords.maxRequestSize(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    Optional<SchemaRegistryException> outage = RegistryOutage.of(exception);
    if (outage.isPresent()) {
      String where = context.topic() + "[" + context.partition() + "]@" + context.offset();
      LOG.error("Processor {} failed on record {} because the schema registry gave no usable answer ({}). That is not bad"
          + " input: the record is not sent to {}; the task fails and its transaction is aborted, so the record is"
          + " processed again once the registry answers. Cause: {}",
          context.processorNodeId(), where, outage.get().registryMessage(), Topics.DEAD_LETTERS.name(), exception.getMessage());
      outages.failed(where, outage.get());
      return Response.fail();
    }
    String reason = ErrorRecords.reason(exception);
    LOG.error("Processor {} failed on record {}[{}]@{} (key {}), sent to {}",
        context.processorNodeId(), context.topic(), context.partition(), context.offset(), record.key(),
        Topics.DEAD_LETTERS.name(), exception);
    counter.count(ErrorCategory.PROCESSING, context.topic());
    byte[] key = context.sourceRawKey();
    byte[] value = context.sourceRawValue();
    if (!ErrorRecords.fits(key, value, context.headers(), maxRequestSize - reason.length())) {
      reason = ErrorRecords.withoutBytes(reason, key, value, maxRequestSize);
      key = ErrorRecords.keptKey(key);
      value = null;
    }
    ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(
        Topics.DEAD_LETTERS.name(), null, context.timestamp() >= 0 ? context.timestamp() : null,
        key, value,
        ErrorRecords.headers(context.headers(), ErrorCategory.PROCESSING, reason, exception,
            context.topic(), context.partition(), context.offset(), context.processorNodeId()));
    return Response.resume(List.of(deadLetter));
  }
}
