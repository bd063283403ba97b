package dev.layoffsignals.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.streams.LayoffSignalsTopology;
import dev.layoffsignals.streams.TopologySettings;
import dev.layoffsignals.streams.app.Backlog;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.Admin;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * How far an application group running elsewhere (child JVMs) is: {@link Backlog} over the topics
 * of the topology it runs, built here from the same factory (a pure function: no I/O).
 */
final class GroupProgress {

  private static final long TIMEOUT_MS = 30_000;
  static final Duration PROCESSING = Duration.ofMinutes(3);

  private final Admin admin;
  private final String applicationId;
  private final Topology topology;
  /** The topics the topology reads, internal ones under their runtime names, as {@link Backlog} counts them. */
  private final Set<String> topologyTopics;

  GroupProgress(Admin admin, String applicationId, int inputPartitions) {
    this.admin = admin;
    this.applicationId = applicationId;
    this.topology = LayoffSignalsTopology.build(TopologySettings.defaults(
        Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://group-progress")).withInputPartitions(inputPartitions));
    Set<String> topics = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          source.topicSet().forEach(t -> topics.add(Topics.byName(t).isPresent() ? t : applicationId + "-" + t));
        }
      }
    }
    this.topologyTopics = Set.copyOf(topics);
  }

  /** Everything the topology reads that the group has not committed as consumed. */
  Backlog backlog() throws Exception {
    return Backlog.measure(admin, applicationId, topology, TIMEOUT_MS);
  }

  /**
   * Whether the group has processed everything: nothing left in {@link Backlog}, and no transaction
   * open on a topic the topology reads. The second half matters after an instance died: its open
   * transaction holds the last stable offset of the partitions it wrote (until
   * {@code transaction.timeout.ms} aborts it), read_committed consumers, the instance that took
   * its tasks over included, stop there, and the backlog, measured up to that offset, looks empty
   * while records wait behind it.
   */
  boolean processed() throws Exception {
    // transactions first: a dead instance's can only end, and when it does, the records it held
    // back show in the backlog read after
    return openTransactionPartitions().isEmpty() && backlog().isEmpty();
  }

  /** Partitions of the topology's topics whose last stable offset is behind their end: a transaction is open there. */
  List<TopicPartition> openTransactionPartitions() throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(topologyTopics).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).values().forEach(d ->
        d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> stable =
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end =
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    return request.keySet().stream().filter(tp -> stable.get(tp).offset() < end.get(tp).offset())
        .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
  }

  /** Until the group has processed everything ({@link #processed()}), {@code app} running throughout. */
  void awaitProcessed(StreamsInstance app) throws Exception {
    String[] last = {"not measured"};
    Await.until("the group to process everything", PROCESSING, () -> {
      assertThat(app.alive()).as("%s stopped by itself%n%s", app.name(), app.tail()).isTrue();
      List<TopicPartition> open = openTransactionPartitions(); // first, as in processed()
      Backlog backlog = backlog();
      last[0] = backlog + ", transactions open on " + open;
      return open.isEmpty() && backlog.isEmpty();
    }, () -> last[0] + "\n" + app.tail());
  }

  /** Input records the group has committed as consumed, summed over the input partitions. */
  long inputsConsumed() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
        .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    Set<String> inputs = Topics.INPUTS.stream().map(Topic::name).collect(Collectors.toSet());
    return committed.entrySet().stream().filter(e -> inputs.contains(e.getKey().topic()) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  /** Records in the input topics (committed ones: read_committed end offsets). */
  static long inputRecords(Admin admin) throws Exception {
    List<String> names = Topics.INPUTS.stream().map(Topic::name).toList();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(names).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).values().forEach(d ->
        d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
  }

  /** Input records (articles, ticks, layoff records, heartbeats) published and not committed as consumed. */
  long inputsLeft() throws Exception {
    return inputRecords(admin) - inputsConsumed();
  }
}
