package dev.layoffsignals.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific records in Confluent's wire format, byte for byte what Confluent's
 * {@code KafkaAvroSerializer} writes, registering the schema under {@code <topic>-value} (or
 * {@code <topic>-key}) on first use.
 *
 * <p>Thread-safe: Kafka Streams shares one instance across stream threads. Per record, the hot path
 * does two map lookups that hit on the same schema object, writes into a per-thread buffer, and
 * allocates only the result array.
 *
 * <p>By default the {@code avro.java.string} hints are removed before registering, so the registry
 * holds the published {@code .avsc} schemas (see {@link AvroSerdeConfig}).
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private final boolean ownsClient;
  private SchemaRegistryClient client;
  private boolean isKey;
  private boolean autoRegister = true;
  private boolean useLatestVersion;
  private boolean removeJavaProperties = true;

  private final ConcurrentMap<Schema, Schema> registeredFormBySchema = new ConcurrentHashMap<>();
  private final ConcurrentMap<Schema, DatumWriter<Object>> writersBySchema = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> subjectsByTopic = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Integer> latestIdsBySubject = new ConcurrentHashMap<>();
  private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(Output::new);

  /** For Kafka's reflection: the registry client is made from the configuration in {@link #configure}. */
  public SpecificAvroSerializer() {
    this.ownsClient = true;
  }

  /** With a registry client the caller owns (and closes). */
  public SpecificAvroSerializer(SchemaRegistryClient client) {
    this.client = client;
    this.ownsClient = false;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
    this.autoRegister = AvroSerdeConfig.bool(configs, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);
    this.useLatestVersion = AvroSerdeConfig.bool(configs, AvroSerdeConfig.USE_LATEST_VERSION, false);
    this.removeJavaProperties = AvroSerdeConfig.bool(configs, AvroSerdeConfig.AVRO_REMOVE_JAVA_PROPERTIES, true);
    if (client == null) {
      client = SchemaRegistryClientFactory.create(configs);
    }
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (client == null) {
      throw new SerializationException("Cannot serialize record for topic '" + topic
          + "': the serializer was not configured with " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    }
    if (topic == null) {
      throw new SerializationException("Cannot serialize record without a topic: the subject is named after the topic");
    }
    Schema schema = data.getSchema();
    String subject = subjectsByTopic.computeIfAbsent(topic, t -> WireFormat.subject(t, isKey));
    int id = schemaId(topic, subject, schema);
    Output output = outputs.get();
    output.bytes.reset();
    output.bytes.write(WireFormat.MAGIC_BYTE);
    output.bytes.writeInt(id);
    try {
      writerFor(data, schema).write(data, output.encoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot serialize record for topic '" + topic + "' with schema id " + id
          + ": invalid " + schema.getFullName() + ": " + e.getMessage(), e);
    }
    return output.bytes.toByteArray();
  }

  private int schemaId(String topic, String subject, Schema schema) {
    Schema registered = registeredFormBySchema.computeIfAbsent(schema,
        s -> removeJavaProperties ? AvroSchemas.withoutJavaProperties(s) : s);
    try {
      if (autoRegister) {
        return client.register(subject, registered);
      }
      if (useLatestVersion) {
        return latestIdsBySubject.computeIfAbsent(subject, s -> latestId(topic, s, registered));
      }
      return client.getId(subject, registered);
    } catch (SchemaRegistryException e) {
      throw new SerializationException("Cannot serialize record for topic '" + topic + "': no schema id for "
          + schema.getFullName() + " in subject '" + subject + "': " + e.getMessage(), e);
    }
  }

  private int latestId(String topic, String subject, Schema registered) {
    RegisteredSchema latest = client.getLatestVersion(subject);
    if (!latest.schema().toString().equals(registered.toString())) {
      throw new SerializationException("Cannot serialize record for topic '" + topic + "': the latest version ("
          + latest.version() + ", schema id " + latest.id() + ") of subject '" + subject + "' is not the schema of "
          + registered.getFullName() + ", and " + AvroSerdeConfig.USE_LATEST_VERSION
          + " only writes records of the latest schema");
    }
    return latest.id();
  }

  @SuppressWarnings("unchecked")
  private DatumWriter<Object> writerFor(T data, Schema schema) {
    DatumWriter<Object> writer = writersBySchema.get(schema);
    if (writer == null) {
      SpecificData model = data instanceof SpecificRecordBase base ? base.getSpecificData()
          : SpecificData.getForSchema(schema);
      writer = writersBySchema.computeIfAbsent(schema, s -> (DatumWriter<Object>) (DatumWriter<?>)
          new SpecificDatumWriter<>(s, model));
    }
    return writer;
  }

  @Override
  public void close() {
    if (ownsClient && client != null) {
      client.close();
    }
  }

  /**
   * A thread's buffer and encoder. The encoder is unbuffered, so an exception in the middle of a
   * record leaves nothing behind for the next one.
   */
  private static final class Output {
    final ReusableByteOutput bytes = new ReusableByteOutput();
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
  }
}
