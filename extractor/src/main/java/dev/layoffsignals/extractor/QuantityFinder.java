package dev.layoffsignals.extractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds every quantity of a sentence: digits with their scale and unit ("1.5 million", "12 %",
 * "$500 million"), numbers in words ("four hundred", "deux cents"), vague counts ("hundreds of",
 * "des milliers de"), and fractions of a whole ("half", "la moitié", "un tiers", "a quarter"),
 * each with the qualifier written before it. What a quantity counts is decided later by
 * {@link FigureClassifier}; this class only reads.
 */
final class QuantityFinder {

  private static final Set<String> THOUSANDS = Set.of("thousand", "thousands", "mille");
  private static final Set<String> MILLIONS = Set.of("million", "millions", "mn");
  private static final Set<String> BILLIONS =
      Set.of(
          "billion",
          "billions",
          "bn",
          "milliard",
          "milliards",
          "md",
          "mds",
          "mrd",
          "trillion",
          "trillions");
  private static final Set<String> CURRENCY_SYMBOLS = Set.of("$", "€", "£", "¥", "₹");
  private static final Set<String> CURRENCY_WORDS =
      Set.of(
          "dollars",
          "dollar",
          "euros",
          "euro",
          "usd",
          "eur",
          "pounds",
          "livres",
          "couronnes",
          "crowns",
          "kronor",
          "yen",
          "yuan",
          "rupees",
          "roupies",
          "francs",
          "$",
          "€",
          "£",
          "cents");
  private static final Set<String> FEW =
      Set.of("several", "few", "many", "plusieurs", "quelques", "des", "les");
  private static final Map<String, Double> FRACTIONS =
      Map.ofEntries(
          Map.entry("half", 50.0),
          Map.entry("moitie", 50.0),
          Map.entry("third", 100.0 / 3),
          Map.entry("thirds", 100.0 / 3),
          Map.entry("tiers", 100.0 / 3),
          Map.entry("quarter", 25.0),
          Map.entry("quarters", 25.0),
          Map.entry("quart", 25.0),
          Map.entry("quarts", 25.0),
          Map.entry("fifth", 20.0),
          Map.entry("fifths", 20.0),
          Map.entry("cinquieme", 20.0),
          Map.entry("cinquiemes", 20.0),
          Map.entry("tenth", 10.0),
          Map.entry("dixieme", 10.0));
  private static final Map<String, Integer> NUMERATORS =
      Map.of(
          "a", 1, "an", 1, "one", 1, "un", 1, "une", 1, "two", 2, "deux", 2, "three", 3, "trois",
          3);
  private static final Set<String> RANGE_LINKS = Set.of("and", "to", "et", "a");
  private static final Set<String> HALVE = Set.of("halve", "halves", "halved", "halving");

  private QuantityFinder() {}

  static List<Quantity> find(Sentence s) {
    List<Quantity> out = new ArrayList<>();
    int i = 0;
    while (i < s.size()) {
      Token t = s.get(i);
      Quantity q = null;
      if (t.isNumber()) {
        q = numeric(s, i);
      } else if (t.isWord()) {
        q = vague(s, i);
        if (q == null) {
          q = fraction(s, i);
        }
        if (q == null) {
          q = inWords(s, i);
        }
      }
      if (q != null) {
        q = widenToRange(s, q);
        out.add(q);
        i = q.end();
      } else {
        i++;
      }
    }
    return out;
  }

  /**
   * "between 4,000 and 6,000 jobs", "4 000 à 6 000 postes", "15 % à 20 %": one quantity at the
   * upper bound, UP_TO unless a qualifier says otherwise. A falling pair ("from 9,000 to 5,000")
   * is two staff levels and stays two quantities.
   */
  private static Quantity widenToRange(Sentence s, Quantity q) {
    if (q.money() || q.isVague() || q.fraction() || !RANGE_LINKS.contains(s.norm(q.end()))) {
      return q;
    }
    int next = q.end() + 1;
    Quantity upper = null;
    if (next < s.size() && s.get(next).isNumber()) {
      upper = numeric(s, next);
    } else if (next < s.size() && s.get(next).isWord()) {
      upper = inWords(s, next);
    }
    if (upper == null
        || upper.money()
        || upper.value() <= q.value()
        || (q.percent() && !upper.percent())) {
      return q;
    }
    int qualStart = q.qualStart();
    if (s.norm(qualStart - 1).equals("between") || s.norm(qualStart - 1).equals("entre")) {
      qualStart--;
    }
    HeadcountQualifier qualifier =
        q.qualifier() == HeadcountQualifier.EXACT ? HeadcountQualifier.UP_TO : q.qualifier();
    return new Quantity(
        q.start(), upper.end(), qualStart, upper.value(), upper.percent(), false, false, qualifier);
  }

  private static Quantity numeric(Sentence s, int i) {
    double value = s.get(i).value();
    int j = i + 1;
    boolean big = false;
    String unit = s.norm(j);
    if (THOUSANDS.contains(unit)) {
      value *= 1_000;
      j++;
    } else if (MILLIONS.contains(unit)) {
      value *= 1_000_000;
      j++;
    } else if (BILLIONS.contains(unit)) {
      value *= 1_000_000_000;
      big = true;
      j++;
    }
    return finish(s, i, j, value, big);
  }

  private static Quantity inWords(Sentence s, int i) {
    NumberWords.Reading r = NumberWords.read(s, i);
    if (r == null) {
      return null;
    }
    return finish(s, i, r.end(), r.value(), false);
  }

  /** Adds the unit after a number ("%", "percent", currency) and the qualifier before it. */
  private static Quantity finish(Sentence s, int start, int end, double value, boolean big) {
    boolean percent = false;
    int j = end;
    String next = s.norm(j);
    if (next.equals("%") || next.equals("percent") || next.equals("pct")) {
      percent = true;
      j++;
    } else if ((next.equals("per") || next.equals("pour")) && s.norm(j + 1).equals("cent")) {
      percent = true;
      j += 2;
    }
    boolean money =
        big
            || CURRENCY_SYMBOLS.contains(s.norm(start - 1))
            || CURRENCY_WORDS.contains(s.norm(j))
            || ((s.norm(j).equals("de") || s.norm(j).equals("d"))
                && CURRENCY_WORDS.contains(s.norm(j + 1)));
    Qualifiers.Found q =
        Qualifiers.before(
            s, money && CURRENCY_SYMBOLS.contains(s.norm(start - 1)) ? start - 1 : start);
    return new Quantity(start, j, q.start(), value, percent, false, money, q.qualifier());
  }

  /** "hundreds of", "des centaines de", "tens of thousands", "une centaine", "un millier". */
  private static Quantity vague(Sentence s, int i) {
    String w = s.norm(i);
    String next = s.norm(i + 1);
    if ((w.equals("une") && next.equals("centaine"))
        || (w.equals("un") && next.equals("millier"))
        || (w.equals("une") && next.equals("douzaine"))
        || (w.equals("a") && next.equals("dozen"))) {
      double v = next.equals("centaine") ? 100 : next.equals("millier") ? 1_000 : 12;
      Qualifiers.Found q = Qualifiers.before(s, i);
      HeadcountQualifier qualifier =
          q.qualifier() == HeadcountQualifier.EXACT ? HeadcountQualifier.APPROX : q.qualifier();
      return new Quantity(i, i + 2, q.start(), v, false, false, false, qualifier);
    }
    boolean few = FEW.contains(w);
    int head = few ? i + 1 : i;
    String h = s.norm(head);
    HeadcountQualifier kind = null;
    int end = head + 1;
    if (h.equals("hundreds")
        || h.equals("centaines")
        || (few && !w.equals("des") && !w.equals("les") && h.equals("hundred"))) {
      kind = HeadcountQualifier.HUNDREDS;
    } else if (h.equals("thousands")
        || h.equals("milliers")
        || (few && !w.equals("des") && !w.equals("les") && h.equals("thousand"))) {
      kind = HeadcountQualifier.THOUSANDS;
    } else if ((h.equals("tens") || h.equals("dizaines"))
        && (s.norm(head + 1).equals("of") || s.norm(head + 1).equals("de"))
        && (s.norm(head + 2).equals("thousands") || s.norm(head + 2).equals("milliers"))) {
      kind = HeadcountQualifier.THOUSANDS;
      end = head + 3;
    }
    if (kind == null) {
      return null;
    }
    return new Quantity(i, end, i, Double.NaN, false, false, false, kind);
  }

  /** "half", "a third", "two-thirds", "la moitié", "un quart", "halve", "de moitié". */
  private static Quantity fraction(Sentence s, int i) {
    String w = s.norm(i);
    if (HALVE.contains(w)) {
      return new Quantity(i, i + 1, i, 50.0, true, true, false, HeadcountQualifier.EXACT);
    }
    Integer numerator = NUMERATORS.get(w);
    int head = numerator != null ? i + 1 : i;
    Double unit = FRACTIONS.get(s.norm(head));
    if (unit == null) {
      return null;
    }
    boolean half = s.norm(head).equals("half") || s.norm(head).equals("moitie");
    if (numerator == null && !half) {
      return null;
    }
    int n = numerator == null ? 1 : numerator;
    double pct = Math.round(unit * n * 10) / 10.0;
    Qualifiers.Found q = Qualifiers.before(s, i);
    return new Quantity(i, head + 1, q.start(), pct, true, true, false, q.qualifier());
  }
}
