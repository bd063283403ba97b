package dev.layoffsignals.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** The {@code .avsc} files as published in the schemas jar (under {@code avro/}). */
public final class PublishedSchemas {

  private PublishedSchemas() {
  }

  /** The published schema of a record, e.g. {@code parse("StockTick")}. */
  public static Schema parse(String recordName) {
    String resource = "/avro/" + recordName + ".avsc";
    try (InputStream in = PublishedSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no published schema " + resource);
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
