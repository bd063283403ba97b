package dev.layoffsignals.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * A registry's bookkeeping: subjects, their versions, and global ids, with Confluent's rules.
 * Shared by {@link InMemorySchemaRegistryClient} and the {@code schema-registry} server so that a
 * test against {@code mock://} sees the same ids, versions and refusals as a run against the server.
 *
 * <p>Rules, as Confluent's: ids are global and start at 1; the same schema text gets the same id in
 * every subject; registering a schema already in a subject returns its existing version; a new
 * version must be BACKWARD compatible with the subject's latest version (the new schema can read
 * data written with the latest). Schemas are compared by their full JSON text ({@link Schema#toString()}),
 * so a changed {@code doc} is a new schema, as in Confluent.
 *
 * <p>Not thread-safe: its owners serialise access (one writer per registry).
 */
public final class SchemaIndex {

  /** The only compatibility level we implement; reported by the server's {@code GET /config}. */
  public static final String COMPATIBILITY_LEVEL = "BACKWARD";

  private final Map<String, List<RegisteredSchema>> versionsBySubject = new TreeMap<>();
  private final Map<String, Integer> idBySchemaText = new HashMap<>();
  private final Map<Integer, Schema> schemaById = new HashMap<>();
  private int maxId;

  /**
   * Registers {@code schema} under {@code subject}. A new version is handed to {@code persist}
   * before it becomes visible, so a store failure leaves the index unchanged.
   *
   * @throws SchemaRegistryException 409 when the schema is not BACKWARD compatible with the latest version
   */
  public RegisteredSchema register(String subject, Schema schema, Consumer<RegisteredSchema> persist) {
    Optional<RegisteredSchema> existing = find(subject, schema);
    if (existing.isPresent()) {
      return existing.get();
    }
    Optional<RegisteredSchema> latest = latest(subject);
    if (latest.isPresent()) {
      String incompatibility = backwardIncompatibility(schema, latest.get().schema());
      if (incompatibility != null) {
        throw new SchemaRegistryException(409, SchemaRegistryException.INCOMPATIBLE_SCHEMA,
            "Schema being registered is incompatible with the latest schema of subject '" + subject
                + "' (" + COMPATIBILITY_LEVEL + "): " + incompatibility);
      }
    }
    int id = idBySchemaText.getOrDefault(schema.toString(), maxId + 1);
    int version = latest.map(r -> r.version() + 1).orElse(1);
    RegisteredSchema registered = new RegisteredSchema(subject, version, id, schema);
    persist.accept(registered);
    apply(registered);
    return registered;
  }

  /** Adds a version read back from storage, trusting the id and version it was stored with. */
  public void apply(RegisteredSchema registered) {
    List<RegisteredSchema> versions =
        versionsBySubject.computeIfAbsent(registered.subject(), s -> new ArrayList<>());
    versions.removeIf(r -> r.version() == registered.version());
    versions.add(registered);
    versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
    idBySchemaText.put(registered.schema().toString(), registered.id());
    schemaById.put(registered.id(), registered.schema());
    maxId = Math.max(maxId, registered.id());
  }

  /** The version of {@code subject} holding exactly this schema, if any. */
  public Optional<RegisteredSchema> find(String subject, Schema schema) {
    String text = schema.toString();
    return versionsBySubject.getOrDefault(subject, List.of()).stream()
        .filter(r -> r.schema().toString().equals(text))
        .findFirst();
  }

  /** Lookup as {@code POST /subjects/{s}}: 40401 for an unknown subject, 40403 for an unknown schema. */
  public RegisteredSchema lookup(String subject, Schema schema) {
    if (!versionsBySubject.containsKey(subject)) {
      throw SchemaRegistryException.subjectNotFound(subject);
    }
    return find(subject, schema).orElseThrow(SchemaRegistryException::schemaNotFound);
  }

  public Optional<Schema> schemaById(int id) {
    return Optional.ofNullable(schemaById.get(id));
  }

  public List<String> subjects() {
    return List.copyOf(versionsBySubject.keySet());
  }

  /** @throws SchemaRegistryException 40401 for an unknown subject */
  public List<Integer> versions(String subject) {
    return versionsOf(subject).stream().map(RegisteredSchema::version).collect(Collectors.toList());
  }

  public Optional<RegisteredSchema> latest(String subject) {
    List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
    return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
  }

  /** @throws SchemaRegistryException 40401 for an unknown subject, 40402 for an unknown version */
  public RegisteredSchema version(String subject, int version) {
    return versionsOf(subject).stream()
        .filter(r -> r.version() == version)
        .findFirst()
        .orElseThrow(() -> SchemaRegistryException.versionNotFound(subject, version));
  }

  /** @throws SchemaRegistryException 40401 for an unknown subject */
  public RegisteredSchema latestOrThrow(String subject) {
    return latest(subject).orElseThrow(() -> SchemaRegistryException.subjectNotFound(subject));
  }

  /**
   * Whether {@code schema} may become the next version of {@code subject}: true for a subject with
   * no version yet, as Confluent answers.
   */
  public boolean isCompatibleWithLatest(String subject, Schema schema) {
    return latest(subject).map(r -> isBackwardCompatible(schema, r.schema())).orElse(true);
  }

  /** Whether {@code newSchema} can read data written with {@code existing}: Avro's reader/writer resolution. */
  public static boolean isBackwardCompatible(Schema newSchema, Schema existing) {
    return backwardIncompatibility(newSchema, existing) == null;
  }

  private List<RegisteredSchema> versionsOf(String subject) {
    List<RegisteredSchema> versions = versionsBySubject.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw SchemaRegistryException.subjectNotFound(subject);
    }
    return versions;
  }

  /** Why {@code newSchema} cannot read data written with {@code latest}, or null when it can. */
  static String backwardIncompatibility(Schema newSchema, Schema latest) {
    SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(newSchema, latest);
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return null;
    }
    return result.getResult().getIncompatibilities().stream()
        .map(SchemaIndex::describe)
        .collect(Collectors.joining("; "));
  }

  private static String describe(Incompatibility incompatibility) {
    return incompatibility.getType() + " at " + incompatibility.getLocation() + ": " + incompatibility.getMessage();
  }
}
