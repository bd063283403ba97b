package dev.layoffsignals.extractor;

import java.util.Set;

/**
 * Decides what a quantity of a layoff sentence counts, by the words around it. A count is a
 * layoff headcount only when a job noun follows it ("11,000 jobs", "1 300 salariés") or a layoff
 * verb governs it, and none of the trap contexts applies: money, the size of the whole staff,
 * hiring, roles left unfilled, a staff level, a subset. A percentage is a workforce share only when
 * it is a share "of" the workforce ("13% of its workforce", "17 % de ses effectifs") or the amount
 * by which the workforce shrinks ("réduit ses effectifs d'environ 20 %"); every other percentage
 * (share moves, revenue, margins, survey answers) is not.
 */
final class FigureClassifier {

  private static final int NOUN_LOOKAHEAD = 4;
  private static final int CONTEXT_WINDOW = 6;
  private static final int OF_WINDOW = 8;
  private static final int MAX_OTHER_WORDS = 2;
  private static final Set<String> OF = Set.of("of", "de", "des", "du", "d");
  private static final Set<String> BY = Set.of("by", "de", "d");

  /** "amounts to", "equal to", "up to": a "to" that does not introduce a staff level. */
  private static final Set<String> NOT_LEVEL_BEFORE_TO =
      Set.of(
          "amounts",
          "amount",
          "amounting",
          "equal",
          "equals",
          "equivalent",
          "corresponding",
          "up",
          "close",
          "according",
          "jusqu",
          "hasta",
          "due",
          "related",
          "or");

  /** "the equivalent of 700 agents": a measure of work, not of people cut. */
  private static final Set<String> EQUIVALENT =
      Set.of("equivalent", "equivalents", "equivalente", "equivalant");

  private static final Set<String> CONJUNCTIONS =
      Set.of("and", "et", "but", "mais", "while", "tandis");
  private static final Set<String> LAYOFF_NOUNS =
      Set.of("layoffs", "redundancies", "licenciements", "suppressions", "departs");

  private FigureClassifier() {}

  static FigureRole classify(Sentence s, Quantity q) {
    if (q.money()) {
      return FigureRole.MONEY;
    }
    if (q.percent()) {
      return classifyShare(s, q);
    }
    return classifyCount(s, q);
  }

  private static FigureRole classifyShare(Sentence s, Quantity q) {
    if (shareOfWorkforce(s, q.end()) || workforceShrinksBy(s, q.qualStart())) {
      return FigureRole.WORKFORCE_PCT;
    }
    if (windowBeforeHas(s, q.qualStart(), Lexicon.STOCK)) {
      return FigureRole.STOCK_MOVE;
    }
    return FigureRole.OTHER;
  }

  /** "% of its global workforce", "% de l'ensemble de ses employés", "half of staff". */
  static boolean shareOfWorkforce(Sentence s, int after) {
    int i = after;
    if (OF.contains(s.norm(i))) {
      i++;
    } else if (!s.norm(after - 1).startsWith("halv")
        && !(s.norm(after - 1).equals("moitie") && s.norm(after - 2).equals("de"))) {
      return false;
    }
    int others = 0;
    for (int k = i; k < Math.min(s.size(), i + OF_WINDOW); k++) {
      Token t = s.get(k);
      String w = t.norm();
      if (Lexicon.WORKFORCE_NOUNS.contains(w)) {
        return true;
      }
      if (t.isPunct() || Lexicon.STOPS.contains(w)) {
        return false;
      }
      if (!t.isNumber() && !Lexicon.FILLERS.contains(w) && ++others > MAX_OTHER_WORDS) {
        return false;
      }
    }
    return false;
  }

  /** "reduce its workforce by about 20%", "réduit ses effectifs d'environ 20 %". */
  private static boolean workforceShrinksBy(Sentence s, int qualStart) {
    if (!BY.contains(s.norm(qualStart - 1))) {
      return false;
    }
    for (int k = qualStart - 2; k >= Math.max(0, qualStart - 4); k--) {
      if (Lexicon.WORKFORCE_NOUNS.contains(s.norm(k))) {
        return true;
      }
    }
    return false;
  }

  private static FigureRole classifyCount(Sentence s, Quantity q) {
    boolean layoffCount = jobNounAfter(s, q.end()) || governedByLayoffWord(s, q.qualStart());
    if (!layoffCount) {
      return FigureRole.OTHER;
    }
    int before = q.qualStart();
    String prev = s.norm(before - 1);
    if (Lexicon.SUBSET.contains(prev)
        || (prev.equals("which") && s.norm(before - 2).equals("of"))) {
      return FigureRole.SUBSET;
    }
    if (isLevel(s, before)) {
      return FigureRole.LEVEL;
    }
    boolean possessive = Lexicon.POSSESSIVES.contains(prev) && !layoffNounAfter(s, q.end());
    if (possessive
        || (prev.equals("the") && OF.contains(s.norm(before - 2)))
        || (prev.equals("of") && isWorkforceWord(s.norm(before - 2)))
        || (prev.equals("de") && s.norm(before - 2).equals("effectif"))
        || windowBeforeHas(s, before, Lexicon.TOTAL_VERBS)
        || totalAfter(s, q.end())) {
      return FigureRole.TOTAL_STAFF;
    }
    if (windowBeforeHas(s, before, EQUIVALENT)) {
      return FigureRole.OTHER;
    }
    if (windowBeforeHas(s, before, Lexicon.HIRING)) {
      return FigureRole.HIRING;
    }
    if (windowBeforeHas(s, before, Lexicon.UNFILLED_BEFORE)
        || windowAfterHas(s, q.end(), Lexicon.UNFILLED_AFTER)) {
      return FigureRole.UNFILLED;
    }
    return q.isVague() ? FigureRole.VAGUE_HEADCOUNT : FigureRole.HEADCOUNT;
  }

  /**
   * A job noun within a few words after the number ("9,000 more positions", "500 of its
   * employees", "thousands of its roughly 270,000 employees").
   */
  private static boolean jobNounAfter(Sentence s, int end) {
    int words = 0;
    for (int k = end; k < s.size() && words <= NOUN_LOOKAHEAD; k++) {
      Token t = s.get(k);
      String w = t.norm();
      if (Lexicon.JOB_NOUNS.contains(w)) {
        return true;
      }
      if (t.isNumber()
          && (Lexicon.POSSESSIVES.contains(s.norm(k - 1))
              || Lexicon.POSSESSIVES.contains(s.norm(k - 2)))) {
        continue;
      }
      if (t.isPunct() || t.isNumber()) {
        return false;
      }
      if (Lexicon.STOPS.contains(w) && !OF.contains(w)) {
        return false;
      }
      words++;
    }
    return false;
  }

  /** "Amazon's 14,000 job cuts": a possessive before a count of cuts is not a total. */
  private static boolean layoffNounAfter(Sentence s, int end) {
    for (int k = end; k < Math.min(s.size(), end + NOUN_LOOKAHEAD); k++) {
      String w = s.norm(k);
      if (LAYOFF_NOUNS.contains(w) || (w.equals("job") && s.norm(k + 1).startsWith("cut"))) {
        return true;
      }
    }
    return false;
  }

  /** "laid off 1,000", "layoffs of 500", "licencier 200" with no noun after. */
  private static boolean governedByLayoffWord(Sentence s, int before) {
    int k = before - 1;
    if (OF.contains(s.norm(k))) {
      k--;
    }
    String w = s.norm(k);
    return Lexicon.STRONG_TRIGGERS.contains(w)
        || w.equals("off")
        || w.equals("go")
        || (w.equals("cuts") && s.norm(k - 1).equals("job"));
  }

  /** "from 9,000 to 5,000", "cut its workforce to 5,000", "cap headcount at 12,000". */
  private static boolean isLevel(Sentence s, int before) {
    String prev = s.norm(before - 1);
    if (prev.equals("from")) {
      return true;
    }
    if (prev.equals("to") || prev.equals("a") || prev.equals("at")) {
      String prev2 = s.norm(before - 2);
      if (isWorkforceWord(prev2)) {
        return true;
      }
      if (!NOT_LEVEL_BEFORE_TO.contains(prev2)) {
        for (int k = before - 3; k >= Math.max(0, before - 12); k--) {
          if (isWorkforceWord(s.norm(k))) {
            return true;
          }
        }
      }
      for (int k = before - 2; k >= Math.max(0, before - 6); k--) {
        if (s.get(k).isNumber() && s.norm(k - 1).equals("from")) {
          return true;
        }
      }
    }
    return prev.equals("de") && s.norm(before - 2).equals("passer");
  }

  private static boolean isWorkforceWord(String w) {
    return w.equals("workforce")
        || w.equals("headcount")
        || w.equals("staff")
        || w.equals("effectifs")
        || w.equals("effectif")
        || w.equals("employees");
  }

  /**
   * "people the company employs", "employees as of July", "at the end of 2023", "à fin
   * septembre", "before the cuts". "By the end of March" and "d'ici fin mars" are deadlines of
   * the cut, not dates of a staff count.
   */
  private static boolean totalAfter(Sentence s, int end) {
    for (int k = end; k < Math.min(s.size(), end + CONTEXT_WINDOW); k++) {
      Token t = s.get(k);
      if (t.isPunct(',') || t.isPunct(';') || t.isPunct('.')) {
        return false;
      }
      String w = t.norm();
      if (Lexicon.TOTAL_AFTER.contains(w)) {
        return true;
      }
      if (w.equals("as") && s.norm(k + 1).equals("of")) {
        return true;
      }
      if (w.equals("end")
          && s.norm(k + 1).equals("of")
          && s.norm(k - 1).equals("the")
          && s.norm(k - 2).equals("at")) {
        return true;
      }
      if (w.equals("fin")
          && (s.norm(k - 1).equals("a") || s.norm(k - 1).equals("en"))
          && (s.get(k + 1 < s.size() ? k + 1 : k).isNumber()
              || Lexicon.MONTHS.contains(s.norm(k + 1)))) {
        return true;
      }
    }
    return false;
  }

  /** The words before {@code before}, back to a clause boundary, a trigger or another number. */
  private static boolean windowBeforeHas(Sentence s, int before, Set<String> words) {
    for (int k = before - 1; k >= Math.max(0, before - CONTEXT_WINDOW); k--) {
      Token t = s.get(k);
      if (t.isPunct(',') || t.isPunct(';') || t.isPunct(':') || t.isPunct('(') || t.isNumber()) {
        return false;
      }
      String w = t.norm();
      if (words.contains(w)) {
        return true;
      }
      if (Lexicon.STRONG_TRIGGERS.contains(w) || Lexicon.WEAK_TRIGGERS.contains(w)) {
        return false;
      }
    }
    return false;
  }

  /** The words after {@code end}, up to a clause boundary, a conjunction or another number. */
  private static boolean windowAfterHas(Sentence s, int end, Set<String> words) {
    for (int k = end; k < Math.min(s.size(), end + CONTEXT_WINDOW); k++) {
      Token t = s.get(k);
      if (t.isPunct(',')
          || t.isPunct(';')
          || t.isPunct('.')
          || t.isNumber()
          || CONJUNCTIONS.contains(t.norm())) {
        return false;
      }
      if (words.contains(t.norm())) {
        return true;
      }
    }
    return false;
  }
}
