package dev.layoffsignals.eventstudy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads daily closes from a Yahoo-Finance-style CSV ({@code Date,Close,High,Low,Open,Volume} or
 * any other column order: the {@code Date} and {@code Close} columns are found by header name).
 * Rows whose close is blank or {@code null} (Yahoo's mark for no trade) are skipped, never read as
 * zero. Dates are ISO {@code yyyy-MM-dd}; fields are not quoted in these files, so a quote is an
 * error rather than something to guess at.
 */
public final class DailyClosesCsv {

  private DailyClosesCsv() {
  }

  public static List<DailyClose> read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString());
    }
  }

  /**
   * The closes, ascending by date.
   *
   * @param source names the input in error messages
   * @throws IllegalArgumentException on a missing column, a malformed row or a repeated date
   */
  public static List<DailyClose> read(Reader input, String source) throws IOException {
    BufferedReader reader = input instanceof BufferedReader buffered ? buffered : new BufferedReader(input);
    String header = reader.readLine();
    if (header == null) {
      throw new IllegalArgumentException(source + ": empty file, expected a header with Date and Close");
    }
    List<String> columns = Arrays.asList(split(stripBom(header), source, 1));
    int dateColumn = column(columns, "Date", source);
    int closeColumn = column(columns, "Close", source);

    List<DailyClose> closes = new ArrayList<>();
    String line;
    int lineNumber = 1;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] fields = split(line, source, lineNumber);
      if (fields.length <= Math.max(dateColumn, closeColumn)) {
        throw new IllegalArgumentException(source + ":" + lineNumber + ": expected " + columns.size() + " fields: " + line);
      }
      String close = fields[closeColumn].trim();
      if (close.isEmpty() || close.equalsIgnoreCase("null")) {
        continue;
      }
      try {
        closes.add(new DailyClose(LocalDate.parse(fields[dateColumn].trim()), Double.parseDouble(close)));
      } catch (DateTimeParseException | IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ":" + lineNumber + ": " + e.getMessage(), e);
      }
    }
    closes.sort(Comparator.comparing(DailyClose::date));
    for (int i = 1; i < closes.size(); i++) {
      if (closes.get(i).date().equals(closes.get(i - 1).date())) {
        throw new IllegalArgumentException(source + ": two rows for " + closes.get(i).date());
      }
    }
    return List.copyOf(closes);
  }

  private static int column(List<String> columns, String name, String source) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    throw new IllegalArgumentException(source + ": no " + name + " column in " + columns);
  }

  private static String[] split(String line, String source, int lineNumber) {
    if (line.indexOf('"') >= 0) {
      throw new IllegalArgumentException(source + ":" + lineNumber + ": quoted fields are not supported: " + line);
    }
    return line.split(",", -1);
  }

  private static String stripBom(String header) {
    return header.startsWith("\uFEFF") ? header.substring(1) : header;
  }
}
