package dev.layoffsignals.streams.app;

import dev.layoffsignals.topics.Topics;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * What the application has still to process: for every topic the topology reads (inputs,
 * repartition topics, the outputs its views read back), the committed records not yet committed
 * as consumed by the application's group.
 *
 * <p>Empty means nothing is in flight anywhere. Under exactly-once a task commits its input
 * offsets in the transaction that carries its outputs, so if every topic is consumed up to its
 * end, every output of every processed record is in a topic that is also consumed up to its end.
 * That only holds if the consumed offsets are read <em>before</em> the end offsets: a record that
 * lands between the two reads then shows as a backlog, never as done. Kafka Streams commits the
 * consumer's position when a partition's buffer is empty, which steps over transaction markers,
 * so a topic written transactionally also reaches zero.
 */
public final class Backlog {

  private final Map<String, Long> remainingByTopic;

  private Backlog(Map<String, Long> remainingByTopic) {
    this.remainingByTopic = Collections.unmodifiableMap(remainingByTopic);
  }

  /** Records left per topic (topics with none left are absent). */
  public Map<String, Long> remainingByTopic() {
    return remainingByTopic;
  }

  public long remaining() {
    return remainingByTopic.values().stream().mapToLong(Long::longValue).sum();
  }

  public boolean isEmpty() {
    return remainingByTopic.isEmpty();
  }

  @Override
  public String toString() {
    return isEmpty() ? "nothing left" : remaining() + " records left " + remainingByTopic;
  }

  /** Measures it now: the group's committed offsets first, then the topics' last committed offsets. */
  public static Backlog measure(Admin admin, String applicationId, Topology topology, long timeoutMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> topics = sourceTopics(applicationId, topology);
    Map<TopicPartition, OffsetAndMetadata> consumed = admin.listConsumerGroupOffsets(applicationId)
        .partitionsToOffsetAndMetadata().get(timeoutMs, TimeUnit.MILLISECONDS);
    Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    described.values().forEach(d -> d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()),
        OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
        .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
    Map<String, Long> remaining = new TreeMap<>();
    ends.forEach((tp, end) -> {
      OffsetAndMetadata committed = consumed.get(tp);
      long done = committed == null ? 0 : committed.offset();
      long left = end.offset() - done;
      if (left > 0) {
        remaining.merge(tp.topic(), left, Long::sum);
      }
    });
    return new Backlog(remaining);
  }

  /** The topics the topology reads; internal ones under their runtime names ({@code <application.id>-...}). */
  static Set<String> sourceTopics(String applicationId, Topology topology) {
    Set<String> out = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          for (String topic : source.topicSet()) {
            out.add(Topics.byName(topic).isPresent() ? topic : applicationId + "-" + topic);
          }
        }
      }
    }
    return out;
  }
}
