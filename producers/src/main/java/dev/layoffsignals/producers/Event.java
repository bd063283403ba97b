package dev.layoffsignals.producers;

import dev.layoffsignals.topics.Topic;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record to publish, as a source parsed it: the topic from the catalogue, the key, the value,
 * the event time (which becomes the record timestamp) and where it came from.
 *
 * @param topic     the catalogue topic the record goes to
 * @param key       record key (a plain string: article id, symbol, record id)
 * @param value     record value, a generated Avro class matching the topic's value type
 * @param timestamp event time in epoch milliseconds; published as the record timestamp
 * @param line      line (or item) of the input it came from, 1-based; for reports and tie-breaks
 * @param input     counters of the input it came from; the publisher adds acknowledgements to them
 */
public record Event(
    Topic<String, ? extends SpecificRecord> topic,
    String key,
    SpecificRecord value,
    long timestamp,
    long line,
    InputStats input) {

  public Event {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(input, "input");
    if (!topic.valueType().isInstance(value)) {
      throw new IllegalArgumentException(
          "a " + value.getClass().getSimpleName() + " cannot go to topic " + topic.name());
    }
  }
}
