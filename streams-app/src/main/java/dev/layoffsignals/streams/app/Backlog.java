package dev.layoffsignals.streams.app;

import dev.layoffsignals.topics.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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
 * as consumed by the application's group, and the partitions where a transaction is still open.
 *
 * <p>Empty means nothing is in flight anywhere. Under exactly-once a task commits its input
 * offsets in the transaction that carries its outputs, so if every topic is consumed up to its
 * end, every output of every processed record is in a topic that is also consumed up to its end.
 * That only holds if the consumed offsets are read <em>before</em> the end offsets: a record that
 * lands between the two reads then shows as a backlog, never as done. Kafka Streams commits the
 * consumer's position when a partition's buffer is empty, which steps over transaction markers,
 * so a topic written transactionally also reaches zero.
 *
 * <p>"Up to its end" means up to the last stable offset, and an open transaction holds that
 * offset back: records committed after the transaction began wait behind it, invisible to
 * read_committed consumers and to this count. After an instance dies mid-transaction, that lasts
 * until {@code transaction.timeout.ms} aborts it (or the instance's restart fences it), and the
 * backlog would look empty while records wait. So a partition whose last stable offset is below
 * its high watermark counts as not done ({@link #openTransactions()}). The high watermark is read
 * last: a transaction open when the stable offset was read has written at least one record (and
 * once it ends, a marker) by then, so it cannot be missed; one that begins later is an instance
 * processing records that still show as not consumed, or whose outputs show as a backlog.
 */
public final class Backlog {

  private final Map<String, Long> remainingByTopic;
  private final List<TopicPartition> openTransactions;

  private Backlog(Map<String, Long> remainingByTopic, List<TopicPartition> openTransactions) {
    this.remainingByTopic = Collections.unmodifiableMap(remainingByTopic);
    this.openTransactions = List.copyOf(openTransactions);
  }

  /** Records left per topic (topics with none left are absent). */
  public Map<String, Long> remainingByTopic() {
    return remainingByTopic;
  }

  public long remaining() {
    return remainingByTopic.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Partitions of the topics the topology reads where a transaction is open (last stable offset below the end). */
  public List<TopicPartition> openTransactions() {
    return openTransactions;
  }

  /** Nothing left to consume, and no transaction open that could hold records back. */
  public boolean isEmpty() {
    return remainingByTopic.isEmpty() && openTransactions.isEmpty();
  }

  @Override
  public String toString() {
    if (isEmpty()) {
      return "nothing left";
    }
    String records = remainingByTopic.isEmpty() ? "0 records left" : remaining() + " records left " + remainingByTopic;
    return openTransactions.isEmpty() ? records : records + ", transactions open on " + openTransactions;
  }

  /**
   * Measures it now: the group's committed offsets first, then the topics' last stable offsets,
   * then their high watermarks.
   */
  public static Backlog measure(Admin admin, String applicationId, Topology topology, long timeoutMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> topics = sourceTopics(applicationId, topology);
    Map<TopicPartition, OffsetAndMetadata> consumed = admin.listConsumerGroupOffsets(applicationId)
        .partitionsToOffsetAndMetadata().get(timeoutMs, TimeUnit.MILLISECONDS);
    Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    described.values().forEach(d -> d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()),
        OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> stable = admin
        .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
        .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
    Map<String, Long> remaining = new TreeMap<>();
    List<TopicPartition> open = new ArrayList<>();
    stable.forEach((tp, end) -> {
      OffsetAndMetadata committed = consumed.get(tp);
      long done = committed == null ? 0 : committed.offset();
      long left = end.offset() - done;
      if (left > 0) {
        remaining.merge(tp.topic(), left, Long::sum);
      }
      if (end.offset() < ends.get(tp).offset()) {
        open.add(tp);
      }
    });
    open.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
    return new Backlog(remaining, open);
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
