package dev.layoffsignals.serde;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads Confluent wire-format bytes into instances of one generated class, whatever compatible
 * version of its schema the producer wrote: the writer schema comes from the registry by id and is
 * resolved against the class's own schema, so old consumers read new data (extra fields are
 * skipped) and new consumers read old data (missing fields take their defaults).
 *
 * <p>The class is given explicitly (rather than looked up from the writer schema's name, as
 * Confluent's {@code specific.avro.reader} does) so that the reader schema is always ours, and a
 * record of an unexpected type fails here with a clear reason instead of a ClassCastException later.
 * Failure messages: see {@link WireFormatDeserializer}.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> extends WireFormatDeserializer<T> {

  private final SpecificData model;
  private final Schema readerSchema;

  /** For Kafka's reflection or a serde: the registry client is made in {@link #configure}. */
  public SpecificAvroDeserializer(Class<T> type) {
    this(type, null);
  }

  /** With a registry client the caller owns (and closes). */
  public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
    super(client);
    Objects.requireNonNull(type, "type");
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
  }

  /** The schema records are read into: the generated class's. */
  public Schema readerSchema() {
    return readerSchema;
  }

  @Override
  DatumReader<T> newReader(Schema writer) {
    SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
    if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
      throw new ReaderUnavailable("writer schema " + writer.getFullName() + " cannot be read as "
          + readerSchema.getFullName() + ": " + compatibility.getDescription());
    }
    return new SpecificDatumReader<>(writer, readerSchema, model);
  }
}
