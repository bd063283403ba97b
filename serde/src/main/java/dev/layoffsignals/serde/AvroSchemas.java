package dev.layoffsignals.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/** Schema transformations the serdes apply before talking to the registry. */
public final class AvroSchemas {

  /** The property {@code stringType=String} code generation stamps on every string type. */
  public static final String JAVA_STRING_PROPERTY = "avro.java.string";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AvroSchemas() {
  }

  /**
   * The schema without {@code avro.java.string} hints, i.e. the schema of the published {@code .avsc}
   * file. The hint only matters to the Java code generator and reader; data is the same either way.
   */
  public static Schema withoutJavaProperties(Schema schema) {
    try {
      JsonNode tree = JSON.readTree(schema.toString());
      removeJavaProperties(tree);
      return new Schema.Parser().parse(JSON.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Avro wrote a schema Jackson cannot read: " + schema.getFullName(), e);
    }
  }

  private static void removeJavaProperties(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(JAVA_STRING_PROPERTY);
    }
    // default values are data, not schemas: leave them alone
    for (var entry : node.properties()) {
      if (!"default".equals(entry.getKey())) {
        removeJavaProperties(entry.getValue());
      }
    }
    if (node.isArray()) {
      node.forEach(AvroSchemas::removeJavaProperties);
    }
  }
}
