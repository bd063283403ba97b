package dev.layoffsignals.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;

/**
 * Reads Confluent wire-format bytes as {@link GenericRecord}s, for tools that handle any topic
 * (dead-letter inspection, dumps) and for reading with a schema that has no generated class.
 * Failure messages: see {@link WireFormatDeserializer}.
 */
public class GenericAvroDeserializer extends WireFormatDeserializer<GenericRecord> {

  private final Schema readerSchema;

  /** Reads every record with its own writer schema; the registry client is made in {@link #configure}. */
  public GenericAvroDeserializer() {
    this(null, null);
  }

  /**
   * @param readerSchema the schema to resolve every writer schema against, or null to read with the writer's
   * @param client a registry client the caller owns, or null to make one in {@link #configure}
   */
  public GenericAvroDeserializer(Schema readerSchema, SchemaRegistryClient client) {
    super(client);
    this.readerSchema = readerSchema;
  }

  @Override
  DatumReader<GenericRecord> newReader(Schema writer) {
    if (readerSchema == null) {
      return new GenericDatumReader<>(writer);
    }
    SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
    if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
      throw new ReaderUnavailable("writer schema " + writer.getFullName() + " cannot be read as "
          + readerSchema.getFullName() + ": " + compatibility.getDescription());
    }
    return new GenericDatumReader<>(writer, readerSchema);
  }
}
