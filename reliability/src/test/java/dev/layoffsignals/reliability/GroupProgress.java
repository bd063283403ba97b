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
import org.apache.kafka.streams.Topology;

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

  GroupProgress(Admin admin, String applicationId, int inputPartitions) {
    this.admin = admin;
    this.applicationId = applicationId;
    this.topology = LayoffSignalsTopology.build(TopologySettings.defaults(
        Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://group-progress")).withInputPartitions(inputPartitions));
  }

  /** Everything the topology reads that the group has not committed as consumed. */
  Backlog backlog() throws Exception {
    return Backlog.measure(admin, applicationId, topology, TIMEOUT_MS);
  }

  /**
   * Until the group has processed everything, {@code app} running throughout: nothing left in
   * {@link Backlog}, which also waits for transactions left open on the topics the topology reads,
   * such as a SIGKILLed instance's until {@code transaction.timeout.ms} aborts it.
   */
  void awaitProcessed(StreamsInstance app) throws Exception {
    String[] last = {"not measured"};
    Await.until("the group to process everything", PROCESSING, () -> {
      assertThat(app.alive()).as("%s stopped by itself%n%s", app.name(), app.tail()).isTrue();
      Backlog backlog = backlog();
      last[0] = backlog.toString();
      return backlog.isEmpty();
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
