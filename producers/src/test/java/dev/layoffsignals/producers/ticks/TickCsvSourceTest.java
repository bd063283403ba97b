package dev.layoffsignals.producers.ticks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.producers.BadInputException;
import dev.layoffsignals.producers.Drain;
import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.Rejection;
import dev.layoffsignals.producers.Rejects;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import dev.layoffsignals.topics.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TickCsvSourceTest {

  private static final String SHIPPED_HEADER = "Date,Close,High,Low,Open,Volume\n";

  private static List<Event> read(String file, String csv, Rejects rejects) throws IOException {
    return Drain.events(new TickCsvSource(file, new StringReader(csv), rejects));
  }

  private static StockTick tick(String symbol, String instant, double price, long volume, TickKind kind) {
    return new StockTick(symbol, Instant.parse(instant), price, volume, kind);
  }

  @Test
  @DisplayName("the shipped column order Date,Close,High,Low,Open,Volume: an OPEN at 09:30 and a CLOSE at 16:00 New York")
  void shippedColumnOrder() throws IOException {
    Rejects rejects = Rejects.collecting();
    List<Event> events = read("prices/META.csv", SHIPPED_HEADER
        + "2022-11-09,100.77,101.5,98.2,99.0,93000000\n", rejects);

    assertThat(rejects.rejections()).isEmpty();
    assertThat(events).extracting(Event::value).containsExactly(
        tick("META", "2022-11-09T14:30:00Z", 99.0, 93_000_000, TickKind.OPEN),     // 09:30 EST
        tick("META", "2022-11-09T21:00:00Z", 100.77, 93_000_000, TickKind.CLOSE)); // 16:00 EST
    assertThat(events).extracting(Event::key).containsExactly("META", "META");
    assertThat(events).extracting(Event::timestamp).containsExactly(
        Instant.parse("2022-11-09T14:30:00Z").toEpochMilli(), Instant.parse("2022-11-09T21:00:00Z").toEpochMilli());
    assertThat(events).extracting(Event::topic).containsOnly(Topics.STOCK_TICKS);
    assertThat(events).extracting(Event::line).containsExactly(2L, 2L);
  }

  @Test
  @DisplayName("Yahoo's order with Adj Close: the CLOSE is the adjusted close, the OPEN is scaled by the same factor")
  void adjClosePreferred() throws IOException {
    List<Event> events = read("x.csv", "Date,Open,High,Low,Close,Adj Close,Volume,Symbol\n"
        + "2024-01-02,200.0,210.0,195.0,208.0,104.0,1000,aapl\n", Rejects.collecting());

    assertThat(events).extracting(Event::value).containsExactly(
        tick("AAPL", "2024-01-02T14:30:00Z", 100.0, 1000, TickKind.OPEN),
        tick("AAPL", "2024-01-02T21:00:00Z", 104.0, 1000, TickKind.CLOSE));
  }

  @Test
  @DisplayName("header names match whatever their case, spaces or underscores, in any order")
  void headerVariants() throws IOException {
    List<Event> events = read("data.csv", "volume,ADJ_CLOSE,close,open,ticker,date\n"
        + "5,10.0,10.0,9.0,msft,2024-01-03\n", Rejects.collecting());

    assertThat(events).extracting(Event::value).containsExactly(
        tick("MSFT", "2024-01-03T14:30:00Z", 9.0, 5, TickKind.OPEN),
        tick("MSFT", "2024-01-03T21:00:00Z", 10.0, 5, TickKind.CLOSE));
  }

  @Test
  @DisplayName("New York conversion across the 2024 daylight-saving changes (2024-03-10 and 2024-11-03)")
  void daylightSavingChanges() throws IOException {
    List<Event> events = read("QQQ.csv", SHIPPED_HEADER
        + "2024-03-08,10,10,10,10,1\n"    // Friday before: EST, UTC-5
        + "2024-03-10,10,10,10,10,1\n"    // the change day itself (a Sunday; no session, but the conversion must hold)
        + "2024-03-11,10,10,10,10,1\n"    // Monday after: EDT, UTC-4
        + "2024-11-01,10,10,10,10,1\n"    // Friday before: EDT
        + "2024-11-03,10,10,10,10,1\n"    // the change day (Sunday)
        + "2024-11-04,10,10,10,10,1\n",   // Monday after: EST
        Rejects.collecting());

    assertThat(events).extracting(e -> Instant.ofEpochMilli(e.timestamp()).toString()).containsExactly(
        "2024-03-08T14:30:00Z", "2024-03-08T21:00:00Z",
        "2024-03-10T13:30:00Z", "2024-03-10T20:00:00Z",
        "2024-03-11T13:30:00Z", "2024-03-11T20:00:00Z",
        "2024-11-01T13:30:00Z", "2024-11-01T20:00:00Z",
        "2024-11-03T14:30:00Z", "2024-11-03T21:00:00Z",
        "2024-11-04T14:30:00Z", "2024-11-04T21:00:00Z");
  }

  @Test
  @DisplayName("intraday trades: ISO with offset, Z, epoch millis and New York local times, including DST gaps and overlaps")
  void intradayTrades() throws IOException {
    List<Event> events = read("trades.csv", "price,symbol,volume,timestamp\n"
        + "100.5,META,10,2024-03-11T13:30:00Z\n"
        + "100.6,META,20,2024-03-11T09:31:00-04:00\n"
        + "100.7,META,30,1710163920000\n"
        + "100.8,META,40,2024-03-11 09:33:00\n"
        + "100.9,META,50,2024-03-10 02:30\n"     // does not exist in New York: moved forward to 03:30 EDT
        + "101.0,META,60,2024-11-03 01:30\n",    // exists twice: the earlier (EDT) offset is taken
        Rejects.collecting());

    assertThat(events).extracting(Event::value).containsExactly(
        tick("META", "2024-03-11T13:30:00Z", 100.5, 10, TickKind.TRADE),
        tick("META", "2024-03-11T13:31:00Z", 100.6, 20, TickKind.TRADE),
        tick("META", "2024-03-11T13:32:00Z", 100.7, 30, TickKind.TRADE),
        tick("META", "2024-03-11T13:33:00Z", 100.8, 40, TickKind.TRADE),
        tick("META", "2024-03-10T07:30:00Z", 100.9, 50, TickKind.TRADE),
        tick("META", "2024-11-03T05:30:00Z", 101.0, 60, TickKind.TRADE));
  }

  static Stream<Arguments> badBarLines() {
    return Stream.of(
        Arguments.of("2024-13-01,10,10,10,10,1", "bad date '2024-13-01' in Date (expected YYYY-MM-DD or M/D/YYYY)"),
        Arguments.of("yesterday,10,10,10,10,1", "bad date 'yesterday' in Date (expected YYYY-MM-DD or M/D/YYYY)"),
        Arguments.of("2024-01-02,,10,10,10,1", "missing Close"),
        Arguments.of("2024-01-02,null,10,10,10,1", "missing Close"),
        Arguments.of("2024-01-02,-3.5,10,10,10,1", "negative price -3.5 in Close"),
        Arguments.of("2024-01-02,10,10,10,NaN,1", "NaN price in Open"),
        Arguments.of("2024-01-02,10,10,10,0,1", "zero price in Open"),
        Arguments.of("2024-01-02,10,nan,10,10,1", "NaN price in High"),
        Arguments.of("2024-01-02,10,10,-9,10,1", "negative price -9 in Low"),
        Arguments.of("2024-01-02,10,10,10,abc,1", "not a number 'abc' in Open"),
        Arguments.of("2024-01-02,10,10,10,Infinity,1", "not a number 'Infinity' in Open"),
        Arguments.of("2024-01-02,10,10,10,10,-5", "negative Volume -5"),
        Arguments.of("2024-01-02,10,10,10,10,1.5", "not a whole number '1.5' in Volume"),
        Arguments.of("2024-01-02,10,10,10,10", "expected 6 fields, found 5"),
        Arguments.of("2024-01-02,10,10,10,10,1,7", "expected 6 fields, found 7"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badBarLines")
  @DisplayName("a bad daily bar is rejected with file, line and reason, and the next line is still read")
  void badBarLine(String line, String reason) throws IOException {
    Rejects rejects = Rejects.collecting();
    List<Event> events = read("prices/META.csv", SHIPPED_HEADER
        + "2024-01-02,10,10,10,10,1\n"
        + line + "\n"
        + "2024-01-04,11,11,11,11,2\n", rejects);

    assertThat(rejects.rejections()).containsExactly(new Rejection("prices/META.csv", 3, reason, line));
    assertThat(rejects.rejections().get(0).describe()).isEqualTo("prices/META.csv:3: " + reason);
    assertThat(events).hasSize(4);
    assertThat(events.get(3).line()).isEqualTo(4);
  }

  static Stream<Arguments> badTradeLines() {
    return Stream.of(
        Arguments.of(",2024-03-11T13:30:00Z,10,1", "missing symbol"),
        Arguments.of("META,11/03/2024 9:30,10,1", "bad timestamp '11/03/2024 9:30' in timestamp"
            + " (expected ISO 8601 with offset, epoch milliseconds, or YYYY-MM-DD HH:MM[:SS] New York time)"),
        Arguments.of("META,2024-03-11T13:30:00Z,-1,1", "negative price -1 in price"),
        Arguments.of("META,2024-03-11T13:30:00Z,nan,1", "NaN price in price"),
        Arguments.of("META,2024-03-11T13:30:00Z,10,", "missing volume"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badTradeLines")
  void badTradeLine(String line, String reason) throws IOException {
    Rejects rejects = Rejects.collecting();
    List<Event> events = read("t.csv", "symbol,timestamp,price,volume\n" + line + "\n", rejects);

    assertThat(events).isEmpty();
    assertThat(rejects.rejections()).containsExactly(new Rejection("t.csv", 2, reason, line));
  }

  @Test
  @DisplayName("an unknown column set rejects the file at line 1 and yields nothing")
  void unknownColumns() throws IOException {
    Rejects rejects = Rejects.collecting();
    List<Event> events = read("odd.csv", "when,what\n2024-01-02,10\n", rejects);

    assertThat(events).isEmpty();
    assertThat(rejects.rejections()).extracting(Rejection::describe).containsExactly(
        "odd.csv:1: unknown column set [when, what]; expected daily bars (Date, Open, Close, Volume;"
            + " optional High, Low, Adj Close, Symbol) or trades (symbol, timestamp, price, volume); file skipped");
  }

  @Test
  @DisplayName("without a Symbol column the file name must name the symbol")
  void symbolFromFileName() {
    assertThat(TickCsvSource.symbolFromFileName("data/historical/prices/GOOGL.csv")).isEqualTo("GOOGL");
    assertThat(TickCsvSource.symbolFromFileName("brk.b.csv")).isEqualTo("BRK.B");
    assertThat(TickCsvSource.symbolFromFileName("my prices.csv")).isNull();
    assertThat(TickCsvSource.symbolFromFileName("<stdin>")).isNull();
  }

  @Test
  @DisplayName("an unclosed quote is reported at its line and ends the file")
  void unclosedQuote() throws IOException {
    Rejects rejects = Rejects.collecting();
    List<Event> events = read("q.csv", "symbol,timestamp,price,volume\n"
        + "META,2024-03-11T13:30:00Z,10,1\n"
        + "\"META,2024-03-11T13:31:00Z,10,1\n", rejects);

    assertThat(events).hasSize(1);
    assertThat(rejects.rejections()).hasSize(1);
    assertThat(rejects.rejections().get(0).file()).isEqualTo("q.csv");
    assertThat(rejects.rejections().get(0).reason()).startsWith("malformed CSV").endsWith("(rest of the file skipped)");
  }

  @Test
  @DisplayName("--strict: the first bad line is fatal, naming file and line")
  void strict() {
    assertThatThrownBy(() -> read("prices/META.csv", SHIPPED_HEADER
        + "2024-01-02,10,10,10,10,1\n"
        + "2024-01-03,-1,10,10,10,1\n", Rejects.strictCollecting()))
        .isInstanceOf(BadInputException.class)
        .hasMessage("prices/META.csv:3: negative price -1 in Close (--strict: stopping at the first bad record)");
  }
}
