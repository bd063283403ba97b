package dev.layoffsignals.producers;

import dev.layoffsignals.topics.Topics;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;

/** Test helper: cluster metadata for a MockProducer in which the heartbeats topic has the given partitions. */
final class HeartbeatCluster {

  private HeartbeatCluster() {
  }

  static Cluster withPartitions(int partitions) {
    Node node = new Node(0, "localhost", 9092);
    List<PartitionInfo> infos = IntStream.range(0, partitions)
        .mapToObj(p -> new PartitionInfo(Topics.HEARTBEATS.name(), p, node, new Node[] {node}, new Node[] {node}))
        .toList();
    return new Cluster("test-cluster", List.of(node), infos, Set.of(), Set.of());
  }
}
