package dev.layoffsignals.benchmarks;

import dev.layoffsignals.extractor.Article;
import dev.layoffsignals.extractor.LayoffExtractor;
import dev.layoffsignals.extractor.LayoffMention;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Articles per second through {@link LayoffExtractor#extract} on ~2 KB articles (FR and EN, with
 * and without layoffs). One operation is one article, so with {@code -t 1} the score is articles
 * per second per core. The extractor is shared, as in the topology; each thread walks the article
 * set from its own position.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExtractorBenchmark {

  private static final int ARTICLES = 512;

  /** The extractor and articles, built once per benchmark run. */
  @State(Scope.Benchmark)
  public static class Corpus {
    LayoffExtractor extractor;
    Article[] articles;
    double averageChars;

    @Setup
    public void setUp() {
      extractor = LayoffExtractor.withDefaultGazetteer();
      List<Article> list = BenchmarkArticles.build(ARTICLES);
      articles = list.toArray(new Article[0]);
      long chars = 0;
      for (Article a : articles) {
        chars += a.title().length() + a.body().length();
      }
      averageChars = (double) chars / articles.length;
    }
  }

  /** Position of one thread in the article set. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  public List<LayoffMention> extractOneArticle(Corpus corpus, Cursor cursor) {
    Article a = corpus.articles[cursor.next];
    cursor.next = (cursor.next + 1) % corpus.articles.length;
    return corpus.extractor.extract(a);
  }
}
