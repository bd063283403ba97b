package dev.layoffsignals.streams.ingest;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads an input topic's values into {@link Envelope}s: the topic's own deserializer decodes, and
 * the bytes are kept. A decoding failure propagates, so Kafka Streams hands the record to the
 * deserialization exception handler (dead-letters) as usual. Serializing writes the kept bytes.
 */
public final class EnvelopeSerde<V> implements Serde<Envelope<V>> {

  private final Deserializer<V> inner;

  /** @param inner a configured deserializer of the topic's value type */
  public EnvelopeSerde(Deserializer<V> inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // the inner deserializer comes configured from the topic catalogue
  }

  @Override
  public Serializer<Envelope<V>> serializer() {
    return (topic, envelope) -> envelope == null ? null : envelope.raw();
  }

  @Override
  public Deserializer<Envelope<V>> deserializer() {
    return new Deserializer<>() {
      @Override
      public Envelope<V> deserialize(String topic, byte[] data) {
        return data == null ? new Envelope<>(null, null) : new Envelope<>(data, inner.deserialize(topic, data));
      }

      @Override
      public Envelope<V> deserialize(String topic, Headers headers, byte[] data) {
        return data == null ? new Envelope<>(null, null) : new Envelope<>(data, inner.deserialize(topic, headers, data));
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  @Override
  public void close() {
    inner.close();
  }
}
