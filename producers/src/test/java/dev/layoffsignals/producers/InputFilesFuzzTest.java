package dev.layoffsignals.producers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.producers.layoffs.LayoffsFyiSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Generated input files for the producing commands, from a fixed seed: daily bars, trades,
 * layoffs.fyi rows and JSON-lines articles, {@value #LINES} lines each, good lines mixed with every
 * kind of bad one (garbage, wrong field counts, bad and impossible dates, missing,
 * negative, zero, NaN and infinite prices, bad volumes and headcounts, fractions out of range, bytes
 * that are not UTF-8, JSON that is not an object or misses fields, an article too large to
 * publish), with a byte-order mark, CRLF line ends and blank lines here and there; then empty files
 * and other odd ones.
 *
 * <p>For each command, against a MockProducer and an in-memory registry (as {@link CommandsTest}):
 * exit code 0; every bad line in the rejects file with its file, line number and exact reason, in
 * order; every good line published with its key and event time, in order; and the counts balance:
 * lines = good + rejected + blank, where the good ones are exactly what was published (a bar is two
 * ticks) and blank lines are skipped uncounted, as the summary says. With {@code --strict}: exit 2,
 * the first bad line named on stderr with its reason, and nothing after it published.
 */
class InputFilesFuzzTest {

  static final long SEED = 0x5EED_2026_11L;
  static final int LINES = 500;
  private static final String REGISTRY = "mock://producers-input-fuzz";
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final String UNPARSEABLE = "unparseable JSON: ";

  @TempDir
  Path dir;

  private StringWriter out;
  private StringWriter err;
  private MockProducer<byte[], byte[]> producer;

  /** One generated line and what must become of it. */
  record Line(byte[] bytes, String kind, String reason, boolean reasonIsPrefix, List<Published> published) {
    boolean blank() {
      return reason == null && published.isEmpty();
    }

    boolean good() {
      return reason == null && !published.isEmpty();
    }
  }

  /** A record a good line must publish. */
  record Published(String topic, String key, long timestamp) {
  }

  /** A generated file: its lines after the header, numbered from {@code firstLine}. */
  record Generated(Path path, int firstLine, List<Line> lines) {
    long count(java.util.function.Predicate<Line> p) {
      return lines.stream().filter(p).count();
    }

    int lineOf(int index) {
      return firstLine + index;
    }

    List<Published> published() {
      return lines.stream().flatMap(l -> l.published().stream()).toList();
    }
  }

  @BeforeEach
  void reset() {
    out = new StringWriter();
    err = new StringWriter();
    producer = new MockProducer<>(HeartbeatCluster.withPartitions(6), true, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private int run(PublishingCommand command, String... args) {
    command.producerFactory = config -> producer;
    command.environment = Map.of();
    command.stdin = new ByteArrayInputStream(new byte[0]);
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("--schema-registry-url", REGISTRY, "--no-progress"));
    all.addAll(List.of(args));
    return cl.execute(all.toArray(String[]::new));
  }

  @Test
  @DisplayName("produce-ticks, import-layoffs, produce-articles and replay on generated files: every bad line rejected with"
      + " its line and reason, every good one published, lines = published + rejected + blank")
  void generatedFiles() throws Exception {
    Generator g = new Generator(new Random(SEED));
    Generated bars = g.bars(dir.resolve("FZB.csv"));
    Generated trades = g.trades(dir.resolve("trades.csv"));
    Generated layoffs = g.layoffs(dir.resolve("layoffs.csv"));
    Generated articles = g.articles(dir.resolve("articles.jsonl"));
    String context = "seed " + SEED + ", kinds " + g.kinds;

    assertRun(new ProduceTicksCommand(), List.of(bars, trades), context);
    assertRun(new ImportLayoffsCommand(), List.of(layoffs), context);
    assertRun(new ProduceArticlesCommand(), List.of(articles), context);

    // replay reads every input first, then publishes in event-time order
    reset();
    Path rejects = dir.resolve("replay-rejects.tsv");
    int exit = run(new ReplayCommand(), "--no-heartbeat", "--rejects", rejects.toString(), "--articles", articles.path().toString(),
        "--ticks", bars.path().toString(), "--layoffs", layoffs.path().toString());
    assertThat(exit).as("replay exit code (%s); stderr: %s", context, err).isZero();
    List<Generated> inputs = List.of(articles, bars, layoffs);
    // parsing rejects in input order; a record too large to publish is refused later, when its turn comes
    assertRejects(rejects, expectedRejects(inputs), false, "replay (" + context + ")");
    List<Published> expected = new ArrayList<>(inputs.stream().flatMap(i -> i.published().stream()).toList());
    assertThat(published()).as("replay: every good line published once, in event-time order (%s)", context)
        .extracting(Published::timestamp).isSorted();
    assertThat(published()).as(context).containsExactlyInAnyOrderElementsOf(expected);
    for (Generated input : inputs) {
      assertSummary(input, context);
    }
  }

  @Test
  @DisplayName("--strict stops at the first bad line with exit 2, naming file, line and reason; nothing after it is published")
  void strict() throws Exception {
    Generator g = new Generator(new Random(SEED + 1));
    List<Generated> files = List.of(g.bars(dir.resolve("FZB.csv")), g.layoffs(dir.resolve("layoffs.csv")),
        g.articles(dir.resolve("articles.jsonl")));
    List<PublishingCommand> commands = List.of(new ProduceTicksCommand(), new ImportLayoffsCommand(), new ProduceArticlesCommand());
    for (int i = 0; i < files.size(); i++) {
      Generated file = files.get(i);
      reset();
      Path rejects = dir.resolve("strict-" + i + ".tsv");
      int exit = run(commands.get(i), "--strict", "--rejects", rejects.toString(), file.path().toString());

      int first = 0;
      while (file.lines().get(first).reason() == null) {
        first++;
      }
      Line bad = file.lines().get(first);
      String where = file.path() + ":" + file.lineOf(first) + ": ";
      String context = "seed " + (SEED + 1) + ", " + where + bad.kind();
      assertThat(exit).as(context).isEqualTo(2);
      assertThat(err.toString()).as(context).contains("error: " + where + (bad.reasonIsPrefix() ? bad.reason() : bad.reason()
          + " (--strict: stopping at the first bad record)"));
      assertRejects(rejects, List.of(new Expected(file.path(), file.lineOf(first), bad)), true, context);
      assertThat(published()).as("the good lines before it, and nothing after (%s)", context)
          .containsExactlyElementsOf(file.lines().subList(0, first).stream().flatMap(l -> l.published().stream()).toList());
    }
  }

  @Test
  @DisplayName("odd files: empty, a byte-order mark alone, a header alone, an unclosed quote, not UTF-8, a feed with an"
      + " impossible date: rejected with a reason or read as empty, never a crash")
  void oddFiles() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Path empty = Files.write(dir.resolve("EMPTY.csv"), new byte[0]);
    Path bomOnly = Files.write(dir.resolve("BOM.csv"), bom);
    Path headerOnly = Files.writeString(dir.resolve("HDR.csv"), "Date,Close,High,Low,Open,Volume\r\n");
    Path unclosed = Files.writeString(dir.resolve("QUOTE.csv"), "Date,Close,High,Low,Open,Volume\n"
        + "2022-11-08,96.47,97.7,94.6,96.0,30000000\n\"2022-11-09,1,2\n2022-11-10,111.87,112.0,104.0,105.0,80000000\n");

    assertThat(run(new ProduceTicksCommand(), "--rejects", dir.resolve("odd.tsv").toString(), empty.toString(), bomOnly.toString(),
        headerOnly.toString(), unclosed.toString())).as("stderr: %s", err).isZero();
    assertThat(rejectRows(dir.resolve("odd.tsv"))).containsExactly(
        bomOnly + "\t1\tunknown column set []; expected daily bars (Date, Open, Close, Volume; optional High, Low, Adj Close,"
            + " Symbol) or trades (symbol, timestamp, price, volume); file skipped",
        unclosed + "\t3\tmalformed CSV: Missing closing quote for value (rest of the file skipped)");
    assertThat(published()).extracting(Published::timestamp).containsExactly(
        Instant.parse("2022-11-08T14:30:00Z").toEpochMilli(), Instant.parse("2022-11-08T21:00:00Z").toEpochMilli());
    assertThat(out.toString())
        .containsPattern(summary(empty, 0, 0, 0, 0))
        .containsPattern(summary(bomOnly, 1, 1, 0, 0))
        .containsPattern(summary(headerOnly, 0, 0, 0, 0))
        .as("the unclosed quote takes the rest of the file with it: one record").containsPattern(summary(unclosed, 2, 1, 2, 2));

    reset();
    Path emptyJsonl = Files.write(dir.resolve("empty.jsonl"), new byte[0]);
    Path badJson = Files.write(dir.resolve("bad.json"), concat(
        "[{\"id\":\"a\",\"title\":\"x".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff},
        "\",\"published_at\":\"2023-01-18T12:00:00Z\"}]".getBytes(StandardCharsets.UTF_8)));
    Path badTxt = Files.write(dir.resolve("bad.txt"), concat(
        "Title: x\nPublished: 2023-01-18T12:00:00Z\n\nhello\n".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, '\n'}));
    Path feed = Files.writeString(dir.resolve("feed.rss"), "<rss version=\"2.0\"><channel><title>T</title>"
        + "<item><title>a</title><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate><guid>g1</guid></item>\n"
        + "<item><title>b <script>alert(1)</script></title><pubDate>Wed, 09 Nov 2022 12:05:00 GMT</pubDate><guid>g2</guid></item>"
        + "</channel></rss>");
    Path bomJsonl = Files.write(dir.resolve("bom.jsonl"), concat(bom,
        "{\"id\":\"b1\",\"published_at\":\"2023-01-18T12:00:00Z\",\"title\":\"\\ud83d\\ude00 emoji\"}\r\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(run(new ProduceArticlesCommand(), "--rejects", dir.resolve("odd-articles.tsv").toString(), emptyJsonl.toString(),
        badJson.toString(), badTxt.toString(), feed.toString(), bomJsonl.toString())).as("stderr: %s", err).isZero();
    assertThat(rejectRows(dir.resolve("odd-articles.tsv"))).containsExactly(
        badJson + "\t1\tunparseable JSON: Invalid UTF-8 start byte 0xff",
        badTxt + "\t5\tnot UTF-8 text: an invalid byte sequence on line 5",
        feed + "\t1\tpublication date 1970-01-01T00:00:00Z is outside 1990-01-01T00:00:00Z .. 2100-01-01T00:00:00Z");
    assertThat(published()).extracting(Published::key).containsExactly("g2", "b1");
  }

  // ---- assertions

  private void assertRun(PublishingCommand command, List<Generated> inputs, String context) throws Exception {
    reset();
    Path rejects = dir.resolve(command.getClass().getSimpleName() + "-rejects.tsv");
    List<String> args = new ArrayList<>(List.of("--rejects", rejects.toString()));
    inputs.forEach(i -> args.add(i.path().toString()));
    int exit = run(command, args.toArray(String[]::new));

    assertThat(exit).as("exit code (%s); stderr: %s", context, err).isZero();
    assertRejects(rejects, expectedRejects(inputs), true, command.getClass().getSimpleName() + " (" + context + ")");
    assertThat(published()).as("published, in file order (%s)", context)
        .containsExactlyElementsOf(inputs.stream().flatMap(i -> i.published().stream()).toList());
    for (Generated input : inputs) {
      assertSummary(input, context);
    }
  }

  /** The summary row of an input, and the balance: lines = good + rejected + blank, good = what was published. */
  private void assertSummary(Generated input, String context) {
    long good = input.count(Line::good);
    long rejected = input.count(l -> l.reason() != null);
    long blank = input.count(Line::blank);
    long events = input.published().size();
    assertThat(good + rejected + blank).as("every line is good, bad or blank (%s)", context).isEqualTo(input.lines().size());
    assertThat(out.toString()).as("summary of %s (%s)", input.path(), context)
        .containsPattern(summary(input.path(), good + rejected, rejected, events, events));
  }

  private static Pattern summary(Path input, long read, long rejected, long events, long published) {
    return Pattern.compile("(?m)^" + Pattern.quote(input.toString()) + " +" + read + " +" + rejected + " +" + events + " +0 +"
        + published + " +0$");
  }

  /** A rejection the rejects file must hold: file, line, and the reason (or its start). */
  record Expected(Path file, int line, Line what) {
    boolean matches(String row) {
      String start = file + "\t" + line + "\t" + what.reason();
      return what.reasonIsPrefix() ? row.startsWith(start) : row.equals(start);
    }
  }

  private static List<Expected> expectedRejects(List<Generated> inputs) {
    List<Expected> out = new ArrayList<>();
    for (Generated input : inputs) {
      for (int i = 0; i < input.lines().size(); i++) {
        if (input.lines().get(i).reason() != null) {
          out.add(new Expected(input.path(), input.lineOf(i), input.lines().get(i)));
        }
      }
    }
    return out;
  }

  /** The rows of the rejects file (without the record column) are the expected ones, in order or in any order. */
  private static void assertRejects(Path rejects, List<Expected> expected, boolean inOrder, String context) throws Exception {
    List<String> rows = new ArrayList<>(rejectRows(rejects));
    assertThat(rows).as("rejections (%s)", context).hasSameSizeAs(expected);
    for (Expected e : expected) {
      int at = inOrder ? 0 : rows.indexOf(rows.stream().filter(e::matches).findFirst().orElse(null));
      assertThat(at).as("%s:%d (%s) is rejected with '%s' (%s)", e.file(), e.line(), e.what().kind(), e.what().reason(), context)
          .isGreaterThanOrEqualTo(0);
      assertThat(e.matches(rows.get(at))).as("%s:%d (%s): expected '%s', got '%s' (%s)", e.file(), e.line(), e.what().kind(),
          e.what().reason(), rows.get(at), context).isTrue();
      rows.remove(at);
    }
  }

  /** The rows of a rejects file, each without its record column: {@code file<TAB>line<TAB>reason}. */
  private static List<String> rejectRows(Path rejects) throws Exception {
    List<String> rows = Files.readAllLines(rejects, StandardCharsets.UTF_8);
    assertThat(rows.get(0)).isEqualTo("file\tline\treason\trecord");
    List<String> out = new ArrayList<>();
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split("\t", -1);
      assertThat(f).as("a rejects row has 4 columns: %s", row).hasSize(4);
      out.add(f[0] + "\t" + f[1] + "\t" + f[2]);
    }
    return out;
  }

  private List<Published> published() {
    List<Published> out = new ArrayList<>();
    for (ProducerRecord<byte[], byte[]> r : producer.history()) {
      out.add(new Published(r.topic(), r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.timestamp()));
    }
    return out;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  /** Writes the files, line by line, each good or bad on purpose, from one seeded random source. */
  static final class Generator {

    private static final byte[] NOT_UTF8 = {(byte) 0xFF, (byte) 0xC3, (byte) 0x28};
    private static final String SCRIPT = "<script>alert(1)</script>";
    final Map<String, Integer> kinds = new TreeMap<>();
    private final Random random;
    private LocalDate day = LocalDate.of(2022, 1, 3);

    Generator(Random random) {
      this.random = random;
    }

    // ---- daily bars: Date,Close,High,Low,Open,Volume; symbol from the file name

    Generated bars(Path path) throws Exception {
      String symbol = path.getFileName().toString().replace(".csv", "");
      return write(path, "Date,Close,High,Low,Open,Volume", () -> {
        LocalDate d = nextWeekday();
        String[] f = {d.toString(), price(), price(), price(), price(), Integer.toString(random.nextInt(90_000_000))};
        List<Published> ticks = List.of(
            new Published("stock-ticks", symbol, ZonedDateTime.of(d, LocalTime.of(9, 30), NEW_YORK).toInstant().toEpochMilli()),
            new Published("stock-ticks", symbol, ZonedDateTime.of(d, LocalTime.of(16, 0), NEW_YORK).toInstant().toEpochMilli()));
        switch (random.nextInt(22)) {
          case 0 -> {
            f[0] = pick("2022-13-01", "2022-02-30", "yesterday", "13/45/2022", "2022/11/09");
            return bad(csv(f), "bad date", "bad date '" + f[0] + "' in Date (expected YYYY-MM-DD or M/D/YYYY)");
          }
          case 1 -> {
            f[0] = pick("1900-01-02", "0001-01-01", "2100-01-01", "1989-12-29", "9999-12-31");
            return bad(csv(f), "impossible date", "date " + LocalDate.parse(f[0]) + " in Date is outside 1990-01-01 .. 2099-12-31");
          }
          case 2 -> {
            f[0] = pick("1/2/1900", "12/31/2100");
            LocalDate parsed = f[0].equals("1/2/1900") ? LocalDate.of(1900, 1, 2) : LocalDate.of(2100, 12, 31);
            return bad(csv(f), "impossible date", "date " + parsed + " in Date is outside 1990-01-01 .. 2099-12-31");
          }
          case 3 -> {
            f[1] = pick("", "null", "n/a");
            return bad(csv(f), "missing price", "missing Close");
          }
          case 4 -> {
            f[1] = pick("-1.5", "-0.01", "-100");
            return bad(csv(f), "negative price", "negative price " + f[1] + " in Close");
          }
          case 5 -> {
            f[4] = pick("NaN", "nan");
            return bad(csv(f), "NaN price", "NaN price in Open");
          }
          case 6 -> {
            f[1] = pick("Infinity", "inf", "12,5".replace(",", "x"));
            return bad(csv(f), "not a number", "not a number '" + f[1] + "' in Close");
          }
          case 7 -> {
            f[1] = pick("1e400", "-1e400");
            return bad(csv(f), "infinite price", "not a finite price '" + f[1] + "' in Close");
          }
          case 8 -> {
            f[1] = pick("0", "0.0", "-0");
            return bad(csv(f), "zero price", "zero price in Close");
          }
          case 9 -> {
            f[5] = pick("-5", "1.5", "lots", "1e30");
            String reason = f[5].equals("-5") ? "negative Volume -5" : f[5].equals("lots") ? "not a number 'lots' in Volume"
                : "not a whole number '" + f[5] + "' in Volume";
            return bad(csv(f), "bad volume", reason);
          }
          case 10 -> {
            String[] fewer = java.util.Arrays.copyOf(f, 5);
            return bad(csv(fewer), "field count", "expected 6 fields, found 5");
          }
          case 11 -> {
            return bad((garbage() + ";" + garbage()).getBytes(StandardCharsets.UTF_8), "garbage", "expected 6 fields, found 1");
          }
          case 12 -> {
            return bad(concat(csv(f), ",x".getBytes(StandardCharsets.UTF_8)), "field count", "expected 6 fields, found 7");
          }
          case 13 -> {
            byte[] line = concat(NOT_UTF8, csv(f));
            return bad(line, "not UTF-8", "not UTF-8 text: an invalid byte sequence in field 1");
          }
          case 14 -> {
            return blank();
          }
          default -> {
            return good(csv(f), "good", ticks);
          }
        }
      });
    }

    // ---- trades: symbol,timestamp,price,volume

    Generated trades(Path path) throws Exception {
      return write(path, "symbol,timestamp,price,volume", () -> {
        LocalDateTime at = nextWeekday().atTime(9, 30).plusMinutes(random.nextInt(390)).plusSeconds(random.nextInt(60));
        long millis = at.atZone(NEW_YORK).toInstant().toEpochMilli();
        String timestamp = switch (random.nextInt(4)) {
          case 0 -> Instant.ofEpochMilli(millis).toString();
          case 1 -> at.atZone(NEW_YORK).toOffsetDateTime().toString();
          case 2 -> Long.toString(millis);
          default -> at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        };
        String symbol = pick("MSFT", "msft", "BRK.B", "META");
        String[] f = {symbol, timestamp, price(), Integer.toString(random.nextInt(10_000))};
        List<Published> tick = List.of(new Published("stock-ticks", symbol.toUpperCase(java.util.Locale.ROOT), millis));
        switch (random.nextInt(16)) {
          case 0 -> {
            f[0] = pick("ME TA", "$$$", SCRIPT);
            return bad(csv(f), "bad symbol", "bad symbol '" + f[0] + "'");
          }
          case 1 -> {
            f[0] = "";
            return bad(csv(f), "bad symbol", "missing symbol");
          }
          case 2 -> {
            f[1] = pick("not-a-time", "2023-02-30T10:00:00Z", "2023-01-18T12:00:00+25:00", "-5");
            return bad(csv(f), "bad timestamp", "bad timestamp '" + f[1] + "' in timestamp (expected ISO 8601 with offset,"
                + " epoch milliseconds, or YYYY-MM-DD HH:MM[:SS] New York time)");
          }
          case 3 -> {
            f[1] = pick("0", "1970-01-01T00:00:00Z", "2150-01-01T00:00:00Z", "9223372036854775807");
            long t = f[1].chars().allMatch(Character::isDigit) ? Long.parseLong(f[1]) : Instant.parse(f[1]).toEpochMilli();
            return bad(csv(f), "impossible date", "timestamp " + Instant.ofEpochMilli(t)
                + " is outside 1990-01-01T00:00:00Z .. 2100-01-01T00:00:00Z");
          }
          case 4 -> {
            f[2] = pick("NaN", "-3", "0");
            String reason = f[2].equals("NaN") ? "NaN price in price" : f[2].equals("-3") ? "negative price -3 in price"
                : "zero price in price";
            return bad(csv(f), "bad price", reason);
          }
          case 5 -> {
            f[3] = "-1";
            return bad(csv(f), "bad volume", "negative volume -1");
          }
          case 6 -> {
            return blank();
          }
          default -> {
            return good(csv(f), "good", tick);
          }
        }
      });
    }

    // ---- layoffs.fyi: company,location,total_laid_off,date,percentage_laid_off,industry,source

    Generated layoffs(Path path) throws Exception {
      return write(path, "company,location,total_laid_off,date,percentage_laid_off,industry,source", () -> {
        LocalDate d = nextDay();
        String company = pick("Meta", "Amazon", "Acme, Inc.", "Société Générale", SCRIPT + " Corp", "Zyx Robotics");
        String total = pick("", "16000.0", Integer.toString(1 + random.nextInt(20_000)), "300");
        String date = random.nextBoolean() ? d.toString() : d.getMonthValue() + "/" + d.getDayOfMonth() + "/" + d.getYear();
        String pct = pick("", "0.13", "1", "0", "0.5");
        String url = pick("", "https://news.example.com/" + random.nextInt(1000), "javascript:alert(1)");
        String[] f = {company, pick("SF", "Bengaluru,Non-U.S."), total, date, pct, pick("Tech", ""), url};
        Integer headcount = total.isEmpty() ? null : (int) Double.parseDouble(total);
        String id = LayoffsFyiSource.recordId(company, d, headcount, url.isEmpty() ? null : url);
        List<Published> record = List.of(new Published("layoff-records", id, d.atStartOfDay(NEW_YORK).toInstant().toEpochMilli()));
        switch (random.nextInt(18)) {
          case 0 -> {
            f[0] = pick("", "  ");
            return bad(csv(f), "missing company", "missing company");
          }
          case 1 -> {
            f[3] = pick("2022-13-01", "31/31/2022", "soon");
            return bad(csv(f), "bad date", "bad date '" + f[3] + "' in date (expected YYYY-MM-DD or M/D/YYYY)");
          }
          case 2 -> {
            f[3] = pick("1/1/1900", "2150-06-01");
            LocalDate parsed = f[3].contains("/") ? LocalDate.of(1900, 1, 1) : LocalDate.parse(f[3]);
            return bad(csv(f), "impossible date", "date " + parsed + " in date is outside 1990-01-01 .. 2099-12-31");
          }
          case 3 -> {
            f[2] = pick("abc", "-5", "1.5", "99999999999");
            String reason = switch (f[2]) {
              case "abc" -> "not a number 'abc' in total_laid_off";
              case "-5" -> "negative total_laid_off -5";
              case "1.5" -> "not a whole number '1.5' in total_laid_off";
              default -> "total_laid_off 99999999999 is out of range";
            };
            return bad(csv(f), "bad headcount", reason);
          }
          case 4 -> {
            f[4] = pick("1.3", "-0.1", "13");
            return bad(csv(f), "bad fraction", "percentage_laid_off " + f[4] + " is not a fraction between 0 and 1");
          }
          case 5 -> {
            f[4] = "NaN";
            return bad(csv(f), "bad fraction", "not a number 'NaN' in percentage_laid_off");
          }
          case 6 -> {
            return bad(csv(java.util.Arrays.copyOf(f, 4)), "field count", "expected 7 fields, found 4");
          }
          case 7 -> {
            byte[] line = concat("\"Me".getBytes(StandardCharsets.UTF_8), NOT_UTF8, "ta\",".getBytes(StandardCharsets.UTF_8),
                csv(java.util.Arrays.copyOfRange(f, 1, 7)));
            return bad(line, "not UTF-8", "not UTF-8 text: an invalid byte sequence in field 1");
          }
          case 8 -> {
            return blank();
          }
          default -> {
            return good(csv(f), company.contains("<") ? "html in name" : "good", record);
          }
        }
      });
    }

    // ---- articles: JSON lines

    private int bigArticles;

    Generated articles(Path path) throws Exception {
      return write(path, null, () -> {
        int n = random.nextInt(1_000_000);
        Instant at = nextDay().atTime(LocalTime.of(random.nextInt(24), random.nextInt(60))).atZone(NEW_YORK).toInstant();
        String id = "fz-" + n + "-" + kinds.values().stream().mapToInt(Integer::intValue).sum();
        String title = pick("Meta to cut 11,000 jobs", SCRIPT + " Amazon lays off 18,000", "Ünïcödé 😀 news", "");
        String body = pick("", "Meta will cut 11,000 jobs.", "<img src=x onerror=alert(2)> text");
        if (title.isEmpty() && body.isEmpty()) {
          body = "text";
        }
        String good = "{\"id\":" + json(id) + ",\"published_at\":" + json(at.toString()) + ",\"title\":" + json(title)
            + ",\"body\":" + json(body) + ",\"lang\":\"en\"}";
        List<Published> article = List.of(new Published("articles", id, at.toEpochMilli()));
        switch (random.nextInt(24)) {
          case 0 -> {
            return bad((garbage() + "{").getBytes(StandardCharsets.UTF_8), "garbage", UNPARSEABLE, true);
          }
          case 1 -> {
            return bad(good.substring(0, 1 + random.nextInt(good.length() - 2)).getBytes(StandardCharsets.UTF_8), "truncated JSON",
                UNPARSEABLE, true);
          }
          case 2 -> {
            return bad(pick("[1,2]", "null", "42", "\"text\"").getBytes(StandardCharsets.UTF_8), "not an object",
                "expected a JSON object");
          }
          case 3 -> {
            return bad(("{\"id\":" + json(id) + ",\"published_at\":" + json(at.toString()) + "}").getBytes(StandardCharsets.UTF_8),
                "no text", "no title and no body");
          }
          case 4 -> {
            return bad(("{\"id\":" + json(id) + ",\"title\":\"x\"}").getBytes(StandardCharsets.UTF_8), "no date", "missing published_at");
          }
          case 5 -> {
            String when = pick("soon", "2022-11-31T10:00:00Z", "11/09/2022");
            return bad(("{\"title\":\"x\",\"published_at\":" + json(when) + "}").getBytes(StandardCharsets.UTF_8), "bad date",
                "bad published_at '" + when + "' (expected ISO 8601, e.g. 2022-11-09T12:05:00Z)");
          }
          case 6 -> {
            String when = pick("\"1970-01-01T00:00:00Z\"", "0", "\"2150-01-01T00:00:00Z\"");
            Instant t = when.equals("0") ? Instant.EPOCH : Instant.parse(when.replace("\"", ""));
            return bad(("{\"title\":\"x\",\"published_at\":" + when + "}").getBytes(StandardCharsets.UTF_8), "impossible date",
                "published_at " + t + " is outside 1990-01-01T00:00:00Z .. 2100-01-01T00:00:00Z");
          }
          case 7 -> {
            String start = "{\"id\":\"x\",\"title\":\"";
            byte[] line = concat(start.getBytes(StandardCharsets.UTF_8), NOT_UTF8,
                ("\",\"published_at\":" + json(at.toString()) + "}").getBytes(StandardCharsets.UTF_8));
            return bad(line, "not UTF-8", "not UTF-8 text: an invalid byte sequence at column " + (start.length() + 1));
          }
          case 8 -> {
            return bad(("\u0000\u0001" + garbage()).getBytes(StandardCharsets.UTF_8), "control characters", UNPARSEABLE, true);
          }
          case 9 -> {
            if (bigArticles++ >= 2) {
              return blank();
            }
            // valid, but 2 MB: more than the producer's max.request.size (1 MB by default)
            String huge = "{\"id\":" + json(id) + ",\"published_at\":" + json(at.toString()) + ",\"title\":\"big\",\"body\":\""
                + "word ".repeat(400_000) + "\"}";
            return bad(huge.getBytes(StandardCharsets.UTF_8), "too large", "too large to publish: key and value take", true);
          }
          case 10, 11 -> {
            return blank();
          }
          default -> {
            return good(good.getBytes(StandardCharsets.UTF_8), title.contains("<") || body.contains("<") ? "html in text"
                : body.isEmpty() ? "empty body" : "good", article);
          }
        }
      });
    }

    // ---- writing

    private Generated write(Path path, String header, java.util.function.Supplier<Line> next) throws Exception {
      boolean bom = random.nextBoolean();
      String eol = random.nextBoolean() ? "\r\n" : "\n";
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      if (bom) {
        file.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      if (header != null) {
        file.writeBytes((header + eol).getBytes(StandardCharsets.UTF_8));
      }
      List<Line> lines = new ArrayList<>();
      for (int i = 0; i < LINES; i++) {
        Line l = next.get();
        if (i == 0 && header == null && (l.blank() || l.reason() != null)) {
          i--; // JSON lines without a header: start with a good line after the mark, so the mark is on a record
          continue;
        }
        lines.add(l);
        kinds.merge(l.kind(), 1, Integer::sum);
        file.writeBytes(l.bytes());
        file.writeBytes(eol.getBytes(StandardCharsets.UTF_8));
      }
      Files.write(path, file.toByteArray());
      return new Generated(path, header == null ? 1 : 2, lines);
    }

    private Line good(byte[] bytes, String kind, List<Published> published) {
      return new Line(bytes, kind, null, false, published);
    }

    private Line bad(byte[] bytes, String kind, String reason) {
      return new Line(bytes, kind, reason, false, List.of());
    }

    private Line bad(byte[] bytes, String kind, String reasonPrefix, boolean prefix) {
      return new Line(bytes, kind, reasonPrefix, prefix, List.of());
    }

    private Line blank() {
      return new Line(pick("", "   ", "\t").getBytes(StandardCharsets.UTF_8), "blank", null, false, List.of());
    }

    private LocalDate nextWeekday() {
      do {
        day = day.plusDays(1);
      } while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY);
      return day;
    }

    private LocalDate nextDay() {
      day = day.plusDays(random.nextInt(2));
      return day;
    }

    private String price() {
      return Double.toString(1 + random.nextInt(50_000) / 100.0);
    }

    /** Printable ASCII without commas, quotes or line breaks, at least one character that is not a space. */
    private String garbage() {
      StringBuilder sb = new StringBuilder("g");
      int n = random.nextInt(40);
      for (int i = 0; i < n; i++) {
        char c = (char) (' ' + random.nextInt(95));
        if (c != ',' && c != '"') {
          sb.append(c);
        }
      }
      return sb.toString();
    }

    /** CSV fields, quoted when they hold a comma or a quote. */
    private static byte[] csv(String[] fields) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        String f = fields[i];
        sb.append(f.contains(",") || f.contains("\"") ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
      }
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String json(String s) {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
      return choices[random.nextInt(choices.length)];
    }
  }
}
