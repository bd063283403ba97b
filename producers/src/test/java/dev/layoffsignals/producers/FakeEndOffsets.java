package dev.layoffsignals.producers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * Test helper: an end-offsets lookup without a broker. The partitions that {@code exists} accepts
 * have the end offset {@code ends} gives; the others are left out, as a missing partition is. It
 * records every look-up, fails every one once {@link #failure} is set, and says whether it was
 * closed.
 */
final class FakeEndOffsets implements EndOffsets {

  final List<List<TopicPartition>> lookups = new ArrayList<>();
  RuntimeException failure;
  boolean closed;

  private final Predicate<TopicPartition> exists;
  private final ToLongFunction<TopicPartition> ends;

  FakeEndOffsets(Predicate<TopicPartition> exists, ToLongFunction<TopicPartition> ends) {
    this.exists = exists;
    this.ends = ends;
  }

  /** Partitions 0 .. {@code partitions - 1} of every topic, empty (end offset 0). */
  static FakeEndOffsets empty(int partitions) {
    return new FakeEndOffsets(tp -> tp.partition() < partitions, tp -> 0L);
  }

  @Override
  public synchronized Map<TopicPartition, Long> latest(Collection<TopicPartition> partitions) {
    lookups.add(List.copyOf(partitions));
    if (failure != null) {
      throw failure;
    }
    Map<TopicPartition, Long> out = new LinkedHashMap<>();
    partitions.stream().filter(exists).forEach(tp -> out.put(tp, ends.applyAsLong(tp)));
    return out;
  }

  @Override
  public void close() {
    closed = true;
  }
}
