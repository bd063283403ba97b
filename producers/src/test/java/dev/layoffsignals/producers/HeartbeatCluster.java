package dev.layoffsignals.producers;

import dev.layoffsignals.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;

/** Test helper: cluster metadata for a MockProducer in which the heartbeats topic and the three data inputs have the given partitions. */
final class HeartbeatCluster {

  private HeartbeatCluster() {
  }

  /**
   * What a real producer does with a keyed record (murmur2 of the key): a MockProducer without a
   * partitioner puts every record on the topic's first partition.
   */
  static final class KeyHashPartitioner implements Partitioner {
    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
      return BuiltInPartitioner.partitionForKey(keyBytes, cluster.partitionsForTopic(topic).size());
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
  }

  static Cluster withPartitions(int partitions) {
    Node node = new Node(0, "localhost", 9092);
    List<PartitionInfo> infos = Stream.of(Topics.HEARTBEATS, Topics.STOCK_TICKS, Topics.ARTICLES, Topics.LAYOFF_RECORDS)
        .flatMap(topic -> IntStream.range(0, partitions)
            .mapToObj(p -> new PartitionInfo(topic.name(), p, node, new Node[] {node}, new Node[] {node})))
        .toList();
    return new Cluster("test-cluster", List.of(node), infos, Set.of(), Set.of());
  }
}
