package dev.layoffsignals.producers;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;

/**
 * One CSV input read the way every CSV source reads it: a header whose columns are found by
 * normalised name, then rows of the header's width, each counted as read and either turned into a
 * value or rejected with its line.
 *
 * <p>A row with a byte sequence that is not UTF-8 (read with {@link Utf8Text#reader}) is rejected
 * like any other bad row; a line of white space is skipped like an empty one. Broken CSV (an
 * unclosed quote, say) ends the input with one rejection instead of an exception: nothing after it
 * can be trusted, but the other inputs of the run still can. What a row means, and why a header is
 * refused, stays with the source, which knows its format.
 */
public final class CsvRowReader implements Closeable {

  /** Turns one row of the right width into a value, or says why it cannot. */
  @FunctionalInterface
  public interface RowParser<T> {
    T parse(CsvRows.Row row) throws BadRecord;
  }

  private final String file;
  private final CsvRows rows;
  private final Rejects rejects;
  private final InputStats stats;
  private final Map<String, Integer> columns = new HashMap<>();
  private CsvRows.Row header;
  private int width;

  /**
   * @param file    name of the input in reports and rejections
   * @param reader  the CSV text
   * @param rejects where malformed rows go
   */
  public CsvRowReader(String file, Reader reader, Rejects rejects) throws IOException {
    this.file = file;
    this.rows = new CsvRows(reader);
    this.rejects = rejects;
    this.stats = new InputStats(file);
  }

  /** The input's counters, named after the file. */
  public InputStats stats() {
    return stats;
  }

  /**
   * Reads the first row as the header: its width is the width every row must have, and its names
   * are what {@link #column} looks up. Null when the input is empty (or broken from its first row).
   */
  public CsvRows.Row readHeader() throws IOException {
    header = readRow();
    if (header != null && header.fields().length > 0 && header.fields()[0].startsWith("\uFEFF")) {
      String[] names = header.fields().clone();
      names[0] = names[0].substring(1); // a byte-order mark is not part of the first column's name
      header = new CsvRows.Row(header.line(), names);
    }
    if (header != null) {
      String[] names = header.fields();
      for (int i = 0; i < names.length; i++) {
        columns.putIfAbsent(CsvRows.normalizeHeader(names[i]), i);
      }
      width = names.length;
    }
    return header;
  }

  /** The index of the first of {@code names} (normalised) the header has, or -1 when it has none. */
  public int column(String... names) {
    for (String name : names) {
      Integer i = columns.get(name);
      if (i != null) {
        return i;
      }
    }
    return -1;
  }

  /** Rejects the whole input at its header line, which counts as the one record read. */
  public void rejectHeader(String reason) {
    stats.countRead();
    rejects.reject(stats, file, header.line(), reason, header.text());
  }

  /**
   * The value of the next row {@code parser} accepts, or null at the end of the input. A row of
   * the wrong width, or one the parser refuses, is rejected and the row after it is read.
   */
  public <T> T next(RowParser<T> parser) throws IOException {
    CsvRows.Row row;
    while ((row = readRow()) != null) {
      if (row.fields().length == 1 && row.fields()[0].isBlank()) {
        continue; // a line of white space is a blank line, skipped like an empty one (the parser only trims spaces)
      }
      stats.countRead();
      try {
        if (row.fields().length != width) {
          throw new BadRecord("expected " + width + " fields, found " + row.fields().length);
        }
        for (int i = 0; i < row.fields().length; i++) {
          int malformed = Utf8Text.malformedAt(row.fields()[i]);
          if (malformed > 0) {
            throw new BadRecord("not UTF-8 text: an invalid byte sequence in field " + (i + 1));
          }
        }
        return parser.parse(row);
      } catch (BadRecord e) {
        rejects.reject(stats, file, row.line(), e.getMessage(), row.text());
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }

  private CsvRows.Row readRow() throws IOException {
    try {
      return rows.next();
    } catch (CsvRows.MalformedCsvException e) {
      stats.countRead();
      rejects.reject(stats, file, e.line(), e.getMessage() + " (rest of the file skipped)", "");
      return null;
    }
  }
}
