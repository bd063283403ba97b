package dev.layoffsignals.serde;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * A registry in the JVM's memory, with the same rules as the server (see {@link SchemaIndex}).
 * Serdes configured with {@code mock://<scope>} share one instance per scope through
 * {@link MockSchemaRegistry}, so a serializer and a deserializer in a TopologyTestDriver test see
 * the same ids without a server.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private final SchemaIndex index = new SchemaIndex();
  /** Serializers ask for the id of every record; answer repeats without the lock or the index's scan. */
  private final ConcurrentMap<String, ConcurrentMap<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

  @Override
  public int register(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return cached;
    }
    synchronized (this) {
      return remember(subject, schema, index.register(subject, schema, registered -> { }).id());
    }
  }

  @Override
  public int getId(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return cached;
    }
    synchronized (this) {
      return remember(subject, schema, index.lookup(subject, schema).id());
    }
  }

  private Integer cachedId(String subject, Schema schema) {
    ConcurrentMap<Schema, Integer> ids = idsBySubject.get(subject);
    return ids == null ? null : ids.get(schema);
  }

  private int remember(String subject, Schema schema, int id) {
    idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
    return id;
  }

  @Override
  public synchronized Schema getSchemaById(int id) {
    return index.schemaById(id).orElseThrow(() -> SchemaRegistryException.schemaIdNotFound(id));
  }

  @Override
  public synchronized RegisteredSchema getLatestVersion(String subject) {
    return index.latestOrThrow(subject);
  }

  @Override
  public synchronized RegisteredSchema getVersion(String subject, int version) {
    return index.version(subject, version);
  }

  @Override
  public synchronized List<String> getAllSubjects() {
    return index.subjects();
  }

  @Override
  public synchronized List<Integer> getAllVersions(String subject) {
    return index.versions(subject);
  }

  @Override
  public synchronized boolean testCompatibility(String subject, Schema schema) {
    return index.isCompatibleWithLatest(subject, schema);
  }
}
