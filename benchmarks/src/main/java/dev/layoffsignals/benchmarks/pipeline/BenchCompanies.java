package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.benchmarks.BenchmarkArticles;
import dev.layoffsignals.extractor.Article;
import dev.layoffsignals.extractor.Company;
import dev.layoffsignals.extractor.LayoffExtractor;
import dev.layoffsignals.extractor.LayoffMention;
import dev.layoffsignals.producers.ticks.SyntheticTicks;
import dev.layoffsignals.streams.dedup.RoutingKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The listed companies the benchmark's articles name and its ticks quote: the gazetteer's
 * companies with a ticker, in gazetteer order, keeping those the extractor reads back from every
 * layoff template of {@link BenchmarkArticles} (both languages) as exactly one layoff of that
 * company and nothing from a filler-only article. So the number of reports the input holds is
 * known by construction; {@link PipelineInput} still checks every article.
 */
final class BenchCompanies {

  /** A company of the benchmark: the name written in articles and the symbol its ticks carry. */
  record BenchCompany(String name, String ticker) {}

  private static final Instant PROBE_TIME = Instant.parse("2024-06-03T14:00:00Z");
  private static final int PROBES_PER_LANGUAGE = 24;

  private BenchCompanies() {}

  /**
   * The first {@code count} usable companies.
   *
   * @throws IllegalArgumentException when the gazetteer has fewer
   */
  static List<BenchCompany> pick(LayoffExtractor extractor, int count) {
    List<BenchCompany> out = new ArrayList<>(count);
    Set<String> tickers = new HashSet<>();
    for (Company company : extractor.gazetteer().companies()) {
      if (out.size() == count) {
        break;
      }
      String ticker = company.ticker();
      if (ticker == null
          || ticker.equals(SyntheticTicks.BENCHMARK)
          || !RoutingKeys.isSymbol(ticker)
          || !tickers.add(ticker)) {
        continue;
      }
      if (readsBackExactly(extractor, company)) {
        out.add(new BenchCompany(company.canonicalName(), ticker));
      }
    }
    if (out.size() < count) {
      throw new IllegalArgumentException(
          "the gazetteer has only " + out.size() + " companies the benchmark can use, not " + count);
    }
    return out;
  }

  /** Whether layoff articles about the company give it alone, and filler-only ones nothing. */
  private static boolean readsBackExactly(LayoffExtractor extractor, Company company) {
    // a fixed seed per company: the probes draw every layoff template several times in each language
    Random random = new Random(company.canonicalName().hashCode());
    for (int i = 0; i < 2 * PROBES_PER_LANGUAGE; i++) {
      boolean french = i % 2 == 1;
      Article layoff =
          BenchmarkArticles.article("probe", company.canonicalName(), true, french, PROBE_TIME, random);
      List<LayoffMention> mentions = extractor.extract(layoff);
      if (mentions.size() != 1 || !company.ticker().equals(mentions.get(0).ticker())) {
        return false;
      }
      Article filler =
          BenchmarkArticles.article("probe", company.canonicalName(), false, french, PROBE_TIME, random);
      if (!extractor.extract(filler).isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
