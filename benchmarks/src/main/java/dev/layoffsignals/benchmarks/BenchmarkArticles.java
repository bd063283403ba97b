package dev.layoffsignals.benchmarks;

import dev.layoffsignals.extractor.Article;
import dev.layoffsignals.extractor.Language;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic set of realistic news articles of about 2 KB, half French, half English, one in
 * three without any layoff. Built from paragraphs in the style of wire copy (layoff sentences with
 * figures, traps: share moves, money, totals, hiring), so the extractor meets the same mix of
 * numbers as in production. A fixed seed makes every run measure the same input.
 */
public final class BenchmarkArticles {

  /** Target size of an article body in characters. */
  public static final int TARGET_CHARS = 2_000;

  private static final String[] COMPANIES = {
    "Amazon",
    "Meta",
    "Microsoft",
    "Intel",
    "Cisco",
    "Salesforce",
    "Spotify",
    "SAP",
    "Dell",
    "PayPal",
    "Zoom",
    "Unity",
    "Atos",
    "Ubisoft",
    "Google",
    "IBM"
  };

  private static final String[] EN_LAYOFF = {
    "%s said on Tuesday it will lay off more than %,d employees, about %d%% of its workforce, in its latest round of cuts.",
    "%s plans to cut roughly %,d jobs as part of a $%d billion cost reduction plan announced alongside weak results.",
    "%s is laying off hundreds of employees in its cloud unit, according to people familiar with the matter.",
    "%s will reduce its global workforce by about %d%%, or %,d positions, chief executive officer wrote in a memo."
  };
  private static final String[] FR_LAYOFF = {
    "%s va supprimer environ %,d postes, soit %d %% de ses effectifs, a annoncé mardi la direction du groupe.",
    "%s a annoncé la suppression de plus de %,d emplois dans le monde, dans le cadre d'un plan de restructuration de %d milliards.",
    "%s licencie plusieurs centaines de salariés dans sa division cloud, selon plusieurs médias.",
    "%s prévoit de réduire ses effectifs d'environ %d %%, soit près de %,d personnes, d'ici la fin de l'année."
  };
  private static final String[] EN_FILLER = {
    "Shares of the company rose %d%% in early trading as investors welcomed the cost discipline.",
    "The company employed about %,d people worldwide at the end of last year, according to its annual report.",
    "Revenue grew %d%% to $%d billion in the quarter, beating analysts' expectations on strong demand for cloud services.",
    "The chief financial officer said the group would keep investing in artificial intelligence and data centers.",
    "Analysts at several brokers said the move was expected after a hiring spree during the pandemic years.",
    "The firm also plans to hire %,d engineers over the next two years to staff its new research centers.",
    "Operating margin reached %d%% and the board approved a share buyback of $%d billion over three years.",
    "Executives declined to say which offices would be affected, and a spokesperson did not respond to questions."
  };
  private static final String[] FR_FILLER = {
    "Le titre gagnait %d %% à la Bourse dans les premiers échanges, les investisseurs saluant la discipline financière.",
    "Le groupe employait environ %,d personnes dans le monde à la fin de l'année dernière, selon son rapport annuel.",
    "Le chiffre d'affaires a progressé de %d %% sur le trimestre, à %d milliards de dollars, porté par le cloud.",
    "La direction a assuré qu'elle continuerait d'investir dans l'intelligence artificielle et les centres de données.",
    "Plusieurs analystes jugent cette décision attendue après une vague de recrutements pendant la pandémie.",
    "L'entreprise prévoit par ailleurs de recruter %,d ingénieurs au cours des deux prochaines années.",
    "La marge opérationnelle atteint %d %% et le conseil a approuvé un rachat d'actions de %d milliards d'euros.",
    "Un porte-parole n'a pas précisé quels sites seraient concernés et n'a pas répondu aux questions."
  };

  private static final Pattern PLACEHOLDER = Pattern.compile("%(,d|d|s|%)");

  private BenchmarkArticles() {}

  /** {@code count} articles from a fixed seed. */
  public static List<Article> build(int count) {
    Random random = new Random(20_251_122L);
    List<Article> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean french = i % 2 == 1;
      boolean layoff = i % 3 != 2;
      String company = COMPANIES[random.nextInt(COMPANIES.length)];
      out.add(article("bench-" + i, company, layoff, french, Instant.parse("2025-01-15T08:00:00Z"), random));
    }
    return out;
  }

  /**
   * One article about {@code company}: with {@code layoff}, a layoff sentence (one of four per
   * language, three of them with a headcount) comes first; then filler paragraphs (share moves,
   * results, hiring: figures that are not layoffs) up to about {@link #TARGET_CHARS}. Everything
   * random is drawn from {@code random}, so a seeded generator gives the same text on any JVM.
   */
  public static Article article(
      String id, String company, boolean layoff, boolean french, Instant publishedAt, Random random) {
    StringBuilder body = new StringBuilder(TARGET_CHARS + 300);
    if (layoff) {
      String[] templates = french ? FR_LAYOFF : EN_LAYOFF;
      body.append(fill(templates[random.nextInt(templates.length)], company, random, french))
          .append(' ');
    }
    String[] filler = french ? FR_FILLER : EN_FILLER;
    while (body.length() < TARGET_CHARS) {
      body.append(fill(filler[random.nextInt(filler.length)], company, random, french))
          .append(' ');
    }
    String title =
        french
            ? company + " : la direction présente sa stratégie"
            : company + " outlines its strategy";
    return new Article(
        id, title, body.toString().strip(), french ? Language.FR : Language.EN, publishedAt);
  }

  /**
   * Fills a template: the company for %s, a count for %,d (grouped the way each language
   * writes it: "12,500" in English, "12 500" with a narrow no-break space in French), a small
   * number for %d (percentages, billions).
   */
  private static String fill(String template, String company, Random random, boolean french) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 16);
    Locale locale = french ? Locale.FRANCE : Locale.US;
    while (m.find()) {
      String value =
          switch (m.group()) {
            case "%s" -> company;
            case "%,d" -> String.format(locale, "%,d", 50 + random.nextInt(18_000));
            case "%d" -> Integer.toString(2 + random.nextInt(40));
            default -> "%";
          };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
