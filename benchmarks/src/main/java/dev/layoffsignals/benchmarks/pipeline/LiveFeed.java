package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.benchmarks.BenchmarkArticles;
import dev.layoffsignals.benchmarks.pipeline.BenchCompanies.BenchCompany;
import dev.layoffsignals.extractor.Language;
import dev.layoffsignals.producers.EndOffsets;
import dev.layoffsignals.producers.Heartbeats;
import dev.layoffsignals.producers.ticks.SyntheticTicks;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import dev.layoffsignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The live input: synthetic ticks at a fixed rate, two sessions a second, and layoff articles at a
 * fixed rate, each sent right after the closes of a session and stamped with that close.
 *
 * <p>Why at a close: a reaction needs the closes of day 0 (the first session closing at or after
 * the article) and of day -1. An article stamped with the close just sent has both already on
 * their way, so its first reaction can be computed the moment the article is processed: the
 * latency measured is the pipeline's own, not the wait for the next session to close.
 *
 * <p>After every session's closes (and the articles stamped with them), a heartbeat at that close,
 * sent once they are acknowledged and carrying their offsets per partition (and, for the data
 * inputs' partitions the feed has not written, their end offsets): the topology's clock is
 * the earliest of its input partitions, and {@code layoff-records} gets no data here, nor does an
 * articles partition between two articles; without heartbeats the clock, and with it every
 * settled result and the state's cleanup, would stand still.
 *
 * <p>Articles go out only after the closes of Tuesday to Thursday, so that day -1, the previous
 * weekday's session, and the two days of grace before it are sessions the feed has sent.
 *
 * <p>Each article names the next company in turn that has had no article for four days: two
 * reports of a company within three days would be one layoff. So every article is a new
 * announcement, with its own first reaction.
 */
final class LiveFeed {

  /** Sessions the feed closes per second of wall-clock time. */
  static final double SESSIONS_PER_SECOND = 2;

  /** First day of the live feed. */
  static final LocalDate START = LocalDate.of(1995, 1, 3);

  /** An article sent: its id, when it was handed to the producer, and whether it counts. */
  record Sent(String articleId, long sentNanos, boolean measured) {}

  private final BenchCluster cluster;
  private final List<BenchCompany> companies;
  private final double tickRate;
  private final double articleRate;
  private final SyntheticTicks ticks;
  private final String lastSymbol;
  private final Map<String, String> tickerOfSyntheticName = new HashMap<>();
  private final Random random;
  private final Map<String, Sent> sent = new ConcurrentHashMap<>();
  private final Map<String, LocalDate> lastArticle = new HashMap<>();
  private int nextCompany;
  private long ticksSent;
  private long heartbeatsSent;
  private int sessionsClosed;

  LiveFeed(BenchCluster cluster, List<BenchCompany> companies, double tickRate, double articleRate, long seed) {
    this.cluster = cluster;
    this.companies = companies;
    this.tickRate = tickRate;
    this.articleRate = articleRate;
    int perSymbolSession = (int) Math.max(2, Math.round(tickRate / SESSIONS_PER_SECOND / (companies.size() + 1)));
    // sessions enough for any run (the generator is lazy; 25,000 at two a second last three and a
    // half hours and end in 2090, within the pipeline's event times), from far enough back that they
    // stay in the past: a broker refuses timestamps more than an hour ahead
    this.ticks = new SyntheticTicks(new SyntheticTicks.Spec(companies.size(), 25_000, perSymbolSession - 2, seed,
        START, 0));
    List<String> names = ticks.symbols();
    for (int i = 1; i < names.size(); i++) {
      tickerOfSyntheticName.put(names.get(i), companies.get(i - 1).ticker());
    }
    tickerOfSyntheticName.put(SyntheticTicks.BENCHMARK, SyntheticTicks.BENCHMARK);
    this.lastSymbol = names.get(names.size() - 1);
    this.random = new Random(seed * 17 + 3);
  }

  /** Ticks per symbol and session (OPEN and CLOSE included). */
  int ticksPerSymbolSession() {
    return ticks.spec().ticksPerSession() + 2;
  }

  /** The articles sent so far, by id. */
  Map<String, Sent> sent() {
    return sent;
  }

  long ticksSent() {
    return ticksSent;
  }

  /** Heartbeats sent: one after every session's closes (and its articles). */
  long heartbeatsSent() {
    return heartbeatsSent;
  }

  /**
   * Sends until {@code measured} articles that count have been sent once {@code warmedUp} says so,
   * and then ticks only, until {@code keepGoing} says stop.
   *
   * @param warmedUp asked before each article: whether it counts (once true, it stays true)
   * @param keepGoing asked about every millisecond once every article is out
   */
  void run(BooleanSupplier warmedUp, int measured, BooleanSupplier keepGoing) throws Exception {
    Map<String, Object> serdeConfig = cluster.serdeConfig();
    InputPublisher.AckedEnds callback = new InputPublisher.AckedEnds();
    try (KafkaProducer<byte[], byte[]> tickProducer = InputPublisher.producer(cluster.bootstrapServers(), "bench-live-ticks", 5);
        KafkaProducer<byte[], byte[]> articleProducer = InputPublisher.producer(cluster.bootstrapServers(), "bench-live-articles", 0);
        KafkaProducer<byte[], byte[]> heartbeatProducer = InputPublisher.producer(cluster.bootstrapServers(), "bench-live-heartbeats", 0);
        Heartbeats heartbeats = Heartbeats.open(heartbeatProducer,
            EndOffsets.of(cluster.admin(), InputPublisher.END_OFFSETS_TIMEOUT), serdeConfig, "bench-live");
        Serializer<StockTick> tickValues = Topics.STOCK_TICKS.valueSerde(serdeConfig).serializer();
        Serializer<Article> articleValues = Topics.ARTICLES.valueSerde(serdeConfig).serializer()) {
      long start = System.nanoTime();
      int articles = 0;
      int counted = 0;
      while (counted < measured || keepGoing.getAsBoolean()) {
        callback.check(-1);
        long now = System.nanoTime();
        long dueTicks = (long) ((now - start) / 1e9 * tickRate);
        while (ticksSent < dueTicks) {
          StockTick tick = ticks.next();
          boolean closesSession = tick.getKind() == TickKind.CLOSE && tick.getSymbol().equals(lastSymbol);
          tick.setSymbol(tickerOfSyntheticName.get(tick.getSymbol()));
          tickProducer.send(new ProducerRecord<>(Topics.STOCK_TICKS.name(), null, tick.getTradedAt().toEpochMilli(),
              tick.getSymbol().getBytes(StandardCharsets.UTF_8), tickValues.serialize(Topics.STOCK_TICKS.name(), tick)),
              callback);
          ticksSent++;
          if (closesSession) {
            sessionsClosed++;
            // the reaction needs a day -1: from the second session on; Tuesday to Thursday (see above)
            long dueArticles = (long) ((System.nanoTime() - start) / 1e9 * articleRate);
            DayOfWeek day = tick.getTradedAt().atZone(PipelineInput.NEW_YORK).getDayOfWeek();
            boolean midweek = day == DayOfWeek.TUESDAY || day == DayOfWeek.WEDNESDAY || day == DayOfWeek.THURSDAY;
            tickProducer.flush(); // the closes first: an article must not overtake the close it is stamped with
            boolean sentArticles = false;
            while (sessionsClosed >= 2 && midweek && counted < measured && articles < dueArticles) {
              BenchCompany company = nextCompany(tick.getTradedAt());
              if (company == null) {
                break; // every company reported within the last days: the articles wait for a later close
              }
              boolean counts = warmedUp.getAsBoolean();
              sendArticle(articleProducer, articleValues, articles, company, tick.getTradedAt(), counts, callback);
              articles++;
              counted += counts ? 1 : 0;
              sentArticles = true;
            }
            if (sentArticles) {
              articleProducer.flush();
            }
            // nothing sent from now on is older than this close: the heartbeat vouches for what is acknowledged
            callback.check(-1);
            heartbeats.send(tick.getTradedAt().toEpochMilli(), callback.byPartition());
            heartbeatsSent++;
          }
        }
        LockSupport.parkNanos(1_000_000); // the pacing step: 1 ms
      }
      tickProducer.flush();
      articleProducer.flush();
      callback.check(-1);
    }
  }

  /**
   * The next company in turn whose last article is at least four days before {@code at} (two
   * reports of a company within three days would be one layoff), or null when there is none.
   */
  private BenchCompany nextCompany(Instant at) {
    LocalDate day = LocalDate.ofInstant(at, PipelineInput.NEW_YORK);
    for (int i = 0; i < companies.size(); i++) {
      BenchCompany company = companies.get((nextCompany + i) % companies.size());
      LocalDate last = lastArticle.get(company.ticker());
      if (last == null || !last.plusDays(PipelineInput.MIN_SESSIONS_BETWEEN_REPORTS).isAfter(day)) {
        nextCompany = (nextCompany + i + 1) % companies.size();
        lastArticle.put(company.ticker(), day);
        return company;
      }
    }
    return null;
  }

  private void sendArticle(KafkaProducer<byte[], byte[]> producer, Serializer<Article> values, int index,
      BenchCompany company, Instant close, boolean counts, Callback callback) {
    String id = String.format(Locale.ROOT, "live-%06d", index);
    dev.layoffsignals.extractor.Article text = BenchmarkArticles.article(id, company.name(), true, index % 2 == 1, close,
        random);
    Article article = Article.newBuilder()
        .setArticleId(id)
        .setPublishedAt(close)
        .setTitle(text.title())
        .setBody(text.body())
        .setLanguage(text.language() == Language.FR ? "fr" : "en")
        .setUrl("https://bench.invalid/" + id)
        .setSource("bench-live")
        .build();
    byte[] value = values.serialize(Topics.ARTICLES.name(), article);
    long now = System.nanoTime();
    sent.put(id, new Sent(id, now, counts));
    producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), null, close.toEpochMilli(),
        id.getBytes(StandardCharsets.UTF_8), value), callback);
  }

  /** The measured articles sent so far, in order. */
  List<Sent> measured() {
    return sent(true);
  }

  /** The articles sent during the warm-up (which do not count), in order. */
  List<Sent> warmUp() {
    return sent(false);
  }

  private List<Sent> sent(boolean measured) {
    List<Sent> out = new ArrayList<>();
    sent.values().stream().filter(s -> s.measured() == measured).sorted(java.util.Comparator.comparing(Sent::articleId))
        .forEach(out::add);
    return out;
  }
}
