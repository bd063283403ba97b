package dev.layoffsignals.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build's compatibility gate: every schema must stay BACKWARD compatible with each of its
 * released versions (kept under {@code schemas/released/<Name>/vN.avsc}), i.e. a consumer built
 * from the current schema reads everything that producers of any released version wrote. This is
 * the check the Confluent Schema Registry applies under its default BACKWARD mode.
 */
class SchemaEvolutionTest {

  static final Path CURRENT = Path.of("src/main/avro");
  static final Path RELEASED = Path.of("released");

  static Stream<Arguments> releasedVersions() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> names = Files.list(RELEASED)) {
      for (Path dir : names.sorted().toList()) {
        try (Stream<Path> versions = Files.list(dir)) {
          for (Path version : versions.sorted().toList()) {
            cases.add(Arguments.of(dir.getFileName().toString(), version));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: current reads {1}")
  @MethodSource("releasedVersions")
  void currentSchemaIsBackwardCompatibleWithReleasedVersion(String name, Path released) throws IOException {
    Schema current = parse(CURRENT.resolve(name + ".avsc"));
    Schema old = parse(released);

    SchemaCompatibility.SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(current, old);

    assertThat(result.getType())
        .as("%s is not BACKWARD compatible with %s: %s", name, released, result.getResult().getIncompatibilities())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void everyCurrentSchemaHasAReleasedVersion() throws IOException {
    try (Stream<Path> files = Files.list(CURRENT)) {
      List<String> unreleased = files
          .map(f -> f.getFileName().toString().replace(".avsc", ""))
          .filter(name -> !Files.isDirectory(RELEASED.resolve(name)))
          .toList();
      assertThat(unreleased).as("schemas without a released/<Name>/v1.avsc").isEmpty();
    }
  }

  @Test
  void theGateRejectsAnIncompatibleChange() {
    // guards the gate itself: a new required field without a default cannot read old data
    Schema old = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
    Schema breaking = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
            + "{\"name\":\"b\",\"type\":\"int\"}]}");

    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(breaking, old).getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  static Schema parse(Path file) throws IOException {
    return new Schema.Parser().parse(file.toFile());
  }
}
