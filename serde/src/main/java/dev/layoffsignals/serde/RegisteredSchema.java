package dev.layoffsignals.serde;

import java.util.Objects;
import org.apache.avro.Schema;

/** One version of a subject: what the registry answers for {@code /subjects/{s}/versions/{n}}. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
