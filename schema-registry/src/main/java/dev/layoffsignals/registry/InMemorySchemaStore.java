package dev.layoffsignals.registry;

import dev.layoffsignals.serde.RegisteredSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * A store that lives as long as the object: for tests of the HTTP layer, and for a throw-away
 * registry. Handing the same instance to a new registry simulates a restart on kept data.
 */
public final class InMemorySchemaStore implements SchemaStore {

  private final List<RegisteredSchema> log = new ArrayList<>();

  @Override
  public synchronized List<RegisteredSchema> readAll() {
    return List.copyOf(log);
  }

  @Override
  public synchronized void append(RegisteredSchema schema) {
    log.add(schema);
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {
  }
}
