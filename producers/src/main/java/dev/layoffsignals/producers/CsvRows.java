package dev.layoffsignals.producers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rows of an RFC 4180 CSV file (quoted fields may hold commas, quotes and line breaks), with the
 * line each row starts on. A thin layer over Jackson's streaming CSV parser, which does the quoting.
 */
public final class CsvRows implements Closeable {

  private static final CsvFactory FACTORY = CsvFactory.builder()
      .enable(CsvParser.Feature.TRIM_SPACES)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .build();

  private final CsvParser parser;
  private final List<String> fields = new ArrayList<>();

  /** One row: its fields and the line it starts on (1-based). */
  public record Row(long line, String[] fields) {

    /** The row as read, fields joined with commas (for the rejects file). */
    public String text() {
      return String.join(",", fields);
    }
  }

  /** The CSV text itself is broken (e.g. an unclosed quote); nothing after it can be trusted. */
  public static final class MalformedCsvException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;

    MalformedCsvException(long line, String message, Throwable cause) {
      super(message, cause);
      this.line = line;
    }

    public long line() {
      return line;
    }
  }

  public CsvRows(Reader reader) throws IOException {
    this.parser = FACTORY.createParser(reader);
  }

  /** The next row, or null at the end of the input. */
  public Row next() throws IOException {
    long line = parser.currentLocation().getLineNr();
    try {
      JsonToken t = parser.nextToken();
      if (t == null) {
        return null;
      }
      if (t != JsonToken.START_ARRAY) {
        throw new MalformedCsvException(line, "unexpected " + t, null);
      }
      fields.clear();
      while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new MalformedCsvException(line, "unexpected end of input inside a row", null);
        }
        if (fields.isEmpty()) {
          // the row starts where its first field does (the array token reports the previous line)
          line = parser.currentTokenLocation().getLineNr();
        }
        fields.add(parser.getText());
      }
      return new Row(line, fields.toArray(new String[0]));
    } catch (JsonProcessingException e) {
      throw new MalformedCsvException(line, "malformed CSV: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  /**
   * A header name reduced to what matters for matching: lower case, without spaces, underscores,
   * dashes, dots or a byte-order mark ({@code "Adj Close"}, {@code "adj_close"} and {@code "AdjClose"} match).
   */
  public static String normalizeHeader(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '\uFEFF') {
        continue;
      }
      sb.append(c);
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
