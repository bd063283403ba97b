package dev.layoffsignals.registry;

import dev.layoffsignals.serde.RegisteredSchema;
import dev.layoffsignals.serde.SchemaIndex;
import dev.layoffsignals.serde.SchemaRegistryException;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The registry's rules ({@link SchemaIndex}, shared with the {@code mock://} registry) over a
 * {@link SchemaStore}: state is rebuilt from the store at construction, and a new version is
 * stored before it is answered.
 *
 * <p>One instance must be the only writer of its store: ids are allocated here, from the state
 * this instance has read, so two writers on the same topic could hand out one id twice. There is
 * no leader election; run one registry per {@code _schemas} topic.
 */
final class StoredSchemaRegistry {

  private final SchemaStore store;
  private final SchemaIndex index = new SchemaIndex();

  StoredSchemaRegistry(SchemaStore store) {
    this.store = store;
    store.readAll().forEach(index::apply);
  }

  synchronized RegisteredSchema register(String subject, Schema schema) {
    return index.register(subject, schema, store::append);
  }

  synchronized RegisteredSchema lookup(String subject, Schema schema) {
    return index.lookup(subject, schema);
  }

  synchronized Schema schemaById(int id) {
    return index.schemaById(id).orElseThrow(() -> new SchemaRegistryException(404,
        SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found"));
  }

  synchronized List<String> subjects() {
    return index.subjects();
  }

  synchronized List<Integer> versions(String subject) {
    return index.versions(subject);
  }

  synchronized RegisteredSchema version(String subject, int version) {
    return index.version(subject, version);
  }

  synchronized RegisteredSchema latest(String subject) {
    return index.latestOrThrow(subject);
  }

  /** Whether {@code schema} could be registered next; the subject must exist when a version is named. */
  synchronized boolean isCompatible(String subject, Schema schema, Integer version) {
    if (version == null) {
      return index.isCompatibleWithLatest(subject, schema);
    }
    RegisteredSchema against = index.version(subject, version);
    return SchemaIndex.isBackwardCompatible(schema, against.schema());
  }
}
