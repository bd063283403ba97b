package dev.layoffsignals.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The conventions of the topic contract: docs everywhere, snake_case fields, one namespace, logical time types. */
class SchemaConventionsTest {

  static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  static Stream<Path> schemaFiles() throws IOException {
    try (Stream<Path> files = Files.list(SchemaEvolutionTest.CURRENT)) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaFiles")
  void followsTheContractConventions(Path file) throws IOException {
    Schema schema = SchemaEvolutionTest.parse(file);
    List<String> violations = new ArrayList<>();

    assertThat(schema.getType()).isEqualTo(Schema.Type.RECORD);
    assertThat(schema.getName()).as("one record per file, named as the file")
        .isEqualTo(file.getFileName().toString().replace(".avsc", ""));
    check(schema, schema.getName(), violations, new IdentityHashMap<>());

    assertThat(violations).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaFiles")
  void generatedClassCarriesTheSameSchema(Path file) throws Exception {
    Schema schema = SchemaEvolutionTest.parse(file);
    Class<?> generated = Class.forName(schema.getFullName());

    Schema compiled = (Schema) generated.getField("SCHEMA$").get(null);
    // stringType=String only adds the Java hint "avro.java.string" to string types and map keys
    Schema withoutJavaHints = new Schema.Parser().parse(
        compiled.toString().replace("{\"type\":\"string\",\"avro.java.string\":\"String\"}", "\"string\"")
            .replace(",\"avro.java.string\":\"String\"", ""));

    assertThat(withoutJavaHints).isEqualTo(schema);
  }

  private static void check(Schema schema, String path, List<String> violations, Map<Schema, Boolean> seen) {
    if (seen.put(schema, Boolean.TRUE) != null) {
      return;
    }
    switch (schema.getType()) {
      case RECORD -> {
        if (!schema.getNamespace().startsWith("dev.layoffsignals.schemas")) {
          violations.add(path + ": namespace " + schema.getNamespace());
        }
        if (blank(schema.getDoc())) {
          violations.add(path + ": record without doc");
        }
        for (Schema.Field field : schema.getFields()) {
          String fieldPath = path + "." + field.name();
          if (blank(field.doc())) {
            violations.add(fieldPath + ": field without doc");
          }
          if (!SNAKE_CASE.matcher(field.name()).matches()) {
            violations.add(fieldPath + ": not snake_case");
          }
          if (field.name().endsWith("_at") && !isTimestamp(field.schema())) {
            violations.add(fieldPath + ": a time must be timestamp-millis");
          }
          check(field.schema(), fieldPath, violations, seen);
        }
      }
      case UNION -> schema.getTypes().forEach(branch -> check(branch, path, violations, seen));
      case ARRAY -> check(schema.getElementType(), path + "[]", violations, seen);
      case MAP -> check(schema.getValueType(), path + "{}", violations, seen);
      case ENUM -> {
        if (blank(schema.getDoc())) {
          violations.add(path + ": enum " + schema.getName() + " without doc");
        }
      }
      default -> { }
    }
  }

  private static boolean isTimestamp(Schema schema) {
    Schema actual = schema.isUnion()
        ? schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow()
        : schema;
    return actual.getLogicalType() instanceof LogicalTypes.TimestampMillis;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
