package dev.layoffsignals.registry;

import dev.layoffsignals.serde.RegisteredSchema;
import java.util.List;

/**
 * Where the registry keeps its schemas, so the HTTP layer and the registry rules can be tested
 * without a broker ({@link InMemorySchemaStore}) and run on a compacted topic ({@link KafkaSchemaStore}).
 */
public interface SchemaStore extends AutoCloseable {

  /** Every version stored so far, in the order it was written; read once, at start. */
  List<RegisteredSchema> readAll();

  /**
   * Stores a new version durably before returning, so the registry never hands out an id it could
   * forget on restart.
   *
   * @throws SchemaStoreException when the write is not known to have succeeded
   */
  void append(RegisteredSchema schema);

  /** A description for logs, e.g. the topic and bootstrap servers. */
  String describe();

  @Override
  void close();
}
