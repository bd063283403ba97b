package dev.layoffsignals.streams.ingest;

import dev.layoffsignals.streams.errors.ErrorCategory;
import dev.layoffsignals.streams.errors.ErrorCounter;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First step of every input: validates a record. An impossible record is set aside as INVALID,
 * with its original bytes and the reason ({@link Rejector}); a valid one goes on as one
 * {@link Ingested.Read}, to the task's input clock ({@code time.InputClockProcessor}), which
 * decides whether it is late and otherwise asks for its events (routed by ticker or company), a
 * record giving an impossible one being INVALID too, named as rejected here.
 */
public final class IngestProcessor<V> implements Processor<byte[], Envelope<V>, String, Ingested> {

  private final String name;
  private final IngestRules<V> rules;
  private final ErrorCounter counter;
  private ProcessorContext<String, Ingested> context;
  private Rejector rejector;

  /** @param name this processor's node name, written in the {@code error.processor} header */
  public IngestProcessor(String name, IngestRules<V> rules, ErrorCounter counter) {
    this.name = name;
    this.rules = rules;
    this.counter = counter;
  }

  @Override
  public void init(ProcessorContext<String, Ingested> context) {
    this.context = context;
    this.rejector = new Rejector(name, counter, context);
  }

  @Override
  public void process(Record<byte[], Envelope<V>> record) {
    Envelope<V> envelope = record.value();
    V value = envelope == null ? null : envelope.value();
    byte[] rawValue = envelope == null ? null : envelope.raw();
    if (value == null) {
      rejector.reject(record.headers(), record.timestamp(), record.key(), rawValue, ErrorCategory.INVALID,
          "no value (a tombstone or an empty record)");
      return;
    }
    Optional<String> invalid = rules.invalid(value);
    if (invalid.isPresent()) {
      rejector.reject(record.headers(), record.timestamp(), record.key(), rawValue, ErrorCategory.INVALID, invalid.get());
      return;
    }
    long eventTime = rules.eventTime(value).toEpochMilli();
    Ingested.Read read = new Ingested.Read(eventTime, () -> rules.events(value), rules.vouched(value), record.key(), rawValue, name);
    context.forward(new Record<>(null, read, eventTime, record.headers()));
  }
}
