package dev.layoffsignals.producers;

import dev.layoffsignals.topics.Topic;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes events through one producer, serializing keys and values with the catalogue's serdes
 * ({@link Topic#keySerde}, {@link Topic#valueSerde}) and stamping each record with its event time.
 *
 * <p>Sends are asynchronous. A failed send, reported by the callback or thrown by serialization,
 * is recorded; {@link #failed()} then stays true, later sends are refused, and the command exits 1
 * after {@link #flush()}. Counts per topic and per input are taken on acknowledgement, so after a
 * flush they say exactly what the broker has.
 */
public final class Publisher implements AutoCloseable {

  /** Counters of one topic. */
  public static final class TopicStats {
    private long sent;
    private final LongAdder published = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /** Records handed to the producer (the main thread's count, for the progress bar). */
    public long sent() {
      return sent;
    }

    /** Records the broker acknowledged. */
    public long published() {
      return published.sum();
    }

    public long failed() {
      return failed.sum();
    }
  }

  /**
   * A record larger than the producer can send, refused before anything is sent or counted: the
   * caller rejects it (as a bad input record) and goes on.
   */
  public static final class RecordTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RecordTooLarge(long bytes, long max) {
      super(String.format(java.util.Locale.ROOT, "too large to publish: key and value take %,d bytes, more than the %,d"
          + " the producer can send (max.request.size, buffer.memory, less %d bytes of framing)", bytes, max,
          ProducerSettings.RECORD_OVERHEAD), null, false, false);
    }
  }

  private final Producer<byte[], byte[]> producer;
  private final Map<String, ?> serdeConfig;
  private final long maxRecordBytes;
  private final Map<Topic<?, ?>, Serializer<Object>> valueSerializers = new IdentityHashMap<>();
  private final Map<Topic<?, ?>, Serializer<String>> keySerializers = new IdentityHashMap<>();
  private final Map<Topic<?, ?>, Serde<?>> serdes = new IdentityHashMap<>();
  private final Map<String, TopicStats> topics = new LinkedHashMap<>();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  /** Per partition written to, the last acknowledged offset + 1 (what a heartbeat vouches for). */
  private final Map<TopicPartition, Long> acknowledgedEnds = new ConcurrentHashMap<>();

  /**
   * @param producer    an idempotent producer of bytes (see {@link ProducerSettings})
   * @param serdeConfig configuration of the catalogue's serdes (schema.registry.url, ...)
   */
  public Publisher(Producer<byte[], byte[]> producer, Map<String, ?> serdeConfig) {
    this(producer, serdeConfig, Long.MAX_VALUE);
  }

  /**
   * @param maxRecordBytes the most bytes of key and value a record may take (see
   *     {@link ProducerSettings#maxRecordBytes}); a larger one is refused with {@link RecordTooLarge}
   */
  public Publisher(Producer<byte[], byte[]> producer, Map<String, ?> serdeConfig, long maxRecordBytes) {
    this.producer = producer;
    this.serdeConfig = serdeConfig;
    this.maxRecordBytes = maxRecordBytes;
  }

  /**
   * Sends one event; returns false (and sends nothing) once a send has failed.
   *
   * @return whether the event was handed to the producer
   * @throws RecordTooLarge when the serialized record is larger than the producer can send; nothing
   *     was sent or counted, and later sends go on
   */
  public boolean send(Event event) {
    if (firstFailure.get() != null) {
      return false;
    }
    Topic<String, ?> topic = event.topic();
    InputStats input = event.input();
    byte[] key;
    byte[] value;
    try {
      key = keySerializer(topic).serialize(topic.name(), event.key());
      value = valueSerializer(topic).serialize(topic.name(), event.value());
    } catch (RuntimeException e) {
      return failed(topic, input, e); // e.g. the registry is unreachable
    }
    long size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    if (size > maxRecordBytes) {
      throw new RecordTooLarge(size, maxRecordBytes);
    }
    TopicStats ts = topics.computeIfAbsent(topic.name(), n -> new TopicStats());
    try {
      producer.send(new ProducerRecord<>(topic.name(), null, event.timestamp(), key, value), callback(ts, input));
      ts.sent++;
      return true;
    } catch (RuntimeException e) {
      return failed(topic, input, e); // a producer that can no longer send
    }
  }

  private boolean failed(Topic<String, ?> topic, InputStats input, RuntimeException e) {
    topics.computeIfAbsent(topic.name(), n -> new TopicStats()).failed.increment();
    input.countFailed();
    firstFailure.compareAndSet(null, e);
    return false;
  }

  /**
   * Serializes the event without sending it, so that its topic's schema id is resolved (registered
   * or looked up) and kept now: a run resolves the ids of every topic it will publish to before it
   * publishes anything, so a schema registry that is down fails the run before its first record,
   * and one that goes down later does not stop it. A failure is recorded as a failed send would be.
   *
   * @return whether the event could be serialized
   */
  public boolean prepare(Event event) {
    if (firstFailure.get() != null) {
      return false;
    }
    Topic<String, ?> topic = event.topic();
    try {
      keySerializer(topic).serialize(topic.name(), event.key());
      valueSerializer(topic).serialize(topic.name(), event.value());
      return true;
    } catch (RuntimeException e) {
      return failed(topic, event.input(), e);
    }
  }

  private Callback callback(TopicStats ts, InputStats input) {
    return (metadata, exception) -> {
      if (exception == null) {
        ts.published.increment();
        input.countPublished();
        if (metadata != null && metadata.hasOffset()) {
          acknowledgedEnds.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset() + 1, Math::max);
        }
      } else {
        ts.failed.increment();
        input.countFailed();
        firstFailure.compareAndSet(null, exception);
      }
    };
  }

  /** Waits until every record sent so far is acknowledged or failed. */
  public void flush() {
    producer.flush();
  }

  /** Whether any send has failed. */
  public boolean failed() {
    return firstFailure.get() != null;
  }

  /** The first failure seen (thrown by a send or reported by its callback), or null. */
  public Exception firstFailure() {
    return firstFailure.get();
  }

  /**
   * Per partition number, per topic: the offset below which every record acknowledged so far lies
   * (its last acknowledged offset + 1), for the partitions this publisher has written to. After a
   * {@link #flush()} this covers every record sent: what a heartbeat sent then vouches for.
   */
  public Map<Integer, Map<String, Long>> acknowledgedEnds() {
    Map<Integer, Map<String, Long>> out = new TreeMap<>();
    acknowledgedEnds.forEach((tp, end) -> out.computeIfAbsent(tp.partition(), p -> new TreeMap<>()).put(tp.topic(), end));
    return out;
  }

  /** Counters per topic name, in the order topics were first used. */
  public Map<String, TopicStats> topics() {
    return topics;
  }

  /** Topics used so far. */
  public Set<String> topicNames() {
    return topics.keySet();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
    serdes.values().forEach(Serde::close);
  }

  @SuppressWarnings("unchecked")
  private Serializer<Object> valueSerializer(Topic<String, ?> topic) {
    Serializer<Object> s = valueSerializers.get(topic);
    if (s == null) {
      Serde<?> serde = topic.valueSerde(serdeConfig);
      serdes.put(topic, serde);
      s = (Serializer<Object>) serde.serializer();
      valueSerializers.put(topic, s);
    }
    return s;
  }

  private Serializer<String> keySerializer(Topic<String, ?> topic) {
    Serializer<String> s = keySerializers.get(topic);
    if (s == null) {
      s = topic.keySerde(serdeConfig).serializer();
      keySerializers.put(topic, s);
    }
    return s;
  }
}
