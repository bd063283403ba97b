package dev.layoffsignals.streams.time;

import dev.layoffsignals.streams.codec.BinaryReader;
import dev.layoffsignals.streams.codec.BinaryWriter;
import dev.layoffsignals.streams.codec.Codec;
import dev.layoffsignals.streams.codec.VersionedSerde;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * The clock of one input task: for each of its input partitions (one per input topic, all of the
 * same number), the time that partition has reached, and the task's clock, the earliest of them.
 *
 * <p>A partition's time is the largest event time read on it, raised by the heartbeats that vouch
 * for it. It depends only on what that partition holds, in its order, never on how the consumer
 * interleaves partitions: so whether a record is late (older than its partition's time minus the
 * grace) is a function of the input, however fast it is read. The task's clock is the minimum over
 * the data partitions: nothing any of them delivers later can be older than the clock minus the
 * grace, which is the promise a watermark makes downstream.
 *
 * <p>A heartbeat read on the heartbeats partition raises each data partition's time to its
 * watermark, but only once the task has read that partition up to the offset the heartbeat vouches
 * for (the sender's records written before it); until then the raise is pending, and it applies
 * as soon as a record at or past that offset is read. A data topic the heartbeat does not list
 * takes it at once. The heartbeats partition has its own time (the largest watermark read), which
 * decides whether a heartbeat is late; it is not part of the clock.
 *
 * <p>Partitions whose time is unknown (nothing read, nothing vouched) hold the clock: it is
 * {@link Long#MIN_VALUE} until every data partition has a time.
 */
public final class InputClock {

  private static final int FORMAT = 1;
  /** Pending heartbeats kept per topic; more means a sender vouches for records that never come. */
  static final int MAX_PENDING = 10_000;

  private final List<String> dataTopics;
  private final String heartbeatTopic;
  /** Per topic index (data topics, then the heartbeats topic): largest time reached. */
  private final long[] times;
  /** Per topic index: offset after the last record read, or -1 before the first. */
  private final long[] nextOffsets;
  /** Per data topic index: pending raises, ordered by offset, as {offset, watermark} pairs. */
  private final List<List<long[]>> pending;
  /** Changes made to {@link #pending} by this instance: whether they must be stored again. */
  private long pendingChanges;

  public InputClock(List<String> dataTopics, String heartbeatTopic) {
    this.dataTopics = List.copyOf(dataTopics);
    this.heartbeatTopic = heartbeatTopic;
    int n = dataTopics.size() + 1;
    this.times = new long[n];
    this.nextOffsets = new long[n];
    Arrays.fill(times, Long.MIN_VALUE);
    Arrays.fill(nextOffsets, -1);
    this.pending = new ArrayList<>();
    for (int i = 0; i < dataTopics.size(); i++) {
      pending.add(new ArrayList<>());
    }
  }

  /** Whether {@code topic} is one this clock tracks. */
  public boolean tracks(String topic) {
    return index(topic) >= 0;
  }

  /**
   * A record of {@code topic} at {@code offset} is about to be judged: raises vouched for offsets up
   * to it apply first (the records they vouch for are before it).
   *
   * @return whether the clock changed
   */
  public boolean arrive(String topic, long offset) {
    int i = index(topic);
    return i < dataTopics.size() && applyPending(i, offset);
  }

  /**
   * The record of {@code topic} at {@code offset} has been read (accepted, late or invalid):
   * raises vouched for offsets up to the next one apply.
   *
   * @return whether the clock changed
   */
  public boolean read(String topic, long offset) {
    int i = index(topic);
    nextOffsets[i] = Math.max(nextOffsets[i], offset + 1);
    return i < dataTopics.size() && applyPending(i, offset + 1);
  }

  /**
   * The task resumes reading at these offsets (per topic, the next offset to read: the committed
   * ones, which the offsets stored with the times may be behind): the records below them count as
   * read, and raises vouched for them apply.
   *
   * @return whether the clock changed
   */
  public boolean resume(Map<String, Long> committed) {
    boolean changed = false;
    for (int i = 0; i < times.length; i++) {
      String topic = i < dataTopics.size() ? dataTopics.get(i) : heartbeatTopic;
      Long next = committed.get(topic);
      if (next != null && next > nextOffsets[i]) {
        nextOffsets[i] = next;
        changed |= i < dataTopics.size() && applyPending(i, next);
      }
    }
    return changed;
  }

  /** Raises {@code topic}'s time to {@code eventTime}; returns whether it moved. */
  public boolean advance(String topic, long eventTime) {
    return raise(index(topic), eventTime);
  }

  /**
   * A heartbeat with {@code watermark}, vouching per topic for the records below an offset:
   * raises every data partition already read that far, or not listed, and keeps the others
   * pending.
   *
   * @return whether the clock changed
   */
  public boolean vouch(Map<String, Long> offsets, long watermark) {
    boolean changed = false;
    for (int i = 0; i < dataTopics.size(); i++) {
      Long offset = offsets.get(dataTopics.get(i));
      if (offset == null || offset <= 0 || nextOffsets[i] >= offset) {
        changed |= raise(i, watermark);
      } else if (watermark > times[i]) {
        addPending(i, offset, watermark);
      }
    }
    return changed;
  }

  /** The time {@code topic}'s partition has reached, or {@link Long#MIN_VALUE}. */
  public long time(String topic) {
    return times[index(topic)];
  }

  /** The earliest time of the data partitions, or {@link Long#MIN_VALUE} while one has none. */
  public long clock() {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < dataTopics.size(); i++) {
      min = Math.min(min, times[i]);
    }
    return min;
  }

  /**
   * How many times this instance changed its pending raises: the processor stores them (which
   * costs as much as there are) only after a change.
   */
  public long pendingChanges() {
    return pendingChanges;
  }

  /** Whether a raise is pending on any data partition. */
  public boolean hasPending() {
    for (List<long[]> list : pending) {
      if (!list.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Copies the times and offsets into {@code target}, a clock of the same topics without pending
   * raises, and returns it: what is stored after every record, into one scratch clock.
   */
  public InputClock copyPositionsTo(InputClock target) {
    if (target.hasPending() || !target.dataTopics.equals(dataTopics)) {
      throw new IllegalArgumentException("not a clock of the same topics without pending raises: " + target);
    }
    System.arraycopy(times, 0, target.times, 0, times.length);
    System.arraycopy(nextOffsets, 0, target.nextOffsets, 0, nextOffsets.length);
    return target;
  }

  /** Takes the pending raises of {@code stored} instead of its own (restoring them from the store). */
  public void restorePending(InputClock stored) {
    if (!stored.dataTopics.equals(dataTopics)) {
      throw new IllegalArgumentException("pending raises of " + stored.dataTopics + ", this clock tracks " + dataTopics);
    }
    for (int i = 0; i < pending.size(); i++) {
      pending.get(i).clear();
      for (long[] p : stored.pending.get(i)) {
        pending.get(i).add(p.clone());
      }
    }
  }

  /** Raises pending for {@code topic}, for tests and logs. */
  int pendingCount(String topic) {
    return pending.get(index(topic)).size();
  }

  private int index(String topic) {
    for (int i = 0; i < dataTopics.size(); i++) {
      if (dataTopics.get(i).equals(topic)) {
        return i;
      }
    }
    return topic.equals(heartbeatTopic) ? dataTopics.size() : -1;
  }

  private boolean raise(int i, long time) {
    if (time > times[i]) {
      times[i] = time;
      return true;
    }
    return false;
  }

  private boolean applyPending(int i, long readUpTo) {
    List<long[]> list = pending.get(i);
    boolean changed = false;
    while (!list.isEmpty() && list.get(0)[0] <= readUpTo) {
      changed |= raise(i, list.remove(0)[1]);
      pendingChanges++;
    }
    return changed;
  }

  /**
   * Keeps the pending list ordered by offset and free of raises another one makes useless: one at
   * a later or equal offset with a watermark no higher than a new one at an earlier offset.
   */
  private void addPending(int i, long offset, long watermark) {
    List<long[]> list = pending.get(i);
    int at = 0;
    while (at < list.size() && list.get(at)[0] < offset) {
      if (list.get(at)[1] >= watermark) {
        return; // an earlier raise as high already covers this one
      }
      at++;
    }
    while (at < list.size() && list.get(at)[1] <= watermark) {
      list.remove(at);
      pendingChanges++;
    }
    if (list.size() >= MAX_PENDING) {
      throw new IllegalStateException(MAX_PENDING + " heartbeats pending on " + dataTopics.get(i)
          + ": a sender vouches for offsets this partition never reaches");
    }
    list.add(at, new long[] {offset, watermark});
    pendingChanges++;
  }

  /** Equal when every time, offset and pending raise is. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof InputClock other) || !dataTopics.equals(other.dataTopics) || !heartbeatTopic.equals(other.heartbeatTopic)
        || !Arrays.equals(times, other.times) || !Arrays.equals(nextOffsets, other.nextOffsets)) {
      return false;
    }
    for (int i = 0; i < pending.size(); i++) {
      if (!Arrays.deepEquals(pending.get(i).toArray(), other.pending.get(i).toArray())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(times) * 31 + Arrays.hashCode(nextOffsets);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("InputClock[");
    for (int i = 0; i <= dataTopics.size(); i++) {
      String topic = i < dataTopics.size() ? dataTopics.get(i) : heartbeatTopic;
      s.append(i == 0 ? "" : ", ").append(topic).append(": time ").append(times[i]).append(" next ").append(nextOffsets[i]);
      if (i < dataTopics.size() && !pending.get(i).isEmpty()) {
        s.append(" pending ").append(pending.get(i).size());
      }
    }
    return s.append(']').toString();
  }

  /** The store's serde for clocks of these topics (the topics are not written: the topology fixes them). */
  public static Serde<InputClock> serde(List<String> dataTopics, String heartbeatTopic) {
    return new VersionedSerde<>("input clock", FORMAT, new Codec<>() {
      @Override
      public void write(InputClock clock, BinaryWriter out) {
        out.writeInt(clock.times.length);
        for (int i = 0; i < clock.times.length; i++) {
          out.writeLong(clock.times[i]).writeLong(clock.nextOffsets[i]);
        }
        for (List<long[]> list : clock.pending) {
          out.writeInt(list.size());
          for (long[] p : list) {
            out.writeLong(p[0]).writeLong(p[1]);
          }
        }
      }

      @Override
      public InputClock read(BinaryReader in) {
        InputClock clock = new InputClock(dataTopics, heartbeatTopic);
        int n = in.readInt();
        if (n != clock.times.length) {
          throw in.malformed("a clock of " + n + " partitions, the topology has " + clock.times.length);
        }
        for (int i = 0; i < n; i++) {
          clock.times[i] = in.readLong();
          clock.nextOffsets[i] = in.readLong();
        }
        for (List<long[]> list : clock.pending) {
          int count = in.readCount(16);
          for (int k = 0; k < count; k++) {
            list.add(new long[] {in.readLong(), in.readLong()});
          }
        }
        return clock;
      }
    });
  }
}
