package dev.layoffsignals.extractor;

import java.util.List;

/**
 * What kind of statement a sentence makes, read from marker words: an earlier event, a
 * hypothesis, a survey statistic, a figure about a whole industry, or a conditional report.
 *
 * @param past         tells an earlier event ("avait déjà licencié", "In February it said", "in 2022",
 *                     "former Twitter employees")
 * @param hypothesis   "if", "si", "imagine": not a fact unless a company is named
 * @param secondPerson "tu pouvais virer", "you could fire": never an announcement
 * @param statistic    survey or study vocabulary
 * @param aggregate    industry-wide vocabulary ("companies", "secteur", "Layoffs.fyi")
 * @param conditional  "could", "pourrait", "reportedly": kept, with lower confidence
 */
record SentenceFlags(
    boolean past,
    boolean hypothesis,
    boolean secondPerson,
    boolean statistic,
    boolean aggregate,
    boolean conditional) {

  static SentenceFlags of(Sentence s, int publicationYear, List<Trigger> triggers) {
    boolean past = false;
    boolean hypothesis = false;
    boolean statistic = false;
    boolean aggregate = false;
    boolean conditional = false;
    for (int i = 0; i < s.size(); i++) {
      String w = s.norm(i);
      past |=
          Lexicon.PAST.contains(w)
              || (w.equals("last") && s.norm(i + 1).equals("year"))
              || (w.equals("an")
                  && (s.norm(i + 1).equals("dernier") || s.norm(i + 1).equals("passe")))
              || (w.equals("annee")
                  && (s.norm(i + 1).equals("derniere") || s.norm(i + 1).equals("passee")))
              || (w.equals("il")
                  && s.norm(i + 1).equals("y")
                  && s.norm(i + 2).equals("a")
                  && s.get(Math.min(i + 3, s.size() - 1)).isWord())
              || earlierYear(s, i, publicationYear)
              || (Lexicon.FORMER.contains(w)
                  && (Lexicon.JOB_NOUNS.contains(s.norm(i + 1))
                      || Lexicon.JOB_NOUNS.contains(s.norm(i + 2))));
      hypothesis |= Lexicon.HYPOTHESIS.contains(w);
      statistic |= Lexicon.STATISTIC.contains(w);
      aggregate |=
          Lexicon.AGGREGATE.contains(w)
              || (w.equals("au") && s.norm(i + 1).equals("total"))
              || (w.equals("in") && s.norm(i + 1).equals("total"));
      conditional |= Lexicon.CONDITIONAL.contains(w);
    }
    if (s.size() > 1
        && (s.norm(0).equals("in") || s.norm(0).equals("en"))
        && Lexicon.MONTHS.contains(s.norm(1))) {
      past = true;
    }
    boolean secondPerson = false;
    for (Trigger t : triggers) {
      for (int k = Math.max(0, t.start() - 3); k < t.start(); k++) {
        secondPerson |= Lexicon.SECOND_PERSON.contains(s.norm(k));
      }
    }
    return new SentenceFlags(past, hypothesis, secondPerson, statistic, aggregate, conditional);
  }

  /** "in 2022", "en 2022", "December 2023" before the publication year. */
  private static boolean earlierYear(Sentence s, int i, int publicationYear) {
    Token t = s.get(i);
    if (publicationYear < 0 || !t.isNumber() || t.text().length() != 4) {
      return false;
    }
    double v = t.value();
    if (v < 1990 || v >= publicationYear) {
      return false;
    }
    String prev = s.norm(i - 1);
    return prev.equals("in")
        || prev.equals("en")
        || prev.equals("since")
        || Lexicon.MONTHS.contains(prev);
  }
}
