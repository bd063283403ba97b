package dev.layoffsignals.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.serde.HttpSchemaRegistryClient;
import dev.layoffsignals.serde.RegisteredSchema;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** State comes back from the store alone; the broker-backed variant is LocalSchemaRegistryIntegrationTest. */
class RestartOnSameStoreTest {

  private static final Schema A = SchemaBuilder.record("A").fields().requiredString("a").endRecord();
  private static final Schema B = SchemaBuilder.record("B").fields().requiredString("b").endRecord();
  private static final Schema A2 = SchemaBuilder.record("A").fields().requiredString("a")
      .optionalString("note").endRecord();

  @Test
  void restartedRegistryKeepsIdsAndVersionsAndContinuesNumbering() {
    InMemorySchemaStore store = new InMemorySchemaStore();
    try (LocalSchemaRegistry first = LocalSchemaRegistry.start(new Unclosable(store), "127.0.0.1", 0)) {
      HttpSchemaRegistryClient client = HttpSchemaRegistryClient.forUrl(first.url());
      client.register("a-value", A);
      client.register("b-value", B);
    }

    try (LocalSchemaRegistry second = LocalSchemaRegistry.start(store, "127.0.0.1", 0)) {
      HttpSchemaRegistryClient client = HttpSchemaRegistryClient.forUrl(second.url());

      assertThat(client.register("a-value", A)).isEqualTo(1);
      assertThat(client.getSchemaById(2)).isEqualTo(B);
      assertThat(client.register("a-value", A2)).isEqualTo(3);
      assertThat(client.getLatestVersion("a-value")).isEqualTo(new RegisteredSchema("a-value", 2, 3, A2));
    }
  }

  /** Keeps the store's contents across the first registry's close, as a broker keeps its topic. */
  private record Unclosable(SchemaStore delegate) implements SchemaStore {
    @Override
    public java.util.List<RegisteredSchema> readAll() {
      return delegate.readAll();
    }

    @Override
    public void append(RegisteredSchema schema) {
      delegate.append(schema);
    }

    @Override
    public String describe() {
      return delegate.describe();
    }

    @Override
    public void close() {
    }
  }
}
