package dev.layoffsignals.topics;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic of the contract: its name, how its keys and values are serialized, how many
 * partitions it is created with and how the broker cleans it up.
 *
 * <p>Immutable. Serdes are created on demand and configured by the caller (the schema registry URL
 * is a deployment setting, not part of the contract), so two users never share a configured serde.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Topic<K, V> {

  private final String name;
  private final String description;
  private final Supplier<Serde<K>> keySerde;
  private final Supplier<Serde<V>> valueSerde;
  private final Class<?> valueType;
  private final int partitions;
  private final CleanupPolicy cleanupPolicy;
  private final Map<String, String> configs;

  Topic(
      String name,
      String description,
      Supplier<Serde<K>> keySerde,
      Supplier<Serde<V>> valueSerde,
      Class<?> valueType,
      int partitions,
      CleanupPolicy cleanupPolicy) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
    }
    this.name = Objects.requireNonNull(name, "name");
    this.description = Objects.requireNonNull(description, "description");
    this.keySerde = Objects.requireNonNull(keySerde, "keySerde");
    this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
    this.partitions = partitions;
    this.cleanupPolicy = Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    Map<String, String> c = new TreeMap<>();
    c.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
    if (cleanupPolicy == CleanupPolicy.DELETE) {
      // Replays publish records stamped with their (old) event time; time-based retention would
      // delete them as soon as they land.
      c.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
    }
    this.configs = Map.copyOf(c);
  }

  public String name() {
    return name;
  }

  /** What the topic carries, in one sentence, for the docs and the topic listing. */
  public String description() {
    return description;
  }

  /** Default number of partitions; deployments may override it (see {@link #newTopic(Optional, short)}). */
  public int partitions() {
    return partitions;
  }

  public CleanupPolicy cleanupPolicy() {
    return cleanupPolicy;
  }

  /** The Java type of the values: a generated Avro class, or {@code byte[]} for error topics. */
  public Class<?> valueType() {
    return valueType;
  }

  /** Topic-level configs the topic is created with (cleanup.policy, retention.ms). */
  public Map<String, String> configs() {
    return configs;
  }

  /** A new, configured key serde. */
  public Serde<K> keySerde(Map<String, ?> serdeConfig) {
    Serde<K> serde = keySerde.get();
    serde.configure(serdeConfig, true);
    return serde;
  }

  /** A new, configured value serde. */
  public Serde<V> valueSerde(Map<String, ?> serdeConfig) {
    Serde<V> serde = valueSerde.get();
    serde.configure(serdeConfig, false);
    return serde;
  }

  /** The admin request that creates this topic, with the given partition count or the default. */
  public NewTopic newTopic(Optional<Integer> partitionOverride, short replicationFactor) {
    return new NewTopic(name, partitionOverride.orElse(partitions), replicationFactor).configs(configs);
  }

  @Override
  public String toString() {
    return name;
  }
}
