package dev.layoffsignals.streams.errors;

import dev.layoffsignals.serde.SchemaRegistryException;
import dev.layoffsignals.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records whose bytes cannot be read go to {@code dead-letters}, bytes untouched, with the reason
 * in headers (category DESERIALIZATION), and processing continues. Bytes more than the producer
 * sends are left out (see {@link ErrorRecords#fits}): the reason says so. Written with Kafka Streams'
 * own dead-letter mechanism (KIP-1034), so the record is produced in the same transaction as the
 * offsets that skip it.
 *
 * <p>A schema registry that does not answer is not bad input ({@link RegistryOutage}): for such a
 * failure the handler logs an error and answers FAIL, so the transaction is aborted and the record
 * is read again once the registry is back, instead of being committed as consumed.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

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
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    Optional<SchemaRegistryException> outage = RegistryOutage.of(exception);
    if (outage.isPresent()) {
      String where = record.topic() + "[" + record.partition() + "]@" + record.offset();
      LOG.error("Cannot read record {}: the schema registry gave no usable answer ({}). That is not bad input: the record"
          + " is not sent to {}; the task fails and its transaction is aborted, so nothing read since the last commit"
          + " counts as consumed, and the record is read again once the registry answers. Cause: {}",
          where, outage.get().registryMessage(), Topics.DEAD_LETTERS.name(), exception.getMessage());
      outages.failed(where, outage.get());
      return Response.fail();
    }
    String reason = ErrorRecords.reason(exception);
    byte[] key = record.key();
    byte[] value = record.value();
    if (!ErrorRecords.fits(key, value, record.headers(), maxRequestSize - reason.length())) {
      reason = ErrorRecords.withoutBytes(reason, key, value, maxRequestSize);
      key = ErrorRecords.keptKey(key);
      value = null;
    }
    LOG.warn("Cannot deserialize record {}[{}]@{}, sent to {}: {}",
        record.topic(), record.partition(), record.offset(), Topics.DEAD_LETTERS.name(), reason);
    counter.count(ErrorCategory.DESERIALIZATION, record.topic());
    ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(
        Topics.DEAD_LETTERS.name(), null, record.timestamp() >= 0 ? record.timestamp() : null,
        key, value,
        ErrorRecords.headers(record.headers(), ErrorCategory.DESERIALIZATION, reason, exception,
            record.topic(), record.partition(), record.offset(), context.processorNodeId()));
    return Response.resume(List.of(deadLetter));
  }
}
