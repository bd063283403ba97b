package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.benchmarks.BenchmarkArticles;
import dev.layoffsignals.benchmarks.pipeline.BenchCompanies.BenchCompany;
import dev.layoffsignals.eventstudy.SessionCalendar;
import dev.layoffsignals.extractor.Language;
import dev.layoffsignals.extractor.LayoffExtractor;
import dev.layoffsignals.extractor.LayoffMention;
import dev.layoffsignals.producers.ticks.SyntheticTicks;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.StockTick;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The input of one throughput run, deterministic by seed: the synthetic tick feed
 * ({@link SyntheticTicks}: the benchmark QQQ and one stock per company, OPEN, TRADEs and CLOSE
 * every session) with the stocks renamed to the companies' tickers, and news articles.
 *
 * <p>Of the articles, {@code layoffArticles} report a layoff of a listed company (one each, spread
 * evenly over the sessions from the third on, the companies in turn), the others are filler about
 * the same companies at random times. A company's reports are at least four sessions apart, so no
 * two of them are one layoff: every layoff article is one announcement, and the expected outputs
 * are known. Every article is run through the extractor once here to prove it.
 */
final class PipelineInput {

  /** First day of the feed (a Tuesday). */
  static final LocalDate START = LocalDate.of(2024, 1, 2);

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Same-company reports at least this many sessions apart never merge (the rule is 3 days). */
  static final int MIN_SESSIONS_BETWEEN_REPORTS = 4;

  /**
   * What to generate.
   *
   * @param ticks ticks wanted; the feed has whole sessions, so it holds at most this many
   * @param days trading days
   * @param companies listed companies (stocks of the feed besides the benchmark)
   * @param articles articles in all
   * @param layoffArticles articles among them that report a layoff
   * @param seed seed of the prices and of the articles
   */
  record Sizes(long ticks, int days, int companies, int articles, int layoffArticles, long seed) {
    Sizes {
      if (days < 3 || companies < 1 || articles < layoffArticles || layoffArticles < 0 || ticks < 1) {
        throw new IllegalArgumentException(
            "days >= 3, companies >= 1, ticks >= 1 and 0 <= layoff articles <= articles are required");
      }
      if (layoffArticles > 0 && (long) companies * (days - 2) / layoffArticles < MIN_SESSIONS_BETWEEN_REPORTS) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%d layoff articles of %d companies over %d days would put two reports of a company within"
                + " 3 days, and they would merge: use more companies or days, or fewer layoff articles",
            layoffArticles, companies, days));
      }
      if (ticks / ((long) days * (companies + 1)) < 2) {
        throw new IllegalArgumentException("ticks " + ticks + " is fewer than an OPEN and a CLOSE per symbol and day ("
            + 2L * days * (companies + 1) + ")");
      }
    }

    /** The same articles with twice the ticks: twice the days, the same ticks per session. */
    Sizes twiceTheTicks() {
      return new Sizes(ticks * 2, days * 2, companies, articles, layoffArticles, seed);
    }

    /** TRADE ticks per symbol and session so that the feed holds at most {@link #ticks}. */
    int tradesPerSession() {
      long perSymbolSession = ticks / ((long) days * (companies + 1)); // at least 2: checked on construction
      return (int) Math.min(Integer.MAX_VALUE, perSymbolSession - 2);
    }
  }

  private final Sizes sizes;
  private final SyntheticTicks.Spec tickSpec;
  private final Map<String, String> tickerOfSyntheticName;
  private final List<Article> articles;
  private final long lastEventTime;

  private PipelineInput(Sizes sizes, SyntheticTicks.Spec tickSpec, Map<String, String> tickerOfSyntheticName,
      List<Article> articles, long lastEventTime) {
    this.sizes = sizes;
    this.tickSpec = tickSpec;
    this.tickerOfSyntheticName = tickerOfSyntheticName;
    this.articles = articles;
    this.lastEventTime = lastEventTime;
  }

  /**
   * Generates the input and checks every article with the extractor.
   *
   * @param companies at least {@code sizes.companies()} of them; the first ones are used
   * @throws IllegalStateException when an article does not read back as intended
   */
  static PipelineInput generate(Sizes sizes, List<BenchCompany> companies, LayoffExtractor extractor) {
    List<BenchCompany> used = companies.subList(0, sizes.companies());
    SyntheticTicks.Spec spec = new SyntheticTicks.Spec(sizes.companies(), sizes.days(), sizes.tradesPerSession(),
        sizes.seed(), START, 0);
    Map<String, String> rename = new HashMap<>();
    List<String> names = new SyntheticTicks(spec).symbols();
    for (int i = 1; i < names.size(); i++) {
      rename.put(names.get(i), used.get(i - 1).ticker());
    }
    rename.put(SyntheticTicks.BENCHMARK, SyntheticTicks.BENCHMARK);

    List<LocalDate> sessions = sessions(sizes.days());
    Random random = new Random(sizes.seed() * 31 + 7);
    List<Article> articles = new ArrayList<>(sizes.articles());
    for (int k = 0; k < sizes.layoffArticles(); k++) {
      BenchCompany company = used.get(k % used.size());
      LocalDate day = sessions.get(2 + (int) ((long) k * (sizes.days() - 2) / sizes.layoffArticles()));
      // before 16:00: day 0 is the session itself
      Instant at = day.atStartOfDay(NEW_YORK).toInstant().plusSeconds(60L * random.nextInt(16 * 60));
      articles.add(article(String.format(Locale.ROOT, "bench-layoff-%06d", k), company, true, k % 2 == 1, at, random,
          extractor));
    }
    long from = sessions.get(0).atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
    long to = SessionCalendar.closeOf(sessions.get(sessions.size() - 1)).toEpochMilli();
    for (int j = 0; j < sizes.articles() - sizes.layoffArticles(); j++) {
      BenchCompany company = used.get(random.nextInt(used.size()));
      Instant at = Instant.ofEpochMilli(from + (long) (random.nextDouble() * (to - from)));
      articles.add(article(String.format(Locale.ROOT, "bench-news-%06d", j), company, false, j % 2 == 1, at, random,
          extractor));
    }
    // each partition of the articles topic in event-time order, as a feed would publish them
    articles.sort(Comparator.comparing(Article::getPublishedAt).thenComparing(Article::getArticleId));
    long lastArticle = articles.isEmpty() ? Long.MIN_VALUE : articles.get(articles.size() - 1).getPublishedAt().toEpochMilli();
    return new PipelineInput(sizes, spec, rename, List.copyOf(articles), Math.max(lastArticle, to));
  }

  /** One article, checked: a layoff article must read back as one layoff of its company, another as none. */
  private static Article article(String id, BenchCompany company, boolean layoff, boolean french, Instant at,
      Random random, LayoffExtractor extractor) {
    dev.layoffsignals.extractor.Article text = BenchmarkArticles.article(id, company.name(), layoff, french, at, random);
    List<LayoffMention> mentions = extractor.extract(text);
    boolean asIntended = layoff
        ? mentions.size() == 1 && company.ticker().equals(mentions.get(0).ticker())
        : mentions.isEmpty();
    if (!asIntended) {
      throw new IllegalStateException("generated article " + id + " about " + company.name() + " reads back as "
          + mentions + ", not " + (layoff ? "one layoff of " + company.ticker() : "no layoff") + ":\n" + text.body());
    }
    return Article.newBuilder()
        .setArticleId(id)
        .setPublishedAt(at)
        .setTitle(text.title())
        .setBody(text.body())
        .setLanguage(text.language() == Language.FR ? "fr" : "en")
        .setUrl("https://bench.invalid/" + id)
        .setSource("bench")
        .build();
  }

  /**
   * Refuses an input of {@code days} trading days (twice as many with {@code twice}: the state
   * phase publishes twice the days) that reaches {@code today}: its records carry
   * their event times as timestamps, and the broker refuses timestamps more than an hour ahead of
   * its clock ({@code log.message.timestamp.after.max.ms}), so publishing would fail part way.
   */
  static void requireBefore(int days, boolean twice, LocalDate today) {
    int published = twice ? days * 2 : days;
    List<LocalDate> sessions = sessions(published);
    LocalDate last = sessions.get(sessions.size() - 1);
    if (!last.isBefore(today)) {
      long fit = sessions.stream().filter(d -> d.isBefore(today)).count();
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%d trading days%s from %s run to %s, not before today (%s): the input's records are stamped with"
              + " their event times, and the broker refuses timestamps ahead of its clock; at most %s",
          published, twice ? " (twice --days " + days + ", for the state phase)" : "", START, last, today,
          twice ? "--days " + fit / 2 + " fit with the state phase (" + fit + " without it)" : "--days " + fit + " fit"));
    }
  }

  /** The trading days of the feed, as {@link SyntheticTicks} counts them: weekdays from {@link #START}. */
  static List<LocalDate> sessions(int days) {
    List<LocalDate> out = new ArrayList<>(days);
    LocalDate d = START;
    while (out.size() < days) {
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        out.add(d);
      }
      d = d.plusDays(1);
    }
    return out;
  }

  Sizes sizes() {
    return sizes;
  }

  SyntheticTicks.Spec tickSpec() {
    return tickSpec;
  }

  /** Ticks in the feed: whole sessions, at most {@link Sizes#ticks}. */
  long tickCount() {
    return tickSpec.totalTicks();
  }

  /** The ticks, in event-time order, symbols renamed to the companies' tickers. */
  Iterator<StockTick> ticks() {
    SyntheticTicks source = new SyntheticTicks(tickSpec);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public StockTick next() {
        StockTick tick = source.next();
        tick.setSymbol(tickerOfSyntheticName.get(tick.getSymbol()));
        return tick;
      }
    };
  }

  /** The articles, in publication order. */
  List<Article> articles() {
    return articles;
  }

  /** The latest event time of the input: what the final heartbeat promises. */
  long lastEventTime() {
    return lastEventTime;
  }
}
