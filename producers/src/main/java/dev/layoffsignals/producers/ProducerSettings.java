package dev.layoffsignals.producers;

import dev.layoffsignals.config.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producer configuration of the commands, from the layered settings: every producer setting
 * passes through (security, batching, compression...), the rest (schema registry, streams) is left
 * out so the client does not warn about it, and the guarantees we promise are forced:
 * {@code acks=all} and {@code enable.idempotence=true}, so a retried batch is never written twice
 * and never reordered within a partition.
 */
public final class ProducerSettings {

  /** The settings a user cannot weaken. */
  public static final Map<String, String> FORCED = Map.of(
      ProducerConfig.ACKS_CONFIG, "all",
      ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");

  private static final Set<String> PRODUCER_KEYS = ProducerConfig.configNames();
  private static final Set<String> ADMIN_KEYS = AdminClientConfig.configNames();

  /**
   * The bytes Kafka's producer adds to a record's key and value, at most, when it checks the size of
   * a send (record format v2: 61 bytes of batch header and up to 21 of record framing).
   */
  public static final int RECORD_OVERHEAD = 82;

  private ProducerSettings() {
  }

  /**
   * The most bytes of key and value one record may take with this producer configuration: what
   * {@code KafkaProducer#send} accepts ({@code max.request.size} and {@code buffer.memory}, less
   * {@link #RECORD_OVERHEAD}). A larger record fails with RecordTooLargeException, which would stop
   * the run; the commands reject it with its line instead.
   */
  public static long maxRecordBytes(Map<String, Object> producerConfig) {
    Map<String, Object> defaults = ProducerConfig.configDef().defaultValues();
    long maxRequestSize = Long.parseLong(String.valueOf(producerConfig.getOrDefault(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
        defaults.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG))).trim());
    long bufferMemory = Long.parseLong(String.valueOf(producerConfig.getOrDefault(ProducerConfig.BUFFER_MEMORY_CONFIG,
        defaults.get(ProducerConfig.BUFFER_MEMORY_CONFIG))).trim());
    return Math.min(maxRequestSize, bufferMemory) - RECORD_OVERHEAD;
  }

  /**
   * The configuration of the admin client that looks up the end offsets heartbeats vouch for (see
   * {@link Heartbeats}): the same connection as the producer's, every admin setting of the layered
   * settings (bootstrap servers, security, timeouts, {@code default.api.timeout.ms} bounding each
   * look-up), the rest left out; its {@code client.id} is the producer's with {@code -admin}
   * appended, so the brokers' logs and quotas tell the two apart.
   */
  public static Map<String, Object> adminConfig(Settings settings) {
    Map<String, Object> config = new HashMap<>(settings.only(ADMIN_KEYS));
    config.computeIfPresent(AdminClientConfig.CLIENT_ID_CONFIG, (k, id) -> id.toString().isBlank() ? id : id + "-admin");
    return config;
  }

  public static Map<String, Object> producerConfig(Settings settings) {
    Map<String, Object> config = new HashMap<>(settings.only(PRODUCER_KEYS));
    config.putAll(FORCED);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return config;
  }
}
