package dev.layoffsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The registry rules {@link SchemaIndex} implements, as Confluent's server applies them. */
class InMemorySchemaRegistryClientTest {

  private static final Schema V1 = SchemaBuilder.record("Tick").fields().requiredString("symbol").endRecord();
  private static final Schema V2 = SchemaBuilder.record("Tick").fields().requiredString("symbol")
      .name("venue").type().stringType().stringDefault("XNAS").endRecord();
  private static final Schema OTHER = SchemaBuilder.record("Other").fields().endRecord();

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void idsAreGlobalAndVersionsPerSubject() {
    int v1 = registry.register("ticks-value", V1);
    int other = registry.register("other-value", OTHER);
    int v2 = registry.register("ticks-value", V2);

    assertThat(v1).isEqualTo(1);
    assertThat(other).isEqualTo(2);
    assertThat(v2).isEqualTo(3);
    assertThat(registry.getAllVersions("ticks-value")).containsExactly(1, 2);
    assertThat(registry.getLatestVersion("ticks-value")).isEqualTo(new RegisteredSchema("ticks-value", 2, 3, V2));
    assertThat(registry.getVersion("ticks-value", 1)).isEqualTo(new RegisteredSchema("ticks-value", 1, 1, V1));
  }

  @Test
  void registeringTwiceReturnsTheSameIdAndVersion() {
    registry.register("ticks-value", V1);
    registry.register("ticks-value", V1);

    assertThat(registry.getAllVersions("ticks-value")).containsExactly(1);
  }

  @Test
  void sameSchemaInAnotherSubjectKeepsItsId() {
    int first = registry.register("ticks-value", V1);
    int second = registry.register("ticks-replay-value", V1);

    assertThat(second).isEqualTo(first);
    assertThat(registry.getAllSubjects()).containsExactly("ticks-replay-value", "ticks-value");
  }

  @Test
  void lookupTellsUnknownSubjectFromUnknownSchema() {
    registry.register("ticks-value", V1);

    assertThat(registry.getId("ticks-value", V1)).isEqualTo(1);
    assertThatThrownBy(() -> registry.getId("nope", V1))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
    assertThatThrownBy(() -> registry.getId("ticks-value", V2))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
  }

  @Test
  void missingVersionAndIdHaveTheirOwnCodes() {
    registry.register("ticks-value", V1);

    assertThatThrownBy(() -> registry.getVersion("ticks-value", 9))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.VERSION_NOT_FOUND);
          assertThat(e.registryMessage()).isEqualTo("Version 9 not found in subject 'ticks-value'.");
        });
    assertThatThrownBy(() -> registry.getSchemaById(9))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
          assertThat(e.registryMessage()).isEqualTo("Schema 9 not found");
        });
  }

  @Test
  void compatibilityIsCheckedAgainstTheLatestVersion() {
    registry.register("ticks-value", V2);

    assertThat(registry.testCompatibility("ticks-value", V2)).isTrue();
    assertThat(registry.testCompatibility("ticks-value", V1)).isTrue(); // V1 ignores venue: can read V2 data
    assertThat(registry.testCompatibility("ticks-value", OTHER)).isFalse();
    assertThat(registry.testCompatibility("new-subject", OTHER)).isTrue();
  }
}
