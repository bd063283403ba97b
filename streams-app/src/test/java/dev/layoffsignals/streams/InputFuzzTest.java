package dev.layoffsignals.streams;

import static dev.layoffsignals.streams.ReactionTopologyTest.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.Heartbeat;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.streams.errors.ErrorCategory;
import dev.layoffsignals.streams.metrics.SignalMetrics;
import dev.layoffsignals.streams.time.ClockGrid;
import dev.layoffsignals.streams.time.EventTimes;
import dev.layoffsignals.topics.ErrorHeaders;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Generated bad input against the real topology: {@value #CASES} records from a fixed seed, on
 * every input topic, valid ones mixed with every kind of bad one (random bytes, truncated Avro, a
 * wrong magic byte, an unknown or foreign schema id, JSON and CSV instead of Avro, empty values and
 * tombstones, a declared length of a gigabyte, impossible dates, prices that are negative, zero,
 * NaN or infinite, ticks for unknown symbols, records of unknown companies, HTML and script in
 * titles and names, empty bodies, a 10 MB article, records older than the grace).
 *
 * <p>What must hold, case by case and in total:
 * <ul>
 *   <li>the driver never throws: no record stops the application;</li>
 *   <li>each case ends exactly where it must: DESERIALIZATION and INVALID ones on dead-letters,
 *       LATE ones on late-records, with their original key and value bytes (the 10 MB article's
 *       without its value: more than the producer sends), the reason, category, source topic and
 *       offset in headers; the others are processed;</li>
 *   <li>the counts balance per input topic: records piped = processed + dead-lettered + late, where
 *       <em>processed</em> is the meter {@code layoff_signals_records_processed_total{topic}} (the
 *       input records that passed ingest: readable, valid and in time, whatever events they gave) and
 *       dead-lettered and late are the meter {@code layoff_signals_rejected_records_total{category,
 *       topic}}, each equal to the records of that category and source topic on the error topics;</li>
 *   <li>nothing fails further down the topology (no PROCESSING dead letter), and a valid record
 *       after all of it is still turned into an announcement.</li>
 * </ul>
 * Which valid records are late is decided by a model of the input clock kept here: a record is
 * late when older than its own partition's time minus the grace.
 */
class InputFuzzTest {

  static final long SEED = 0x1A_70FF_2026L;
  static final int CASES = 3000;
  static final long GRACE_MS = TopologySettings.DEFAULT_GRACE.toMillis();
  static final byte[] HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"
      .getBytes(StandardCharsets.UTF_8);
  static final String SCRIPT = new String(HOSTILE, StandardCharsets.UTF_8);
  static final int TEN_MB = 10 * 1024 * 1024;

  enum Outcome { PROCESSED, LATE, INVALID, DESERIALIZATION }

  /**
   * What a case must become. {@code decoded} is null when the bytes must not decode, then
   * {@code reason} is a fragment of the deserializer's message; otherwise {@code valid} says
   * whether ingest must accept it (null: a random body that decoded, anything but a crash goes),
   * and {@code reason} is the exact INVALID reason.
   */
  record Expect(Object decoded, Boolean valid, String reason) {
    static Expect processed(Object value) {
      return new Expect(value, true, null);
    }

    static Expect invalid(Object value, String reason) {
      return new Expect(value, false, reason);
    }

    static Expect undecodable(String fragment) {
      return new Expect(null, null, fragment);
    }
  }

  /** One generated record. */
  record Case(int index, String kind, String topic, byte[] key, byte[] value, Expect expect) {
  }

  /** Where a case ended, read back from the error topics. */
  record Landing(Outcome outcome, String reason, String category, TestRecord<byte[], byte[]> record) {
  }

  @Test
  @DisplayName("a few thousand generated good and bad records: nothing stops the topology, every bad one lands on an"
      + " error topic with its reason, and per topic records piped = processed + dead-lettered + late")
  void fuzz() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (TopologyFixture f = new TopologyFixture(s -> s.withMetrics(new SignalMetrics(registry)))) {
      Model model = new Model();
      Generator generator = new Generator(new Random(SEED), f, model::partitionTime);
      Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
      for (Topic<?, ?> t : Topics.INPUTS) {
        inputs.put(t.name(), f.driver.createInputTopic(t.name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer()));
      }
      Map<String, List<Case>> byTopicOffset = new HashMap<>();
      Map<Case, Outcome> expected = new LinkedHashMap<>();
      Map<Outcome, Integer> tally = new EnumMap<>(Outcome.class);
      Map<String, Integer> kinds = new TreeMap<>();

      for (int i = 0; i < CASES; i++) {
        Case c = generator.next(i);
        Outcome outcome = model.expect(c);
        expected.put(c, outcome);
        tally.merge(outcome, 1, Integer::sum);
        kinds.merge(c.kind(), 1, Integer::sum);
        byTopicOffset.computeIfAbsent(c.topic(), t -> new ArrayList<>()).add(c);
        try {
          inputs.get(c.topic()).pipeInput(new TestRecord<>(c.key(), c.value(), null, generator.clockMillis()));
        } catch (Throwable e) {
          fail("seed " + SEED + ", case " + i + " (" + c.kind() + " on " + c.topic() + ") stopped the topology", e);
        }
      }
      String context = "seed " + SEED + ", outcomes " + tally + ", kinds " + kinds;

      Map<Case, Landing> landed = new HashMap<>();
      List<String> elsewhere = new ArrayList<>();
      collect(f.deadLetters.readRecordsToList(), false, byTopicOffset, landed, elsewhere, context);
      collect(f.late.readRecordsToList(), true, byTopicOffset, landed, elsewhere, context);
      assertThat(elsewhere).as("dead letters of processors further down (%s)", context).isEmpty();

      for (Map.Entry<Case, Outcome> e : expected.entrySet()) {
        check(e.getKey(), e.getValue(), landed.get(e.getKey()), context);
      }

      for (Topic<?, ?> t : Topics.INPUTS) {
        String topic = t.name();
        List<Case> piped = byTopicOffset.getOrDefault(topic, List.of());
        long processed = piped.stream().filter(c -> !landed.containsKey(c)).count();
        Map<String, Long> rejectedOnTopics = new TreeMap<>();
        landed.forEach((c, l) -> {
          if (c.topic().equals(topic)) {
            rejectedOnTopics.merge(l.category(), 1L, Long::sum);
          }
        });
        Map<String, Long> rejectedMeters = new TreeMap<>();
        for (ErrorCategory category : ErrorCategory.values()) {
          long n = meter(registry, SignalMetrics.REJECTED, "category", category.name(), "topic", topic);
          if (n > 0) {
            rejectedMeters.put(category.name(), n);
          }
        }
        long processedMeter = meter(registry, SignalMetrics.PROCESSED, "topic", topic);
        String what = topic + " (" + context + ")";
        assertThat(rejectedMeters).as("rejected meters = records on the error topics, %s", what).isEqualTo(rejectedOnTopics);
        assertThat(processedMeter).as("processed meter = records on no error topic, %s", what).isEqualTo(processed);
        assertThat(processedMeter + rejectedMeters.values().stream().mapToLong(Long::longValue).sum())
            .as("records piped = processed + dead-lettered + late, %s", what).isEqualTo(piped.size());
      }
      assertThat(meter(registry, SignalMetrics.ARTICLES)).as("articles extracted = articles processed (%s)", context)
          .isEqualTo(meter(registry, SignalMetrics.PROCESSED, "topic", Topics.ARTICLES.name()));

      // variety: the generator produced what it claims, in useful amounts
      assertThat(kinds.keySet()).as(context).containsAll(Generator.KINDS);
      assertThat(tally.get(Outcome.PROCESSED)).as(context).isGreaterThan(CASES / 3);
      assertThat(tally).as(context).containsKeys(Outcome.values());

      // and the topology still works: a valid record after all of it becomes an announcement
      long now = generator.clockMillis();
      Instant day = LocalDate.ofInstant(Instant.ofEpochMilli(now), TopologyFixture.NEW_YORK).atStartOfDay(TopologyFixture.NEW_YORK)
          .toInstant();
      f.announcements.readRecordsToList();
      f.record(TopologyFixture.announcement("canary", "Canary Corp", null, null, day, TimePrecision.DATE, 42));
      assertThat(f.announcements.readRecordsToList()).as(context).extracting(r -> r.value().getCompany()).containsExactly("Canary Corp");
      System.out.println("InputFuzzTest: " + context);
    }
  }

  /** Maps the records of an error topic back to the cases they came from, by source topic and offset. */
  private static void collect(List<TestRecord<byte[], byte[]>> records, boolean late, Map<String, List<Case>> byTopicOffset,
      Map<Case, Landing> landed, List<String> elsewhere, String context) {
    for (TestRecord<byte[], byte[]> r : records) {
      String topic = header(r.headers().lastHeader(ErrorHeaders.SOURCE_TOPIC));
      String category = header(r.headers().lastHeader(ErrorHeaders.CATEGORY));
      String reason = header(r.headers().lastHeader(ErrorHeaders.REASON));
      String offset = header(r.headers().lastHeader(ErrorHeaders.SOURCE_OFFSET));
      List<Case> cases = byTopicOffset.get(topic);
      if (cases == null) {
        elsewhere.add(category + " from " + topic + "@" + offset + ": " + reason);
        continue;
      }
      assertThat(reason).as("reason of %s@%s (%s)", topic, offset, context).isNotBlank();
      assertThat(category).as("category of %s@%s (%s)", topic, offset, context)
          .isIn(late ? Set.of("LATE") : Set.of("INVALID", "DESERIALIZATION", "PROCESSING"));
      Case c = cases.get(Integer.parseInt(offset));
      Outcome outcome = late ? Outcome.LATE : category.equals("PROCESSING") ? null : Outcome.valueOf(category);
      Landing previous = landed.put(c, new Landing(outcome, reason, category, r));
      assertThat(previous).as("case %d (%s) on the error topics twice (%s)", c.index(), c.kind(), context).isNull();
    }
  }

  private static void check(Case c, Outcome expected, Landing landing, String context) {
    String what = "case " + c.index() + " (" + c.kind() + " on " + c.topic() + ", " + context + ")";
    Outcome actual = landing == null ? Outcome.PROCESSED : landing.outcome();
    if (c.expect().decoded() != null && c.expect().valid() == null) {
      // a random body that happened to decode: any end but PROCESSING will do, and it ended once
      assertThat(actual).as(what).isIn(Outcome.PROCESSED, Outcome.LATE, Outcome.INVALID);
      return;
    }
    assertThat(actual).as(what + (landing == null ? "" : ": " + landing.reason())).isEqualTo(expected);
    if (landing == null) {
      return;
    }
    // a copy larger than Kafka Streams' producer sends (1 MB by default) goes without its value
    long bytes = (c.key() == null ? 0 : c.key().length) + (c.value() == null ? 0 : c.value().length);
    boolean tooLarge = bytes > 1_000_000;
    String withoutBytes = tooLarge ? "; written without its value: its " + bytes
        + " bytes are more than Kafka Streams' producer sends (max.request.size 1048576)" : "";
    assertThat(landing.record().key()).as("original key bytes, " + what).isEqualTo(c.key());
    assertThat(landing.record().value()).as("original value bytes, " + what).isEqualTo(tooLarge ? null : c.value());
    switch (expected) {
      case DESERIALIZATION -> assertThat(landing.reason()).as(what)
          .startsWith("Cannot deserialize record from topic '" + c.topic() + "'").contains(c.expect().reason());
      case INVALID -> assertThat(landing.reason()).as(what).isEqualTo(c.expect().reason() + withoutBytes);
      case LATE -> assertThat(landing.reason()).as(what).contains("is more than the grace period PT48H before the time of " + c.topic() + "-0, ");
      default -> fail("processed, yet on an error topic: " + what);
    }
  }

  private static long meter(SimpleMeterRegistry registry, String name, String... tags) {
    Counter counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : (long) counter.count();
  }

  /**
   * The input clock as the topology keeps it ({@code time.InputClock}): each input partition's time
   * is the largest event time of the records it accepted (a record that is invalid or late moves
   * nothing), rounded down to the hour or to the last clock-grid instant plus the grace, whichever
   * is later; an accepted heartbeat (these vouch for no offsets) raises every data partition to its
   * watermark at once. A valid record older than its partition's time minus the grace is LATE.
   */
  static final class Model {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private final Map<String, Long> partitionTime = new HashMap<>();
    private final ClockGrid grid = new ClockGrid();

    long partitionTime(String topic) {
      return partitionTime.getOrDefault(topic, -1L);
    }

    Outcome expect(Case c) {
      Expect e = c.expect();
      if (e.decoded() == null && e.valid() == null && e.reason() != null) {
        return Outcome.DESERIALIZATION;
      }
      Long time = eventTime(e.decoded());
      if (Boolean.FALSE.equals(e.valid()) || e.decoded() == null || time == null
          || e.valid() == null && !EventTimes.isPlausible(time)) {
        return Outcome.INVALID; // a random body that decoded with an impossible time is invalid too
      }
      Long current = partitionTime.get(c.topic());
      if (current != null && time < current - GRACE_MS) {
        return Outcome.LATE;
      }
      long rounded = Math.max(time - Math.floorMod(time, HOUR), grid.floor(time - GRACE_MS) + GRACE_MS);
      partitionTime.merge(c.topic(), rounded, Math::max);
      if (e.decoded() instanceof Heartbeat) {
        for (String data : List.of(Topics.STOCK_TICKS.name(), Topics.LAYOFF_RECORDS.name(), Topics.ARTICLES.name())) {
          partitionTime.merge(data, rounded, Math::max);
        }
      }
      return Outcome.PROCESSED;
    }

    private static Long eventTime(Object value) {
      if (value instanceof StockTick t) {
        return t.getTradedAt().toEpochMilli();
      }
      if (value instanceof LayoffAnnouncement a) {
        return a.getAnnouncedAt().toEpochMilli();
      }
      if (value instanceof Article a) {
        return a.getPublishedAt().toEpochMilli();
      }
      if (value instanceof Heartbeat h) {
        return h.getWatermark().toEpochMilli();
      }
      return null;
    }
  }

  /** Makes the cases, from one seeded random source, with a clock that moves forward through New York weekdays. */
  static final class Generator {

    static final Set<String> KINDS = Set.of(
        "valid", "unknown symbol", "unknown company", "html in text", "empty body", "10 MB article", "late", "grace boundary",
        "invalid content", "impossible date", "bad price", "tombstone",
        "empty bytes", "too short", "random bytes", "wrong magic byte", "truncated", "unknown schema id", "foreign schema",
        "bytes after the record", "declared length of a gigabyte", "json", "csv", "random body");
    private static final String[][] COMPANIES = {
        {"Meta", "META", "Internet"}, {"Amazon", "AMZN", "Retail"}, {"Alphabet", "GOOGL", "Internet"}};
    private static final String[][] UNKNOWN_COMPANIES = {
        {"Acme Widgets", null, null}, {"Zyx Robotics", "ZYX", "Hardware"}, {"Société Générale d'Essai", null, "Finance"}};
    private static final String[] SYMBOLS = {"QQQ", "META", "AMZN", "GOOGL"};
    private static final String[] UNKNOWN_SYMBOLS = {"ZZZZ", "XYZ1", "BRK.B", "^VIX"};

    private final Random random;
    private final ToLongFunction<String> partitionTime;
    private final Map<String, Serializer<Object>> serializers = new HashMap<>();
    private final Map<String, Deserializer<?>> deserializers = new HashMap<>();
    private final Map<String, Integer> schemaIds = new HashMap<>();
    private ZonedDateTime clock = ZonedDateTime.of(2022, 1, 3, 9, 0, 0, 0, TopologyFixture.NEW_YORK);
    private boolean bigArticleDone;
    private boolean bigInvalidArticleDone;

    @SuppressWarnings("unchecked")
    Generator(Random random, TopologyFixture f, ToLongFunction<String> partitionTime) {
      this.random = random;
      this.partitionTime = partitionTime;
      for (Topic<?, ?> t : Topics.INPUTS) {
        Topic<String, Object> topic = (Topic<String, Object>) t;
        serializers.put(t.name(), topic.valueSerde(f.settings.serdeConfig()).serializer());
        deserializers.put(t.name(), topic.valueSerde(f.settings.serdeConfig()).deserializer());
      }
    }

    long clockMillis() {
      return clock.toInstant().toEpochMilli();
    }

    Case next(int index) {
      advance();
      String topic = pick(Topics.INPUTS).name();
      int roll = random.nextInt(100);
      if (roll < 45) {
        return valid(index, topic);
      }
      if (roll < 48) {
        return late(index, topic);
      }
      if (roll < 50) {
        return boundary(index, topic);
      }
      if (roll < 68) {
        return invalid(index, topic);
      }
      return badBytes(index, topic);
    }

    /** Forward by up to an hour; outside 09:00 .. 20:00 New York on to the next weekday. */
    private void advance() {
      clock = clock.plusMinutes(random.nextInt(61));
      if (clock.toLocalTime().isAfter(LocalTime.of(20, 0))) {
        LocalDate next = clock.toLocalDate().plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
          next = next.plusDays(1);
        }
        clock = next.atTime(9, 0).atZone(TopologyFixture.NEW_YORK);
      }
    }

    // ---- valid records, and valid ones too old

    private Case valid(int index, String topic) {
      Instant now = clock.toInstant();
      return switch (topic) {
        case "stock-ticks" -> {
          boolean unknown = random.nextInt(5) == 0;
          StockTick t = tick(unknown ? pick(UNKNOWN_SYMBOLS) : pick(SYMBOLS), clock.toLocalDate());
          yield encoded(index, unknown ? "unknown symbol" : "valid", topic, key(t.getSymbol()), t, true, null);
        }
        case "layoff-records" -> {
          int kind = random.nextInt(6);
          String[] company = kind == 0 ? pick(UNKNOWN_COMPANIES) : pick(COMPANIES);
          LayoffAnnouncement a = announcement(index, company, now);
          if (kind == 1) {
            a.setCompany(company[0] + " " + SCRIPT);
            a.setDivision("<b>Ops</b> & \"Support\"");
            a.setEvidence(SCRIPT);
          }
          yield encoded(index, kind == 0 ? "unknown company" : kind == 1 ? "html in text" : "valid", topic,
              key(a.getAnnouncementId()), a, true, null);
        }
        case "articles" -> {
          if (!bigArticleDone && index > CASES / 2) {
            bigArticleDone = true;
            Article big = new Article("fz-big-" + index, now, "Meta to cut 11,000 jobs", bigBody(), "en", null, null);
            yield encoded(index, "10 MB article", topic, key(big.getArticleId()), big, true, null);
          }
          int kind = random.nextInt(6);
          String[] company = kind == 0 ? pick(UNKNOWN_COMPANIES) : pick(COMPANIES);
          String title = kind == 1 ? SCRIPT + company[0] + " lays off 1,200 workers" : company[0] + " to cut "
              + (100 + random.nextInt(20_000)) + " jobs";
          String body = kind == 2 ? "" : company[0] + " said on " + clock.toLocalDate() + " it will cut about "
              + (1 + random.nextInt(15)) + "% of its workforce." + (kind == 1 ? " " + SCRIPT : "");
          Article a = new Article("fz-" + index, now, title, body, pick(new String[] {"en", "fr", null, "xx"}),
              kind == 1 ? "javascript:alert(3)" : "https://news.example.com/" + index, kind == 1 ? SCRIPT : "wire");
          yield encoded(index, kind == 0 ? "unknown company" : kind == 1 ? "html in text" : kind == 2 ? "empty body" : "valid",
              topic, key(a.getArticleId()), a, true, null);
        }
        default -> encoded(index, "valid", topic, null, new Heartbeat("fuzz", now, Map.of()), true, null);
      };
    }

    /** A valid record of 3 to 30 days before the clock (a weekday for a close). */
    private Case late(int index, String topic) {
      ZonedDateTime then = clock.minusDays(3 + random.nextInt(28));
      while (then.getDayOfWeek() == DayOfWeek.SATURDAY || then.getDayOfWeek() == DayOfWeek.SUNDAY) {
        then = then.minusDays(1);
      }
      Instant at = then.toInstant();
      Object value = switch (topic) {
        case "stock-ticks" -> tick(pick(SYMBOLS), then.toLocalDate());
        case "layoff-records" -> announcement(index, pick(COMPANIES), at);
        case "articles" -> new Article("fz-" + index, at, "Old news: Meta to cut 11,000 jobs", "", "en", null, null);
        default -> new Heartbeat("fuzz", at, Map.of());
      };
      return encoded(index, "late", topic, key("late-" + index), value, true, null);
    }

    /** A valid record right at the edge: exactly its partition's time minus the grace (in time), or 1 ms before (late). */
    private Case boundary(int index, String topic) {
      long time = partitionTime.applyAsLong(topic);
      if (time < 0) {
        return valid(index, topic);
      }
      Instant at = Instant.ofEpochMilli(time - GRACE_MS - random.nextInt(2));
      Object value = switch (topic) {
        case "stock-ticks" -> new StockTick("META", at, 100.0, 10L, TickKind.TRADE);
        case "layoff-records" -> TopologyFixture.announcement("fz-" + index, "Meta", "META", "Internet", at,
            TimePrecision.INSTANT, 100);
        case "articles" -> new Article("fz-" + index, at, "Meta to cut 100 jobs", "", "en", null, null);
        default -> new Heartbeat("fuzz", at, Map.of());
      };
      return encoded(index, "grace boundary", topic, key("edge-" + index), value, true, null);
    }

    // ---- readable records whose content is impossible

    private Case invalid(int index, String topic) {
      Instant now = clock.toInstant();
      int roll = random.nextInt(10);
      if (roll == 0) {
        return new Case(index, "tombstone", topic, key("k" + index), null, Expect.invalid(null, "no value (a tombstone or an empty record)"));
      }
      Instant impossible = pick(new Instant[] {Instant.EPOCH, Instant.parse("2150-06-12T20:00:00Z"),
          Instant.ofEpochMilli(Long.MIN_VALUE), Instant.ofEpochMilli(Long.MAX_VALUE), Instant.parse("1989-12-31T23:59:59.999Z"),
          Instant.parse("2100-01-01T00:00:00Z")});
      boolean date = roll <= 3;
      switch (topic) {
        case "stock-ticks" -> {
          StockTick t = tick(pick(SYMBOLS), clock.toLocalDate());
          if (date) {
            t.setTradedAt(impossible);
            return encoded(index, "impossible date", topic, key(t.getSymbol()), t, false, EventTimes.outOfRange("traded_at", impossible));
          }
          int bad = random.nextInt(6);
          if (bad <= 2) {
            double price = pick(new Double[] {Double.NaN, -3.5, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1e-300});
            t.setPrice(price);
            return encoded(index, "bad price", topic, key(t.getSymbol()), t, false, "price " + price + " is not positive and finite");
          }
          if (bad == 3) {
            t.setVolume(-1L - random.nextInt(1000));
            return encoded(index, "invalid content", topic, key(t.getSymbol()), t, false, "volume " + t.getVolume() + " is negative");
          }
          if (bad == 4) {
            String symbol = pick(new String[] {"acme", "", " META", "META;DROP TABLE", "ABCDEFGHIJKLMNOP", SCRIPT});
            t.setSymbol(symbol);
            return encoded(index, "invalid content", topic, key(symbol), t, false,
                "symbol '" + symbol + "' is not an upper-case ticker symbol");
          }
          LocalDate saturday = clock.toLocalDate().with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY));
          t.setTradedAt(TopologyFixture.at(saturday, 16, 0));
          t.setKind(TickKind.CLOSE);
          return encoded(index, "impossible date", topic, key(t.getSymbol()), t, false,
              "a session close on a SATURDAY (" + t.getTradedAt() + ") is impossible");
        }
        case "layoff-records" -> {
          LayoffAnnouncement a = announcement(index, pick(COMPANIES), now);
          if (date) {
            a.setAnnouncedAt(impossible);
            return encoded(index, "impossible date", topic, key(a.getAnnouncementId()), a, false,
                EventTimes.outOfRange("announced_at", impossible));
          }
          String reason;
          switch (random.nextInt(8)) {
            case 0 -> {
              a.setAnnouncementId(pick(new String[] {"", "  ", "\t"}));
              reason = "announcement_id is blank";
            }
            case 1 -> {
              a.setCompany(pick(new String[] {"", " ", "\n"}));
              reason = "company is blank";
            }
            case 2 -> {
              a.setTicker("meta");
              reason = "ticker 'meta' is not an upper-case ticker symbol";
            }
            case 3 -> {
              a.setTimePrecision(TimePrecision.DATE);
              a.setAnnouncedAt(TopologyFixture.at(clock.toLocalDate(), 9, 30));
              reason = "a date-only announcement must be stamped 00:00 America/New_York, not " + a.getAnnouncedAt();
            }
            case 4 -> {
              a.setHeadcount(-random.nextInt(1000));
              reason = "headcount " + a.getHeadcount() + " is not positive";
            }
            case 5 -> {
              a.setWorkforcePct(pick(new Double[] {130.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}));
              reason = "workforce_pct " + a.getWorkforcePct() + " is not a percentage between 0 and 100";
            }
            default -> {
              a.setConfidence(pick(new Double[] {Double.NaN, 1.5, -0.1}));
              reason = "confidence " + a.getConfidence() + " is not between 0 and 1";
            }
          }
          return encoded(index, "invalid content", topic, key("r" + index), a, false, reason);
        }
        case "articles" -> {
          Article a = new Article("fz-" + index, now, "Meta to cut 11,000 jobs", "Meta will cut 11,000 jobs.", "en", null, null);
          if (!bigInvalidArticleDone && index > CASES / 3) {
            bigInvalidArticleDone = true;
            a.setBody(bigBody());
            a.setPublishedAt(impossible);
            return encoded(index, "10 MB article", topic, key(a.getArticleId()), a, false, EventTimes.outOfRange("published_at", impossible));
          }
          if (date) {
            a.setPublishedAt(impossible);
            return encoded(index, "impossible date", topic, key(a.getArticleId()), a, false, EventTimes.outOfRange("published_at", impossible));
          }
          a.setArticleId(pick(new String[] {"", " "}));
          return encoded(index, "invalid content", topic, key("a" + index), a, false, "article_id is blank");
        }
        default -> {
          if (date) {
            return encoded(index, "impossible date", topic, null, new Heartbeat("fuzz", impossible, Map.of()), false,
                EventTimes.outOfRange("watermark", impossible));
          }
          return encoded(index, "invalid content", topic, null, new Heartbeat(" ", now, Map.of()), false, "source is blank");
        }
      }
    }

    // ---- bytes that are not a record of the topic

    private Case badBytes(int index, String topic) {
      byte[] valid = serializers.get(topic).serialize(topic, validValue(topic));
      int id = schemaId(valid);
      byte[] key = random.nextInt(4) == 0 ? null : randomBytes(random.nextInt(12));
      switch (random.nextInt(13)) {
        case 0 -> {
          return bad(index, "empty bytes", topic, key, new byte[0], "too short: 0 bytes");
        }
        case 1 -> {
          int n = 1 + random.nextInt(4);
          return bad(index, "too short", topic, key, Arrays.copyOf(valid, n), "too short: " + n + " byte" + (n == 1 ? "" : "s"));
        }
        case 2 -> {
          byte[] b = randomBytes(1 + random.nextInt(64));
          if (b[0] == 0) {
            b[0] = 0x5a;
          }
          return bad(index, "random bytes", topic, key, b, b.length < 5 ? "too short: " + b.length + " byte" + (b.length == 1 ? "" : "s")
              : String.format("unknown magic byte 0x%02x (expected 0x00)", b[0] & 0xff));
        }
        case 3 -> {
          byte[] b = valid.clone();
          b[0] = (byte) (1 + random.nextInt(255));
          return bad(index, "wrong magic byte", topic, key, b, String.format("unknown magic byte 0x%02x (expected 0x00)", b[0] & 0xff));
        }
        case 4 -> {
          int cut = 5 + random.nextInt(valid.length - 5);
          return bad(index, "truncated", topic, key, Arrays.copyOf(valid, cut),
              "with schema id " + id + ": truncated Avro body: " + (cut - 5) + " bytes end before the record does");
        }
        case 5 -> {
          int unknown = 100_000 + random.nextInt(1_000_000);
          byte[] b = valid.clone();
          b[1] = (byte) (unknown >>> 24);
          b[2] = (byte) (unknown >>> 16);
          b[3] = (byte) (unknown >>> 8);
          b[4] = (byte) unknown;
          return bad(index, "unknown schema id", topic, key, b, "with schema id " + unknown + ": schema id not found in the schema registry");
        }
        case 6 -> {
          String other = pick(Topics.INPUTS.stream().map(Topic::name)
              .filter(t -> !t.equals(topic)).toList().toArray(String[]::new));
          byte[] b = serializers.get(other).serialize(other, validValue(other));
          String otherType = validValue(other).getClass().getName();
          return bad(index, "foreign schema", topic, key, b, "with schema id " + schemaId(b) + ": writer schema " + otherType
              + " cannot be read as " + validValue(topic).getClass().getName());
        }
        case 7 -> {
          int extra = 1 + random.nextInt(3);
          return bad(index, "bytes after the record", topic, key, concat(valid, randomBytes(extra)),
              "with schema id " + id + ": " + extra + " unread byte" + (extra == 1 ? "" : "s") + " after the end of the record");
        }
        case 8 -> {
          byte[] b = concat(Arrays.copyOf(valid, 5), varLong(1_000_000_000L + random.nextInt(1_000_000_000)), randomBytes(random.nextInt(8)));
          return bad(index, "declared length of a gigabyte", topic, key, b,
              "with schema id " + id + ": truncated Avro body: " + (b.length - 5) + " bytes end before the record does");
        }
        case 9 -> {
          byte[] json = ("{\"symbol\":\"META\",\"price\":" + random.nextInt(500) + ",\"traded_at\":\"2022-11-09T21:00:00Z\"}")
              .getBytes(StandardCharsets.UTF_8);
          return bad(index, "json", topic, key, json, "unknown magic byte 0x7b (expected 0x00)");
        }
        case 10 -> {
          byte[] csv = ("2022-11-09," + random.nextInt(500) + ".5,101.5,98.2,99.0,93000000").getBytes(StandardCharsets.UTF_8);
          return bad(index, "csv", topic, key, csv, "unknown magic byte 0x32 (expected 0x00)");
        }
        default -> {
          byte[] b = concat(Arrays.copyOf(valid, 5), randomBytes(random.nextInt(48)));
          Object decoded;
          try {
            decoded = deserializers.get(topic).deserialize(topic, b);
          } catch (RuntimeException e) {
            return bad(index, "random body", topic, key, b, "with schema id " + id + ": ");
          }
          return new Case(index, "random body that decoded", topic, key, b, new Expect(decoded, null, null));
        }
      }
    }

    private Case bad(int index, String kind, String topic, byte[] key, byte[] value, String fragment) {
      return new Case(index, kind, topic, key, value, Expect.undecodable(fragment));
    }

    private Case encoded(int index, String kind, String topic, byte[] key, Object value, boolean valid, String reason) {
      byte[] bytes = serializers.get(topic).serialize(topic, value);
      Object decoded = deserializers.get(topic).deserialize(topic, bytes);
      return new Case(index, kind, topic, key, bytes, valid ? Expect.processed(decoded) : Expect.invalid(decoded, reason));
    }

    private Object validValue(String topic) {
      Instant now = clock.toInstant();
      return switch (topic) {
        case "stock-ticks" -> tick("META", clock.toLocalDate());
        case "layoff-records" -> announcement(0, COMPANIES[0], now);
        case "articles" -> new Article("fz", now, "Meta to cut 11,000 jobs", "Meta will cut 11,000 jobs.", "en", null, null);
        default -> new Heartbeat("fuzz", now, Map.of());
      };
    }

    private int schemaId(byte[] bytes) {
      return ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
    }

    private StockTick tick(String symbol, LocalDate day) {
      TickKind kind = pick(TickKind.values());
      Instant at = switch (kind) {
        case OPEN -> TopologyFixture.at(day, 9, 30);
        case CLOSE -> TopologyFixture.at(day, 16, 0);
        default -> TopologyFixture.at(day, 9, 30).plus(Duration.ofMinutes(random.nextInt(390)));
      };
      return new StockTick(symbol, at, 1 + random.nextInt(50_000) / 100.0, (long) random.nextInt(10_000_000), kind);
    }

    private LayoffAnnouncement announcement(int index, String[] company, Instant now) {
      boolean dateOnly = random.nextBoolean();
      Instant at = dateOnly ? TopologyFixture.startOfDay(LocalDate.ofInstant(now, TopologyFixture.NEW_YORK)) : now;
      LayoffAnnouncement a = TopologyFixture.announcement("fz-" + index, company[0], company[1], company[2], at,
          dateOnly ? TimePrecision.DATE : TimePrecision.INSTANT, random.nextInt(4) == 0 ? null : 1 + random.nextInt(20_000));
      if (random.nextBoolean()) {
        a.setWorkforcePct(random.nextInt(1001) / 10.0);
      }
      a.setConfidence(random.nextInt(101) / 100.0);
      return a;
    }

    /** A 10 MB article: a layoff sentence, then ordinary text. */
    private static String bigBody() {
      StringBuilder body = new StringBuilder(TEN_MB + 200).append("Meta will cut 11,000 jobs, about 13% of its workforce. ");
      String filler = "The quarterly report discussed revenue, margins and the outlook for advertising in detail. ";
      while (body.length() < TEN_MB) {
        body.append(filler);
      }
      return body.toString();
    }

    private byte[] key(String s) {
      return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] randomBytes(int n) {
      byte[] b = new byte[n];
      random.nextBytes(b);
      return b;
    }

    private <T> T pick(T[] choices) {
      return choices[random.nextInt(choices.length)];
    }

    private <T> T pick(List<T> choices) {
      return choices.get(random.nextInt(choices.size()));
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Avro's zig-zag variable-length long. */
  static byte[] varLong(long n) {
    long z = (n << 1) ^ (n >> 63);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((z & ~0x7fL) != 0) {
      out.write((int) ((z & 0x7f) | 0x80));
      z >>>= 7;
    }
    out.write((int) z);
    return out.toByteArray();
  }
}
