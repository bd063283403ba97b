package dev.layoffsignals.producers;

import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.Serde;

/**
 * Sends heartbeats: one {@link Heartbeat}(source, watermark, offsets) to every partition of
 * {@link Topics#HEARTBEATS}, no key, the partition given explicitly, record timestamp = watermark,
 * the value serialized with the catalogue's serde. A heartbeat is a promise: the sender publishes
 * nothing older than the watermark afterwards.
 *
 * <p>Shares the commands' producer (it does not close it). {@link #send} returns once every
 * partition acknowledged the heartbeat, and throws {@link HeartbeatFailedException} otherwise. The
 * caller flushes its data first, so a heartbeat never reaches the broker before the records it
 * vouches for.
 */
public final class Heartbeats implements AutoCloseable {

  private static final Topic<String, Heartbeat> TOPIC = Topics.HEARTBEATS;

  private final Producer<byte[], byte[]> producer;
  private final String source;
  private final Serde<Heartbeat> serde;

  private Heartbeats(Producer<byte[], byte[]> producer, Map<String, ?> serdeConfig, String source) {
    this.producer = producer;
    this.source = source;
    this.serde = TOPIC.valueSerde(serdeConfig);
  }

  /**
   * Heartbeats of {@code source} through {@code producer}; looks the topic's partitions up now, so
   * a missing topic fails the run before any data is published, and serializes a heartbeat now, so
   * that the schema's id is known: a schema registry that goes down later in the run does not fail
   * its heartbeats, and one that is down already fails the run before any data is published.
   *
   * @throws HeartbeatFailedException when the topic has no partitions or cannot be looked up, or
   *     the heartbeat cannot be serialized (the schema registry cannot be reached, say)
   */
  public static Heartbeats open(Producer<byte[], byte[]> producer, Map<String, ?> serdeConfig, String source) {
    Heartbeats heartbeats = new Heartbeats(producer, serdeConfig, source);
    try {
      heartbeats.partitionsNow();
      heartbeats.serialize(0, Map.of());
    } catch (HeartbeatFailedException e) {
      heartbeats.close();
      throw e;
    }
    return heartbeats;
  }

  /** The topic heartbeats go to. */
  public static String topic() {
    return TOPIC.name();
  }

  /**
   * Sends {@code Heartbeat(source, watermark)} to every partition (looked up again, so partitions
   * added during a run get it too) and waits until all are acknowledged.
   *
   * @return the number of partitions that acknowledged it (all of them)
   * @throws HeartbeatFailedException when a partition did not acknowledge it
   */
  public int send(long watermarkMillis) {
    return send(watermarkMillis, Map.of());
  }

  /**
   * Sends {@code Heartbeat(source, watermark, offsets)} to every partition: the heartbeat of
   * partition {@code p} carries {@code offsetsByPartition.get(p)} (topic -> the offset below which
   * the sender's records on that topic's partition {@code p} are, see {@link Publisher#acknowledgedEnds}),
   * so the topology applies the watermark to an input partition only once it has read those
   * records. A topic not listed takes the watermark at once.
   *
   * @return the number of partitions that acknowledged it (all of them)
   * @throws HeartbeatFailedException when a partition did not acknowledge it
   */
  public int send(long watermarkMillis, Map<Integer, Map<String, Long>> offsetsByPartition) {
    List<PartitionInfo> targets = partitionsNow();
    AtomicInteger acknowledged = new AtomicInteger();
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    Callback callback = (metadata, exception) -> {
      if (exception == null) {
        acknowledged.incrementAndGet();
      } else {
        firstFailure.compareAndSet(null, exception);
      }
    };
    try {
      for (PartitionInfo p : targets) {
        byte[] value = serialize(watermarkMillis, offsetsByPartition.getOrDefault(p.partition(), Map.of()));
        producer.send(new ProducerRecord<>(TOPIC.name(), p.partition(), watermarkMillis, null, value), callback);
      }
    } catch (RuntimeException e) {
      // a producer that can no longer send; what was handed over is flushed below
      firstFailure.compareAndSet(null, e);
    }
    producer.flush();
    Exception failure = firstFailure.get();
    if (failure != null || acknowledged.get() != targets.size()) {
      throw new HeartbeatFailedException(String.format("%s to %d of %d partitions of %s: %s",
          Instant.ofEpochMilli(watermarkMillis), acknowledged.get(), targets.size(), TOPIC.name(),
          failure == null ? "not acknowledged" : failure), failure);
    }
    return targets.size();
  }

  @Override
  public void close() {
    serde.close();
  }

  /** The value of a heartbeat; the serde keeps the schema id it got the first time. */
  private byte[] serialize(long watermarkMillis, Map<String, Long> offsets) {
    try {
      return serde.serializer().serialize(TOPIC.name(),
          new Heartbeat(source, Instant.ofEpochMilli(watermarkMillis), new TreeMap<>(offsets)));
    } catch (RuntimeException e) {
      throw new HeartbeatFailedException("cannot serialize the heartbeat: " + e, e);
    }
  }

  private List<PartitionInfo> partitionsNow() {
    List<PartitionInfo> found;
    try {
      found = producer.partitionsFor(TOPIC.name());
    } catch (RuntimeException e) {
      throw new HeartbeatFailedException("cannot look up the partitions of " + TOPIC.name() + ": " + e, e);
    }
    if (found == null || found.isEmpty()) {
      throw new HeartbeatFailedException("topic " + TOPIC.name() + " has no partitions (create it with create-topics)", null);
    }
    return found;
  }
}
