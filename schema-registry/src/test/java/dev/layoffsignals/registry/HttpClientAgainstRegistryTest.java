package dev.layoffsignals.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.serde.HttpSchemaRegistryClient;
import dev.layoffsignals.serde.RegisteredSchema;
import dev.layoffsignals.serde.SchemaRegistryException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our HTTP client against our server over real HTTP: every endpoint, and how failures surface. */
class HttpClientAgainstRegistryTest {

  private static final Schema V1 = SchemaBuilder.record("Tick").namespace("test").fields()
      .requiredString("symbol").endRecord();
  private static final Schema V2 = SchemaBuilder.record("Tick").namespace("test").fields()
      .requiredString("symbol").name("venue").type().stringType().stringDefault("XNAS").endRecord();
  private static final Schema V3_INCOMPATIBLE = SchemaBuilder.record("Tick").namespace("test").fields()
      .requiredString("symbol").requiredLong("volume").endRecord();
  private static final Schema OTHER = SchemaBuilder.record("Other").namespace("test").fields()
      .requiredInt("n").endRecord();

  private LocalSchemaRegistry registry = LocalSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0);
  private final HttpSchemaRegistryClient client = client(registry.url(), 0);

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void registerAssignsGlobalIdsAndPerSubjectVersions() {
    int v1 = client.register("ticks-value", V1);
    int other = client.register("other-value", OTHER);
    int v2 = client.register("ticks-value", V2);

    assertThat(List.of(v1, other, v2)).containsExactly(1, 2, 3);
    assertThat(client.getAllSubjects()).containsExactly("other-value", "ticks-value");
    assertThat(client.getAllVersions("ticks-value")).containsExactly(1, 2);
    assertThat(client.getLatestVersion("ticks-value")).isEqualTo(new RegisteredSchema("ticks-value", 2, 3, V2));
    assertThat(client.getVersion("ticks-value", 1)).isEqualTo(new RegisteredSchema("ticks-value", 1, 1, V1));
  }

  @Test
  void registeringAgainIsIdempotentAndTheSameSchemaKeepsItsIdInAnotherSubject() {
    int first = client.register("ticks-value", V1);
    int again = client(registry.url(), 0).register("ticks-value", V1); // a fresh client: no cache
    int elsewhere = client.register("ticks-replay-value", V1);

    assertThat(again).isEqualTo(first);
    assertThat(elsewhere).isEqualTo(first);
    assertThat(client.getAllVersions("ticks-value")).containsExactly(1);
    assertThat(client.getAllVersions("ticks-replay-value")).containsExactly(1);
  }

  @Test
  void lookupFindsTheIdOfARegisteredSchema() {
    client.register("other-value", OTHER);
    client.register("ticks-value", V1);

    assertThat(client(registry.url(), 0).getId("ticks-value", V1)).isEqualTo(2);
  }

  @Test
  void schemaByIdIsTheRegisteredSchema() {
    int id = client.register("ticks-value", V2);

    assertThat(client(registry.url(), 0).getSchemaById(id)).isEqualTo(V2);
  }

  @Test
  void compatibilityIsBackwardAgainstTheLatestVersion() {
    client.register("ticks-value", V1);

    assertThat(client.testCompatibility("ticks-value", V2)).isTrue();
    assertThat(client.testCompatibility("ticks-value", V3_INCOMPATIBLE)).isFalse();
    assertThat(client.testCompatibility("unknown-value", V3_INCOMPATIBLE)).isTrue();
  }

  @Test
  void incompatibleRegistrationIsRefusedWith409() {
    client.register("ticks-value", V1);

    assertThatThrownBy(() -> client.register("ticks-value", V3_INCOMPATIBLE))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.errorCode()).isEqualTo(409);
          assertThat(e.registryMessage()).isEqualTo("Schema being registered is incompatible with the latest schema of"
              + " subject 'ticks-value' (BACKWARD): READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1: volume");
        });
    assertThat(client.getAllVersions("ticks-value")).containsExactly(1);
  }

  @Test
  void unknownSubjectIs40401() {
    assertThatThrownBy(() -> client.getAllVersions("nope-value"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(40401);
          assertThat(e.registryMessage()).isEqualTo("Subject 'nope-value' not found.");
        });
    assertThatThrownBy(() -> client.getLatestVersion("nope-value"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    assertThatThrownBy(() -> client.getId("nope-value", V1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
  }

  @Test
  void unknownVersionIs40402() {
    client.register("ticks-value", V1);

    assertThatThrownBy(() -> client.getVersion("ticks-value", 7))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(40402);
          assertThat(e.registryMessage()).isEqualTo("Version 7 not found in subject 'ticks-value'.");
        });
  }

  @Test
  void unknownSchemaIs40403() {
    client.register("ticks-value", V1);

    assertThatThrownBy(() -> client.getSchemaById(99))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(40403);
          assertThat(e.registryMessage()).isEqualTo("Schema 99 not found");
        });
    assertThatThrownBy(() -> client.getId("ticks-value", V2))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(40403);
          assertThat(e.registryMessage()).isEqualTo("Schema not found");
        });
  }

  @Test
  void storeFailureIsA500ThatTheClientRetries() {
    registry.close();
    FailingStore store = new FailingStore(1);
    registry = LocalSchemaRegistry.start(store, "127.0.0.1", 0);
    HttpSchemaRegistryClient retrying = client(registry.url(), 2);

    int id = retrying.register("ticks-value", V1);

    assertThat(id).isEqualTo(1);
    assertThat(store.attempts.get()).isEqualTo(2);
    assertThat(store.readAll()).containsExactly(new RegisteredSchema("ticks-value", 1, 1, V1));
  }

  @Test
  void storeFailureAfterTheLastRetryIs50001() {
    registry.close();
    registry = LocalSchemaRegistry.start(new FailingStore(Integer.MAX_VALUE), "127.0.0.1", 0);
    HttpSchemaRegistryClient retrying = client(registry.url(), 1);

    assertThatThrownBy(() -> retrying.register("ticks-value", V1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(500);
          assertThat(e.errorCode()).isEqualTo(50001);
          assertThat(e.registryMessage()).isEqualTo("Error while storing the schema: broker unavailable");
        });
  }

  @Test
  void stoppedRegistryIsReportedAsUnreachableAfterTheRetries() {
    String url = registry.url();
    registry.close();
    HttpSchemaRegistryClient retrying = client(url, 2);

    assertThatThrownBy(() -> retrying.getAllSubjects())
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
          assertThat(e.registryMessage()).isEqualTo("Schema registry unreachable at " + url
              + " (GET /subjects): ConnectException after 3 attempts");
        });
  }

  static HttpSchemaRegistryClient client(String url, int retries) {
    return HttpSchemaRegistryClient.fromConfig(Map.of(
        AvroSerdeConfig.SCHEMA_REGISTRY_URL, url,
        AvroSerdeConfig.MAX_RETRIES, retries,
        AvroSerdeConfig.RETRIES_WAIT_MS, 1,
        AvroSerdeConfig.RETRIES_MAX_WAIT_MS, 5));
  }

  /** A store whose first {@code failures} writes fail, as a broker that is briefly down. */
  static final class FailingStore implements SchemaStore {
    final AtomicInteger attempts = new AtomicInteger();
    private final InMemorySchemaStore delegate = new InMemorySchemaStore();
    private final int failures;

    FailingStore(int failures) {
      this.failures = failures;
    }

    @Override
    public List<RegisteredSchema> readAll() {
      return delegate.readAll();
    }

    @Override
    public void append(RegisteredSchema schema) {
      if (attempts.incrementAndGet() <= failures) {
        throw new SchemaStoreException("broker unavailable", null);
      }
      delegate.append(schema);
    }

    @Override
    public String describe() {
      return "failing store";
    }

    @Override
    public void close() {
    }
  }
}
