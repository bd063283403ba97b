package dev.layoffsignals.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the catalogue's topics and checks the ones that exist. Idempotent: run it before every
 * start. An existing topic with another partition count or cleanup policy is reported, not
 * altered: changing either silently would break co-partitioning or compaction of live data.
 */
public final class TopicCreator {

  /** What happened to one topic. */
  public enum Outcome { CREATED, EXISTS, MISMATCH }

  /** The result for one topic; {@code detail} explains a mismatch. */
  public record Result(String topic, Outcome outcome, int partitions, String cleanupPolicy, String detail) {
  }

  private final Admin admin;
  private final long timeoutMs;

  public TopicCreator(Admin admin, long timeoutMs) {
    this.admin = admin;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Creates the missing topics and describes the others.
   *
   * @param partitionOverride partitions for every data topic instead of the catalogue's default
   *     (error topics keep theirs)
   */
  public List<Result> ensure(Collection<Topic<?, ?>> topics, Optional<Integer> partitionOverride, short replicationFactor) {
    try {
      Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
      List<NewTopic> missing = topics.stream()
          .filter(t -> !existing.contains(t.name()))
          .map(t -> t.newTopic(partitionsFor(t, partitionOverride), replicationFactor))
          .toList();
      for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> created : admin.createTopics(missing).values().entrySet()) {
        try {
          created.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e; // created concurrently by another instance is fine; anything else is not
          }
        }
      }
      Set<String> createdNames = missing.stream().map(NewTopic::name).collect(Collectors.toSet());
      List<Result> results = checkOnceVisible(topics, partitionOverride, createdNames);
      awaitLeadersServing(createdNames);
      return results;
    } catch (ExecutionException e) {
      throw new KafkaException("Cannot create topics: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException("Timed out after " + timeoutMs + " ms creating topics (is the broker reachable?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted while creating topics", e);
    }
  }

  /**
   * A created topic reaches the brokers' metadata a moment after the controller acknowledged it;
   * until then describing it fails with UnknownTopicOrPartition. Retry, bounded by the timeout.
   */
  private List<Result> checkOnceVisible(Collection<Topic<?, ?>> topics, Optional<Integer> partitionOverride, Set<String> created)
      throws ExecutionException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    long backoffMs = 20;
    while (true) {
      try {
        return check(topics, partitionOverride, created);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 500);
      }
    }
  }

  /**
   * A partition the metadata already shows with a leader may not be loaded by that broker yet: a
   * producer writing to it at once gets NOT_LEADER_OR_FOLLOWER and retries, and we have seen an
   * idempotent producer's batch for such a partition then wait until delivery.timeout.ms expired.
   * So, for the topics just created, wait until every partition's leader answers ListOffsets.
   */
  private void awaitLeadersServing(Set<String> created) throws ExecutionException, InterruptedException, TimeoutException {
    if (created.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin.describeTopics(created).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS).forEach((name, d) ->
        d.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    long backoffMs = 20;
    while (true) {
      try {
        admin.listOffsets(latest).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 500);
      }
    }
  }

  private List<Result> check(Collection<Topic<?, ?>> topics, Optional<Integer> partitionOverride, Set<String> created)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<String> names = topics.stream().map(Topic::name).toList();
    Map<String, TopicDescription> descriptions =
        admin.describeTopics(names).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
    List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(timeoutMs, TimeUnit.MILLISECONDS);

    List<Result> results = new ArrayList<>();
    for (Topic<?, ?> topic : topics) {
      int partitions = descriptions.get(topic.name()).partitions().size();
      ConfigEntry policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
          .get(TopicConfig.CLEANUP_POLICY_CONFIG);
      String cleanup = policy == null ? "?" : policy.value();
      int expectedPartitions = partitionsFor(topic, partitionOverride).orElse(topic.partitions());
      List<String> problems = new ArrayList<>();
      if (partitions != expectedPartitions) {
        problems.add("has " + partitions + " partitions, expected " + expectedPartitions);
      }
      if (!cleanup.equals(topic.cleanupPolicy().configValue())) {
        problems.add("has cleanup.policy=" + cleanup + ", expected " + topic.cleanupPolicy().configValue());
      }
      Outcome outcome = !problems.isEmpty() ? Outcome.MISMATCH
          : created.contains(topic.name()) ? Outcome.CREATED : Outcome.EXISTS;
      results.add(new Result(topic.name(), outcome, partitions, cleanup, String.join("; ", problems)));
    }
    return results;
  }

  private static Optional<Integer> partitionsFor(Topic<?, ?> topic, Optional<Integer> override) {
    // error topics are not co-partitioned with anything; they keep their own count
    return topic.valueType() == byte[].class ? Optional.empty() : override;
  }
}
