package dev.layoffsignals.serde;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The one seam between our serdes and a schema registry, so the same serde runs against
 * Confluent's server, our {@code schema-registry} module, or an in-memory registry in tests.
 *
 * <p>Every method throws {@link SchemaRegistryException} when the registry refuses or cannot be
 * reached. Implementations are thread-safe: Kafka Streams shares one serde across stream threads.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /**
   * Registers {@code schema} under {@code subject} ({@code POST /subjects/{s}/versions}) and returns
   * its global id. Idempotent: a schema already in the subject keeps its id.
   */
  int register(String subject, Schema schema);

  /** The id of a schema already registered under {@code subject} ({@code POST /subjects/{s}}). */
  int getId(String subject, Schema schema);

  /** The schema with this global id ({@code GET /schemas/ids/{id}}). */
  Schema getSchemaById(int id);

  /** The latest version of a subject ({@code GET /subjects/{s}/versions/latest}). */
  RegisteredSchema getLatestVersion(String subject);

  /** One version of a subject ({@code GET /subjects/{s}/versions/{n}}). */
  RegisteredSchema getVersion(String subject, int version);

  /** Every subject, sorted ({@code GET /subjects}). */
  List<String> getAllSubjects();

  /** The versions of a subject, ascending ({@code GET /subjects/{s}/versions}). */
  List<Integer> getAllVersions(String subject);

  /**
   * Whether {@code schema} may be registered as the next version of {@code subject} under the
   * registry's compatibility level ({@code POST /compatibility/subjects/{s}/versions/latest}).
   */
  boolean testCompatibility(String subject, Schema schema);

  /** Releases connections; the default has none to release. */
  @Override
  default void close() {
  }
}
