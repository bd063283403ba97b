package dev.layoffsignals.extractor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the words of a sentence that announce job losses, in English and French. A weak trigger
 * ("cut", "réduire", "supprimer") becomes strong when a job or workforce noun is within four
 * tokens ("cut jobs", "suppression de postes", "réduire ses effectifs"), because "cut costs" and
 * "cut prices" are far more common in business news than "cut" alone meaning layoffs.
 */
final class TriggerFinder {

  private static final int NOUN_WINDOW = 4;
  private static final Set<String> LAYOFF_NOUN_PHRASES =
      Set.of(
          "job cuts",
          "job losses",
          "job reductions",
          "job cut",
          "plan social",
          "plan de",
          "departs volontaires",
          "reduction in",
          "reductions in",
          "rupture conventionnelle",
          "pink slips");
  private static final Set<String> ANNOUNCE =
      Set.of(
          "announce",
          "announces",
          "announced",
          "announcing",
          "confirm",
          "confirms",
          "confirmed",
          "begin",
          "begins",
          "began",
          "start",
          "starts",
          "started",
          "new",
          "fresh",
          "another",
          "more",
          "round",
          "wave",
          "annonce",
          "annoncer",
          "confirme",
          "lance",
          "nouvelle",
          "nouvelles",
          "nouveau",
          "vague",
          "series");
  private static final int NEGATION_WINDOW = 5;
  private static final int ATTRITION_WINDOW = 12;

  private TriggerFinder() {}

  static List<Trigger> find(Sentence s) {
    List<Trigger> out = new ArrayList<>(2);
    int i = 0;
    while (i < s.size()) {
      int kind = KINDS.getOrDefault(s.norm(i), 0); // one lookup per token: most are none of these
      if ((kind & PHRASE_START) != 0) {
        int phraseEnd = strongPhraseAt(s, i);
        if (phraseEnd > i) {
          out.add(new Trigger(i, phraseEnd, true, negated(s, i), pastPerfect(s, i)));
          i = phraseEnd;
          continue;
        }
      }
      if ((kind & STRONG) != 0) {
        out.add(new Trigger(i, i + 1, true, negated(s, i), pastPerfect(s, i)));
      } else if ((kind & WEAK) != 0) {
        out.add(new Trigger(i, i + 1, jobNounNear(s, i), negated(s, i), pastPerfect(s, i)));
      }
      i++;
    }
    return out;
  }

  /** What a word can start or be: the first word of a strong phrase, a strong trigger, a weak one (bits). */
  private static final int PHRASE_START = 1;
  private static final int STRONG = 2;
  private static final int WEAK = 4;
  private static final Map<String, Integer> KINDS = kinds();

  private static Map<String, Integer> kinds() {
    Map<String, Integer> kinds = new HashMap<>();
    for (String[] p : Lexicon.STRONG_PHRASES) {
      kinds.merge(p[0], PHRASE_START, (a, b) -> a | b);
    }
    Lexicon.STRONG_TRIGGERS.forEach(w -> kinds.merge(w, STRONG, (a, b) -> a | b));
    Lexicon.WEAK_TRIGGERS.forEach(w -> kinds.merge(w, WEAK, (a, b) -> a | b));
    return Map.copyOf(kinds);
  }

  /** The end of the strong phrase starting at {@code i}, whose first word starts one; {@code i} if none does. */
  private static int strongPhraseAt(Sentence s, int i) {
    for (String[] p : Lexicon.STRONG_PHRASES) {
      boolean match = true;
      for (int k = 0; k < p.length && match; k++) {
        match = s.norm(i + k).equals(p[k]);
      }
      if (match) {
        return i + p.length;
      }
    }
    return i;
  }

  private static boolean jobNounNear(Sentence s, int i) {
    for (int k = Math.max(0, i - NOUN_WINDOW); k <= Math.min(s.size() - 1, i + NOUN_WINDOW); k++) {
      String w = s.norm(k);
      if (k != i && (Lexicon.JOB_NOUNS.contains(w) || Lexicon.WORKFORCE_NOUNS.contains(w))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A negation within a few tokens before the trigger, in the same clause, or attrition right
   * after it: "reduce headcount through attrition", "par départs naturels" is not a layoff.
   */
  static boolean negated(Sentence s, int i) {
    for (int k = i + 1; k < Math.min(s.size(), i + ATTRITION_WINDOW); k++) {
      String w = s.norm(k);
      if (s.get(k).isPunct(',') || s.get(k).isPunct(';') || s.get(k).isPunct('.')) {
        break;
      }
      if (w.equals("attrition")
          || (w.equals("departs") && s.norm(k + 1).equals("naturels"))
          || (w.equals("non") && s.norm(k + 1).startsWith("remplacement"))) {
        return true;
      }
    }
    return negatedBefore(s, i);
  }

  private static boolean negatedBefore(Sentence s, int i) {
    for (int k = i - 1; k >= Math.max(0, i - NEGATION_WINDOW); k--) {
      Token t = s.get(k);
      if (t.isPunct(',') || t.isPunct(';') || t.isPunct(':')) {
        return false;
      }
      String w = t.norm();
      if (Lexicon.NEGATIONS.contains(w)) {
        return true;
      }
      if (w.equals("t") && k > 0 && s.norm(k - 1).endsWith("n")) {
        return true;
      }
    }
    return false;
  }

  /**
   * "had cut", "avait déjà licencié", "après avoir supprimé": the trigger tells an earlier event. A passive "had been
   * eliminated" is reported speech about the news itself ("began notifying 18,000 employees that
   * their jobs had been eliminated") and does not count.
   */
  private static boolean pastPerfect(Sentence s, int i) {
    for (int k = i - 1; k >= Math.max(0, i - 4); k--) {
      String w = s.norm(k);
      if (w.equals("been") || w.equals("ete")) {
        return false;
      }
      if (w.equals("had")
          || w.equals("avait")
          || w.equals("avaient")
          || (k >= i - 2 && (w.equals("having") || w.equals("avoir")))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the trigger alone, without any figure, announces a layoff of the company named
   * before it: a layoff verb ("is laying off", "licencie"), or a layoff noun with a word of
   * announcement ("announced layoffs", "nouvelle vague de licenciements"). "Shrink its workforce"
   * or "layoffs" in passing are not enough without a figure.
   */
  static boolean announcesAlone(Sentence s, Trigger t) {
    String w = s.norm(t.start());
    boolean phrase = t.end() - t.start() > 1;
    boolean nounPhrase = phrase && LAYOFF_NOUN_PHRASES.contains(w + " " + s.norm(t.start() + 1));
    if ((phrase && !nounPhrase) || Lexicon.LAYOFF_VERBS.contains(w)) {
      return true;
    }
    if (!nounPhrase && !Lexicon.STRONG_TRIGGERS.contains(w)) {
      return false;
    }
    for (int k = Math.max(0, t.start() - 4); k < t.start(); k++) {
      if (ANNOUNCE.contains(s.norm(k))) {
        return true;
      }
    }
    return false;
  }
}
