package dev.layoffsignals.extractor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the candidates of each company into one announcement. An article usually states its
 * figures over two or three sentences ("lay off 10,000 ..." then "The cuts amount to less than
 * 5% of ..."), and repeats them in the headline. The best-ranked current candidate gives the
 * evidence and the figures; missing figures come from the company's other current candidates.
 * Candidates that tell an earlier event never contribute, and a company with only such
 * candidates is not announced: "avait déjà licencié 11 000 personnes en novembre" is history.
 */
final class AnnouncementMerger {

  private AnnouncementMerger() {}

  /**
   * @param sentences every sentence of the article, headline first
   * @param contexts  for each sentence, the company it is about (named or inherited), null for
   *                  sentences about an earlier event; reasons are read from these sentences
   */
  static List<LayoffMention> merge(
      String articleId,
      List<Candidate> candidates,
      List<Sentence> sentences,
      List<Company> contexts) {
    Map<Company, List<Candidate>> byCompany = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      if (!c.past()) {
        byCompany.computeIfAbsent(c.company(), k -> new ArrayList<>()).add(c);
      }
    }
    List<LayoffMention> out = new ArrayList<>(byCompany.size());
    for (Map.Entry<Company, List<Candidate>> e : byCompany.entrySet()) {
      out.add(announce(articleId, e.getKey(), e.getValue(), sentences, contexts));
    }
    return out;
  }

  private static LayoffMention announce(
      String articleId,
      Company company,
      List<Candidate> list,
      List<Sentence> sentences,
      List<Company> contexts) {
    Candidate primary = list.get(0);
    for (Candidate c : list) {
      if (c.rank() > primary.rank()) {
        primary = c;
      }
    }
    Integer headcount = primary.headcount();
    HeadcountQualifier qualifier = primary.qualifier();
    Double pct = primary.workforcePct();
    String division = primary.division();
    boolean filled = false;
    for (Candidate c : ordered(list, primary)) {
      if (qualifier == null && c.hasHeadcount()) {
        headcount = c.headcount();
        qualifier = c.qualifier();
        filled = true;
      }
      if (pct == null && c.hasPct()) {
        pct = c.workforcePct();
        filled = true;
      }
      if (division == null) {
        division = c.division();
      }
    }
    EnumSet<LayoffReason> why = EnumSet.noneOf(LayoffReason.class);
    for (int i = 0; i < contexts.size(); i++) {
      if (company.equals(contexts.get(i))) {
        why.addAll(ReasonClassifier.classify(sentences.get(i)));
      }
    }
    double confidence =
        confidence(primary, headcount != null || qualifier != null, pct != null, filled);
    return new LayoffMention(
        articleId,
        company,
        headcount,
        qualifier,
        pct,
        division,
        new ArrayList<>(why),
        primary.sentence().text(),
        confidence);
  }

  /** Other candidates, body before headline, in text order. */
  private static List<Candidate> ordered(List<Candidate> list, Candidate primary) {
    List<Candidate> out = new ArrayList<>(list.size());
    for (Candidate c : list) {
      if (c != primary && !c.sentence().isTitle()) {
        out.add(c);
      }
    }
    for (Candidate c : list) {
      if (c != primary && c.sentence().isTitle()) {
        out.add(c);
      }
    }
    return out;
  }

  private static double confidence(
      Candidate primary, boolean headcount, boolean pct, boolean filled) {
    double c = 0.45;
    c += primary.explicit() ? 0.2 : 0.0;
    c += primary.strong() ? 0.1 : 0.0;
    c += headcount ? 0.15 : 0.0;
    c += pct ? 0.1 : 0.0;
    c -= primary.conditional() ? 0.15 : 0.0;
    c -= primary.sentence().isTitle() ? 0.1 : 0.0;
    c -= filled ? 0.02 : 0.0;
    return Math.round(Math.max(0.05, Math.min(0.99, c)) * 100) / 100.0;
  }
}
