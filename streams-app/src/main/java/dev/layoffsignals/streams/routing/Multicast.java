package dev.layoffsignals.streams.routing;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Partition sets for the partitioners of the repartition topics. */
final class Multicast {

  private Multicast() {
  }

  static Optional<Set<Integer>> everyPartition(int numPartitions) {
    return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
  }

  /** Kafka's default: the murmur2 hash of the key bytes, as every other record of the key. */
  static Optional<Set<Integer>> byKey() {
    return Optional.empty();
  }
}
