package dev.layoffsignals.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layoffsignals.config.Settings;
import dev.layoffsignals.serde.RegisteredSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schemas in a compacted topic, in the record format of Confluent's {@code _schemas} topic: key
 * {@code {"keytype":"SCHEMA","subject":...,"version":...,"magic":1}}, value
 * {@code {"subject":...,"version":...,"id":...,"schema":...,"deleted":false}}. Compaction keeps one
 * record per (subject, version), so the topic is the whole state and stays small; a restart reads
 * it to the end and gets the same ids back. Records of other key types (Confluent's CONFIG, NOOP,
 * ...) are skipped, so a topic written by Confluent's registry can be read too.
 *
 * <p>The topic has one partition so that the log has one order; it is created when missing with
 * the broker's default replication factor (1 on a local broker). Writes use an idempotent producer
 * with {@code acks=all} and wait for the acknowledgement; the delivery timeout bounds that wait,
 * so a failed write is known to have failed rather than possibly landing later.
 *
 * <p>The clients take the caller's Kafka client settings (security: SASL, SSL, ...), each client
 * those that are its own; the settings this store depends on (client ids, serializers, acks,
 * idempotence, timeouts) are its own and win.
 */
public final class KafkaSchemaStore implements SchemaStore {

  /** Confluent's default topic name. */
  public static final String DEFAULT_TOPIC = "_schemas";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final String bootstrapServers;
  private final Map<String, String> clientSettings;
  private final String topic;
  private final Duration timeout;
  private final ObjectMapper json = new ObjectMapper();
  private final KafkaProducer<String, String> producer;

  private KafkaSchemaStore(String bootstrapServers, Map<String, String> clientSettings, String topic, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.clientSettings = Map.copyOf(clientSettings);
    this.topic = topic;
    this.timeout = timeout;
    this.producer = new KafkaProducer<>(producerConfig(bootstrapServers, this.clientSettings, timeout));
  }

  /**
   * Connects to the broker and creates the topic if missing.
   *
   * @param timeout bound of each broker operation: topic creation, the start-up read, one write
   * @throws SchemaStoreException when the broker cannot be reached or the topic cannot be created
   */
  public static KafkaSchemaStore open(String bootstrapServers, String topic, Duration timeout) {
    return open(bootstrapServers, Map.of(), topic, timeout);
  }

  /**
   * {@link #open(String, String, Duration)} with Kafka client settings (SASL, SSL, ...) for the
   * store's producer, consumer and admin client; settings that are not a client's are not given to it.
   */
  public static KafkaSchemaStore open(String bootstrapServers, Map<String, String> clientSettings, String topic,
      Duration timeout) {
    createTopicIfMissing(bootstrapServers, clientSettings, topic, timeout);
    return new KafkaSchemaStore(bootstrapServers, clientSettings, topic, timeout);
  }

  /** {@link #open(String, String, Duration)} on {@value #DEFAULT_TOPIC} with a 30 s timeout. */
  public static KafkaSchemaStore open(String bootstrapServers) {
    return open(bootstrapServers, Map.of());
  }

  /** {@link #open(String, Map, String, Duration)} on {@value #DEFAULT_TOPIC} with a 30 s timeout. */
  public static KafkaSchemaStore open(String bootstrapServers, Map<String, String> clientSettings) {
    return open(bootstrapServers, clientSettings, DEFAULT_TOPIC, Duration.ofSeconds(30));
  }

  @Override
  public List<RegisteredSchema> readAll() {
    TopicPartition partition = new TopicPartition(topic, 0);
    List<RegisteredSchema> schemas = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers, clientSettings))) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (consumer.position(partition, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw new SchemaStoreException("Timed out after " + timeout.toMillis() + " ms reading " + topic
              + " to offset " + end + " at " + bootstrapServers, null);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(POLL_INTERVAL)) {
          parse(record).ifPresent(schemas::add);
        }
      }
    } catch (KafkaException e) {
      throw new SchemaStoreException("Cannot read " + topic + " at " + bootstrapServers + ": " + e.getMessage(), e);
    }
    LOG.info("Read {} schema versions from {}", schemas.size(), topic);
    return schemas;
  }

  @Override
  public void append(RegisteredSchema schema) {
    ObjectNode key = json.createObjectNode()
        .put("keytype", "SCHEMA")
        .put("subject", schema.subject())
        .put("version", schema.version())
        .put("magic", 1);
    ObjectNode value = json.createObjectNode()
        .put("subject", schema.subject())
        .put("version", schema.version())
        .put("id", schema.id())
        .put("schema", schema.schema().toString())
        .put("deleted", false);
    try {
      producer.send(new ProducerRecord<>(topic, 0, key.toString(), value.toString())).get();
    } catch (ExecutionException e) {
      throw new SchemaStoreException("Cannot write subject '" + schema.subject() + "' version " + schema.version()
          + " to " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaStoreException("Interrupted while writing to " + topic, e);
    }
  }

  @Override
  public String describe() {
    return "topic " + topic + " at " + bootstrapServers;
  }

  @Override
  public void close() {
    producer.close(timeout);
  }

  private Optional<RegisteredSchema> parse(ConsumerRecord<String, String> record) {
    try {
      JsonNode key = record.key() == null ? null : json.readTree(record.key());
      if (key == null || !"SCHEMA".equals(key.path("keytype").asText())) {
        return Optional.empty();
      }
      if (record.value() == null) {
        LOG.warn("Skipping a deleted schema at offset {} of {}: deletion is not supported", record.offset(), topic);
        return Optional.empty();
      }
      JsonNode value = json.readTree(record.value());
      String schemaType = value.path("schemaType").asText("AVRO");
      if (value.path("deleted").asBoolean(false) || !"AVRO".equals(schemaType)) {
        LOG.warn("Skipping {} schema at offset {} of {}", value.path("deleted").asBoolean(false) ? "a deleted"
            : "a " + schemaType, record.offset(), topic);
        return Optional.empty();
      }
      return Optional.of(new RegisteredSchema(value.path("subject").asText(), value.path("version").asInt(),
          value.path("id").asInt(), new Schema.Parser().parse(value.path("schema").asText())));
    } catch (JsonProcessingException | SchemaParseException e) {
      throw new SchemaStoreException("Unreadable record at offset " + record.offset() + " of " + topic
          + ": " + e.getMessage(), e);
    }
  }

  static Properties producerConfig(String bootstrapServers, Map<String, String> clientSettings, Duration timeout) {
    Properties config = ownSettings(clientSettings, ProducerConfig.configNames());
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-store");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return config;
  }

  static Properties consumerConfig(String bootstrapServers, Map<String, String> clientSettings) {
    Properties config = ownSettings(clientSettings, ConsumerConfig.configNames());
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-store-reader");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return config;
  }

  static Properties adminConfig(String bootstrapServers, Map<String, String> clientSettings, Duration timeout) {
    Properties config = ownSettings(clientSettings, AdminClientConfig.configNames());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "schema-registry-admin");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    return config;
  }

  /** The caller's settings that are a client's own (the others would only be logged as unknown). */
  private static Properties ownSettings(Map<String, String> clientSettings, Set<String> clientConfigNames) {
    Properties config = new Properties();
    config.putAll(Settings.empty().withAll(clientSettings).build().only(clientConfigNames));
    return config;
  }

  private static void createTopicIfMissing(String bootstrapServers, Map<String, String> clientSettings, String topic,
      Duration timeout) {
    try (Admin admin = Admin.create(adminConfig(bootstrapServers, clientSettings, timeout))) {
      Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (existing.contains(topic)) {
        return;
      }
      NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("Created compacted topic {}", topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return;
      }
      throw new SchemaStoreException("Cannot create topic " + topic + " at " + bootstrapServers + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new SchemaStoreException("Timed out after " + timeout.toMillis() + " ms creating topic " + topic
          + " at " + bootstrapServers, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaStoreException("Interrupted while creating topic " + topic, e);
    }
  }
}
