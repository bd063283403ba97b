package dev.layoffsignals.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro records as the JSON of the API, driven by the record's schema: field names as in the schema
 * (snake_case), {@code timestamp-millis} as an ISO-8601 UTC string ({@code 2022-11-09T05:00:00Z}),
 * {@code date} as {@code YYYY-MM-DD}, enums by name, a null union as null or its value, NaN and
 * infinite numbers as null, arrays, maps and nested records recursively, bytes in base64.
 *
 * <p>Accepts what generated classes hold (an {@code Instant}, a {@code LocalDate}) and what generic
 * records hold (the underlying long or int). Not Avro's JSON encoding, which wraps union values in
 * a type object and writes logical types raw.
 */
public final class AvroJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {
  }

  /** The record as a JSON object. */
  public static ObjectNode toJson(IndexedRecord record) {
    return (ObjectNode) value(record.getSchema(), record);
  }

  /** A value of {@code schema} as JSON. */
  public static JsonNode value(Schema schema, Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    return switch (schema.getType()) {
      case RECORD -> record(schema, (IndexedRecord) value);
      case UNION -> value(branch(schema, value), value);
      case ARRAY -> array(schema.getElementType(), (Collection<?>) value);
      case MAP -> map(schema.getValueType(), (Map<?, ?>) value);
      case ENUM -> NODES.textNode(value instanceof Enum<?> e ? e.name() : value.toString());
      case STRING -> NODES.textNode(value.toString());
      case INT -> integer(schema.getLogicalType(), value);
      case LONG -> longValue(schema.getLogicalType(), value);
      case FLOAT -> finite(((Number) value).doubleValue()) ? NODES.numberNode(((Number) value).floatValue()) : NODES.nullNode();
      case DOUBLE -> finite(((Number) value).doubleValue()) ? NODES.numberNode(((Number) value).doubleValue()) : NODES.nullNode();
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case BYTES -> NODES.textNode(base64((ByteBuffer) value));
      case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
      case NULL -> NODES.nullNode();
    };
  }

  private static ObjectNode record(Schema schema, IndexedRecord record) {
    ObjectNode out = NODES.objectNode();
    for (Schema.Field field : schema.getFields()) {
      out.set(field.name(), value(field.schema(), record.get(field.pos())));
    }
    return out;
  }

  private static ArrayNode array(Schema elements, Collection<?> values) {
    ArrayNode out = NODES.arrayNode(values.size());
    for (Object v : values) {
      out.add(value(elements, v));
    }
    return out;
  }

  private static ObjectNode map(Schema values, Map<?, ?> map) {
    ObjectNode out = NODES.objectNode();
    map.forEach((k, v) -> out.set(k.toString(), value(values, v)));
    return out;
  }

  private static JsonNode integer(LogicalType logicalType, Object value) {
    if (logicalType instanceof LogicalTypes.Date) {
      return NODES.textNode(value instanceof LocalDate d ? d.toString() : LocalDate.ofEpochDay((Integer) value).toString());
    }
    return NODES.numberNode(((Number) value).intValue());
  }

  private static JsonNode longValue(LogicalType logicalType, Object value) {
    if (logicalType instanceof LogicalTypes.TimestampMillis) {
      return NODES.textNode(value instanceof Instant i ? i.toString() : Instant.ofEpochMilli((Long) value).toString());
    }
    if (logicalType instanceof LogicalTypes.TimestampMicros) {
      if (value instanceof Instant i) {
        return NODES.textNode(i.toString());
      }
      long micros = (Long) value;
      return NODES.textNode(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L).toString());
    }
    return NODES.numberNode(((Number) value).longValue());
  }

  /** The branch of a union that holds {@code value} (never the null branch: null is handled before). */
  private static Schema branch(Schema union, Object value) {
    for (Schema s : union.getTypes()) {
      if (holds(s, value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Value of " + value.getClass().getName() + " matches no branch of " + union);
  }

  private static boolean holds(Schema s, Object value) {
    return switch (s.getType()) {
      case NULL -> false;
      case RECORD -> value instanceof IndexedRecord r && r.getSchema().getFullName().equals(s.getFullName());
      case ENUM -> (value instanceof Enum<?> e && s.hasEnumSymbol(e.name()) && e.getDeclaringClass().getSimpleName().equals(s.getName()))
          || (value instanceof GenericEnumSymbol<?> g && g.getSchema().getFullName().equals(s.getFullName()));
      case ARRAY -> value instanceof Collection<?>;
      case MAP -> value instanceof Map<?, ?>;
      case STRING -> value instanceof CharSequence;
      case INT -> s.getLogicalType() instanceof LogicalTypes.Date ? value instanceof LocalDate || value instanceof Integer
          : value instanceof Integer;
      case LONG -> s.getLogicalType() instanceof LogicalTypes.TimestampMillis || s.getLogicalType() instanceof LogicalTypes.TimestampMicros
          ? value instanceof Instant || value instanceof Long
          : value instanceof Long;
      case FLOAT -> value instanceof Float;
      case DOUBLE -> value instanceof Double;
      case BOOLEAN -> value instanceof Boolean;
      case BYTES -> value instanceof ByteBuffer;
      case FIXED -> value instanceof GenericFixed f && f.getSchema().getFullName().equals(s.getFullName());
      case UNION -> false;
    };
  }

  private static boolean finite(double d) {
    return !Double.isNaN(d) && !Double.isInfinite(d);
  }

  private static String base64(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
