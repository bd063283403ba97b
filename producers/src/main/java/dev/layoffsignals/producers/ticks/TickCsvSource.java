package dev.layoffsignals.producers.ticks;

import dev.layoffsignals.producers.BadRecord;
import dev.layoffsignals.producers.CsvRowReader;
import dev.layoffsignals.producers.CsvRows;
import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.EventSource;
import dev.layoffsignals.producers.Fields;
import dev.layoffsignals.producers.InputStats;
import dev.layoffsignals.producers.NewYork;
import dev.layoffsignals.producers.Rejects;
import dev.layoffsignals.producers.Utf8Text;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import dev.layoffsignals.topics.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Stock ticks from a CSV file, whose columns are found by header name in any order (case, spaces
 * and underscores do not matter). Two layouts are recognised from the header:
 * <ul>
 *   <li><b>daily bars</b>, Yahoo's format: {@code Date, Open, High, Low, Close, Adj Close, Volume}
 *       (High, Low and Adj Close optional; the shipped files are {@code Date,Close,High,Low,Open,Volume}).
 *       Each bar becomes an OPEN tick at 09:30 and a CLOSE tick at 16:00 America/New_York, both
 *       carrying the day's volume. When an Adj Close column is present, the CLOSE tick takes the
 *       adjusted close and the OPEN tick the open scaled by the same factor (Adj Close / Close), so
 *       that returns are right across splits and dividends; without it (as in the shipped files,
 *       which are adjusted already) Open and Close are used as they are.</li>
 *   <li><b>intraday trades</b>: {@code symbol, timestamp, price, volume}; each row is a TRADE tick.
 *       Timestamps are ISO 8601 with an offset, epoch milliseconds, or a New York local time.</li>
 * </ul>
 * The symbol comes from a {@code Symbol} (or {@code Ticker}) column, else from the file name
 * ({@code META.csv} is META). A header that fits neither layout rejects the file at line 1.
 */
public final class TickCsvSource implements EventSource {

  /** The layouts a header can have. */
  public enum Layout { DAILY_BARS, TRADES, UNKNOWN }

  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9.^=\\-]{0,14}");

  private final CsvRowReader rows;
  private final InputStats stats;
  private final Layout layout;
  private final String fileSymbol;
  private int date = -1;
  private int open = -1;
  private int close = -1;
  private int adjClose = -1;
  private int high = -1;
  private int low = -1;
  private int volume = -1;
  private int symbol = -1;
  private int timestamp = -1;
  private int price = -1;
  private Event pending;

  /**
   * Reads the header; rows are parsed as {@link #next()} asks for them.
   *
   * @param file     name of the input in reports (and, for its stem, the default symbol); null-safe
   * @param reader   the CSV text
   * @param rejects  where malformed rows go
   */
  public TickCsvSource(String file, Reader reader, Rejects rejects) throws IOException {
    this.rows = new CsvRowReader(file, reader, rejects);
    this.stats = rows.stats();
    this.fileSymbol = symbolFromFileName(file);
    this.layout = readHeader();
  }

  /** Opens a CSV file. */
  public static TickCsvSource open(Path path, Rejects rejects) throws IOException {
    return new TickCsvSource(path.toString(), Utf8Text.reader(path), rejects);
  }

  /** The layout the header announced. */
  public Layout layout() {
    return layout;
  }

  @Override
  public InputStats stats() {
    return stats;
  }

  /** Trade files are expected in time order (the replay checks it); bar files are sorted by the replay. */
  @Override
  public boolean timeOrdered() {
    return layout == Layout.TRADES;
  }

  @Override
  public Event next() throws IOException {
    if (pending != null) {
      Event e = pending;
      pending = null;
      return e;
    }
    if (layout == Layout.UNKNOWN) {
      return null;
    }
    return rows.next(row -> layout == Layout.DAILY_BARS ? bar(row) : trade(row));
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }

  private Event bar(CsvRows.Row row) throws BadRecord {
    String[] f = row.fields();
    String sym = symbolOf(f);
    LocalDate day = Fields.date(f[date], "Date");
    double o = Fields.price(f[open], "Open");
    double c = Fields.price(f[close], "Close");
    if (adjClose >= 0) {
      double adj = Fields.price(f[adjClose], "Adj Close");
      o = o * (adj / c);
      c = adj;
    }
    if (high >= 0) {
      Fields.price(f[high], "High");   // not published, but a bar with a broken High is not trusted either
    }
    if (low >= 0) {
      Fields.price(f[low], "Low");
    }
    long vol = Fields.count(f[volume], "Volume");
    long openAt = NewYork.epochMillis(day, NewYork.OPEN);
    long closeAt = NewYork.epochMillis(day, NewYork.CLOSE);
    stats.countEvent();
    stats.countEvent();
    pending = event(new StockTick(sym, Instant.ofEpochMilli(closeAt), c, vol, TickKind.CLOSE), closeAt, row.line());
    return event(new StockTick(sym, Instant.ofEpochMilli(openAt), o, vol, TickKind.OPEN), openAt, row.line());
  }

  private Event trade(CsvRows.Row row) throws BadRecord {
    String[] f = row.fields();
    String sym = symbolOf(f);
    long at = Fields.eventTime(Fields.instant(f[timestamp], "timestamp"), "timestamp");
    double p = Fields.price(f[price], "price");
    long vol = Fields.count(f[volume], "volume");
    stats.countEvent();
    return event(new StockTick(sym, Instant.ofEpochMilli(at), p, vol, TickKind.TRADE), at, row.line());
  }

  private Event event(StockTick tick, long at, long line) {
    return new Event(Topics.STOCK_TICKS, tick.getSymbol(), tick, at, line, stats);
  }

  private String symbolOf(String[] f) throws BadRecord {
    if (symbol < 0) {
      return fileSymbol;
    }
    String s = f[symbol].trim().toUpperCase(Locale.ROOT);
    if (!SYMBOL.matcher(s).matches()) {
      throw new BadRecord(s.isEmpty() ? "missing symbol" : "bad symbol '" + f[symbol].trim() + "'");
    }
    return s;
  }

  private Layout readHeader() throws IOException {
    CsvRows.Row header = rows.readHeader();
    if (header == null) {
      return Layout.UNKNOWN;
    }
    symbol = rows.column("symbol", "ticker");
    if (rows.column("date") >= 0 && rows.column("open") >= 0 && rows.column("close") >= 0
        && rows.column("volume") >= 0) {
      date = rows.column("date");
      open = rows.column("open");
      close = rows.column("close");
      volume = rows.column("volume");
      adjClose = rows.column("adjclose");
      high = rows.column("high");
      low = rows.column("low");
      return checkSymbol(Layout.DAILY_BARS);
    }
    timestamp = rows.column("timestamp", "time", "datetime", "tradedat");
    price = rows.column("price");
    volume = rows.column("volume", "size", "quantity");
    if (timestamp >= 0 && price >= 0 && volume >= 0) {
      return checkSymbol(Layout.TRADES);
    }
    rows.rejectHeader("unknown column set [" + String.join(", ", header.fields())
        + "]; expected daily bars (Date, Open, Close, Volume; optional High, Low, Adj Close, Symbol)"
        + " or trades (symbol, timestamp, price, volume); file skipped");
    return Layout.UNKNOWN;
  }

  private Layout checkSymbol(Layout layout) {
    if (symbol < 0 && fileSymbol == null) {
      rows.rejectHeader("no Symbol column and the file name does not name a symbol"
          + " (name the file SYMBOL.csv or add a Symbol column); file skipped");
      return Layout.UNKNOWN;
    }
    return layout;
  }

  /** {@code data/prices/META.csv} is META; null when the stem is not a plausible symbol. */
  static String symbolFromFileName(String file) {
    if (file == null) {
      return null;
    }
    String name = Path.of(file).getFileName() == null ? file : Path.of(file).getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = (dot > 0 ? name.substring(0, dot) : name).toUpperCase(Locale.ROOT);
    return SYMBOL.matcher(stem).matches() ? stem : null;
  }
}
