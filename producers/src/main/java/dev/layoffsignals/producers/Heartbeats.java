package dev.layoffsignals.producers;

import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.Serde;

/**
 * Sends heartbeats: one {@link Heartbeat}(source, watermark, offsets) to every partition of
 * {@link Topics#HEARTBEATS}, no key, the partition given explicitly, record timestamp = watermark,
 * the value serialized with the catalogue's serde. A heartbeat is a promise: the sender publishes
 * nothing older than the watermark afterwards.
 *
 * <p>Every heartbeat vouches for every data input ({@link Topics#DATA_INPUTS}): its {@code offsets}
 * list, for each, the offset on the heartbeat's partition number below which the records it
 * vouches for are. For a partition the sender wrote, the end of what it wrote (given to
 * {@link #send}); for any other, the partition's end offset looked up just before the heartbeat
 * is sent ({@link EndOffsets}): records already on the broker that another producer wrote. The
 * topology raises a topic it does not find listed at once, so a heartbeat read before such
 * records (Kafka Streams may read the heartbeats partition ahead of the others) would make them
 * late; listed, they are waited for. A data topic that is missing, or has no partition of that
 * number, is not listed: nothing is on it, so nothing can be made late there.
 *
 * <p>Shares the commands' producer and end-offsets lookup (it closes neither). {@link #send}
 * returns once every partition acknowledged the heartbeat, and throws
 * {@link HeartbeatFailedException} otherwise, or when the end offsets cannot be looked up (then
 * nothing is sent). The caller flushes its data first, so a heartbeat never reaches the broker
 * before the records it vouches for.
 */
public final class Heartbeats implements AutoCloseable {

  private static final Topic<String, Heartbeat> TOPIC = Topics.HEARTBEATS;

  private final Producer<byte[], byte[]> producer;
  private final EndOffsets endOffsets;
  private final String source;
  private final Serde<Heartbeat> serde;

  private Heartbeats(Producer<byte[], byte[]> producer, EndOffsets endOffsets, Map<String, ?> serdeConfig, String source) {
    this.producer = java.util.Objects.requireNonNull(producer, "producer");
    this.endOffsets = java.util.Objects.requireNonNull(endOffsets, "endOffsets");
    this.source = source;
    this.serde = TOPIC.valueSerde(serdeConfig);
  }

  /**
   * Heartbeats of {@code source} through {@code producer}, vouching for the data inputs' end
   * offsets through {@code endOffsets}; looks the topic's partitions up now, so a missing topic
   * fails the run before any data is published, looks the data inputs' end offsets up once now, so
   * a lookup that cannot work (no access to the brokers, not authorized) fails the run before any
   * data is published too, and serializes a heartbeat now, so that the schema's id is known: a
   * schema registry that goes down later in the run does not fail its heartbeats, and one that is
   * down already fails the run before any data is published.
   *
   * @throws HeartbeatFailedException when the topic has no partitions or cannot be looked up, the
   *     end offsets cannot be looked up, or the heartbeat cannot be serialized (the schema registry
   *     cannot be reached, say)
   */
  public static Heartbeats open(Producer<byte[], byte[]> producer, EndOffsets endOffsets, Map<String, ?> serdeConfig,
      String source) {
    Heartbeats heartbeats = new Heartbeats(producer, endOffsets, serdeConfig, source);
    try {
      heartbeats.vouched(heartbeats.partitionsNow(), Map.of());
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
   * Sends {@code Heartbeat(source, watermark, offsets)} to every partition (looked up again, so
   * partitions added during a run get it too), for a sender that wrote nothing: each data input is
   * vouched for up to its end offset now. Waits until all are acknowledged.
   *
   * @return the number of partitions that acknowledged it (all of them)
   * @throws HeartbeatFailedException when a partition did not acknowledge it, or the end offsets
   *     cannot be looked up (then nothing is sent)
   */
  public int send(long watermarkMillis) {
    return send(watermarkMillis, Map.of());
  }

  /**
   * Sends {@code Heartbeat(source, watermark, offsets)} to every partition: the heartbeat of
   * partition {@code p} carries {@code offsetsByPartition.get(p)} (topic -> the offset below which
   * the sender's records on that topic's partition {@code p} are, see {@link Publisher#acknowledgedEnds}),
   * as given, and for every data input not given there, the end offset of its partition {@code p}
   * looked up now (after the caller's flush), so the topology applies the watermark to an input
   * partition only once it has read those records, the sender's and everyone else's before the
   * heartbeat.
   *
   * @return the number of partitions that acknowledged it (all of them)
   * @throws HeartbeatFailedException when a partition did not acknowledge it, or the end offsets
   *     cannot be looked up (then nothing is sent)
   */
  public int send(long watermarkMillis, Map<Integer, Map<String, Long>> offsetsByPartition) {
    List<PartitionInfo> targets = partitionsNow();
    Map<Integer, Map<String, Long>> offsets;
    try {
      offsets = vouched(targets, offsetsByPartition);
    } catch (HeartbeatFailedException e) {
      throw new HeartbeatFailedException(Instant.ofEpochMilli(watermarkMillis) + " not sent: " + e.getMessage(), e.getCause());
    }
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
        byte[] value = serialize(watermarkMillis, offsets.get(p.partition()));
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

  /**
   * Per partition of {@code targets}: the offsets given for it, and for each data input not given,
   * its end offset on that partition number (left out when there is no such partition).
   */
  private Map<Integer, Map<String, Long>> vouched(List<PartitionInfo> targets, Map<Integer, Map<String, Long>> given) {
    Map<Integer, Map<String, Long>> offsets = new TreeMap<>();
    List<TopicPartition> unwritten = new ArrayList<>();
    for (PartitionInfo p : targets) {
      Map<String, Long> own = new TreeMap<>(given.getOrDefault(p.partition(), Map.of()));
      for (Topic<?, ?> t : Topics.DATA_INPUTS) {
        if (!own.containsKey(t.name())) {
          unwritten.add(new TopicPartition(t.name(), p.partition()));
        }
      }
      offsets.put(p.partition(), own);
    }
    Map<TopicPartition, Long> ends;
    try {
      ends = unwritten.isEmpty() ? Map.of() : endOffsets.latest(unwritten);
    } catch (EndOffsets.LookupFailed e) {
      throw new HeartbeatFailedException("cannot look up the end offsets of " + e.topic() + ": " + e.getCause(), e);
    } catch (InterruptException e) {
      throw e;   // the run is interrupted, not the heartbeat failed
    } catch (RuntimeException e) {
      throw new HeartbeatFailedException("cannot look up the end offsets of "
          + unwritten.stream().map(TopicPartition::topic).distinct().sorted().toList() + ": " + e, e);
    }
    for (TopicPartition tp : unwritten) {
      Long end = ends == null ? null : ends.get(tp);
      if (end == null) {
        continue;   // no such partition: nothing on it
      }
      if (end < 0) {
        throw new HeartbeatFailedException("cannot look up the end offsets of " + tp.topic() + ": partition "
            + tp.partition() + " has end offset " + end, null);
      }
      offsets.get(tp.partition()).put(tp.topic(), end);
    }
    return offsets;
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
