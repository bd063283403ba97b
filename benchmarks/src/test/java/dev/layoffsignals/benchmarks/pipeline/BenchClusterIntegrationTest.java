package dev.layoffsignals.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's topics on a real broker: each application run starts on empty outputs while the
 * input it reads stays, so no run reads what an earlier one wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchClusterIntegrationTest {

  private static final byte[] BYTES = {1, 2, 3};

  private BenchCluster cluster;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    cluster = BenchCluster.start(tmp.resolve("kafka"), true, 2, Map.of());
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @DisplayName("the full topology's outputs and error topics are emptied, the inputs and the pass-through's output kept")
  void fullOutputsEmptied() throws Exception {
    List<String> outputs = List.of(Topics.LAYOFF_ANNOUNCEMENTS.name(), Topics.MARKET_REACTIONS.name(),
        Topics.REACTION_WINDOWS.name(), Topics.LATE_RECORDS.name(), Topics.DEAD_LETTERS.name());
    List<String> kept = List.of(Topics.STOCK_TICKS.name(), Topics.ARTICLES.name(), Topics.HEARTBEATS.name(),
        Topics.LAYOFF_RECORDS.name(), BenchCluster.PASS_THROUGH_OUTPUT);
    writeOneRecordTo(outputs);
    writeOneRecordTo(kept);
    Map<String, Long> before = records();

    cluster.recreateFullOutputs();

    Map<String, Long> after = records();
    outputs.forEach(t -> assertThat(after.get(t)).as(t).isZero());
    kept.forEach(t -> assertThat(after.get(t)).as(t).isEqualTo(before.get(t)).isPositive());
    // every topic is back, with its partitions
    assertThat(after.keySet()).containsAll(outputs).containsAll(kept);
    assertThat(cluster.admin().describeTopics(List.of(Topics.LATE_RECORDS.name(), Topics.MARKET_REACTIONS.name()))
        .allTopicNames().get(30, TimeUnit.SECONDS))
        .allSatisfy((name, d) -> assertThat(d.partitions()).hasSize(name.equals(Topics.LATE_RECORDS.name()) ? 1 : 2));
  }

  @Test
  @DisplayName("the pass-through's output is emptied, every catalogue topic kept")
  void passThroughOutputEmptied() throws Exception {
    writeOneRecordTo(List.of(BenchCluster.PASS_THROUGH_OUTPUT, Topics.STOCK_TICKS.name(), Topics.MARKET_REACTIONS.name()));
    Map<String, Long> before = records();

    cluster.recreatePassThroughOutput();

    Map<String, Long> after = records();
    assertThat(after.get(BenchCluster.PASS_THROUGH_OUTPUT)).isZero();
    Topics.ALL.stream().map(Topic::name)
        .forEach(t -> assertThat(after.get(t)).as(t).isEqualTo(before.get(t)));
    assertThat(after.get(Topics.STOCK_TICKS.name())).isPositive();
    assertThat(after.get(Topics.MARKET_REACTIONS.name())).isPositive();
  }

  private void writeOneRecordTo(List<String> topics) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String topic : topics) {
        producer.send(new ProducerRecord<>(topic, 0, BYTES, BYTES)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Records per topic (end minus start offsets, all partitions), for every topic there is. */
  private Map<String, Long> records() throws Exception {
    Map<String, org.apache.kafka.clients.admin.TopicDescription> topics = cluster.admin()
        .describeTopics(cluster.admin().listTopics().names().get(30, TimeUnit.SECONDS)).allTopicNames()
        .get(30, TimeUnit.SECONDS);
    List<TopicPartition> partitions = topics.values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
    Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
    Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
    return partitions.stream().collect(Collectors.groupingBy(TopicPartition::topic,
        Collectors.summingLong(tp -> ends.get(tp) - starts.get(tp))));
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
    return cluster.admin().listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec)))
        .all().get(30, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }
}
