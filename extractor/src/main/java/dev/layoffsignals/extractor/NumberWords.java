package dev.layoffsignals.extractor;

import java.util.Map;

/**
 * Reads numbers written in words in English and French: "four hundred", "a thousand",
 * "forty-one", "onze mille", "deux cents", "quatre-vingt-dix". Hyphens are already gone (the
 * tokenizer drops them), so "dix-sept" arrives as "dix", "sept".
 */
final class NumberWords {

  /** Result of reading words from a position: the value and the index after the last word. */
  record Reading(double value, int end) {}

  private static final Map<String, Integer> UNITS =
      Map.ofEntries(
          Map.entry("zero", 0),
          Map.entry("six", 6),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12),
          Map.entry("thirteen", 13),
          Map.entry("fourteen", 14),
          Map.entry("fifteen", 15),
          Map.entry("sixteen", 16),
          Map.entry("seventeen", 17),
          Map.entry("eighteen", 18),
          Map.entry("nineteen", 19),
          Map.entry("twenty", 20),
          Map.entry("thirty", 30),
          Map.entry("forty", 40),
          Map.entry("fifty", 50),
          Map.entry("sixty", 60),
          Map.entry("seventy", 70),
          Map.entry("eighty", 80),
          Map.entry("ninety", 90),
          Map.entry("un", 1),
          Map.entry("une", 1),
          Map.entry("deux", 2),
          Map.entry("trois", 3),
          Map.entry("quatre", 4),
          Map.entry("cinq", 5),
          Map.entry("sept", 7),
          Map.entry("huit", 8),
          Map.entry("neuf", 9),
          Map.entry("dix", 10),
          Map.entry("onze", 11),
          Map.entry("douze", 12),
          Map.entry("treize", 13),
          Map.entry("quatorze", 14),
          Map.entry("quinze", 15),
          Map.entry("seize", 16),
          Map.entry("vingt", 20),
          Map.entry("vingts", 20),
          Map.entry("trente", 30),
          Map.entry("quarante", 40),
          Map.entry("cinquante", 50),
          Map.entry("soixante", 60));

  private static final Map<String, Integer> MULTIPLIERS =
      Map.of(
          "hundred",
          100,
          "cent",
          100,
          "cents",
          100,
          "thousand",
          1_000,
          "mille",
          1_000,
          "million",
          1_000_000,
          "millions",
          1_000_000);

  private NumberWords() {}

  /**
   * Reads a number in words starting at {@code from}; null when there is none. A lone "one",
   * "un", "une" or "a" is an article, not a number, and "a" only counts before a multiplier
   * ("a thousand"). "six" and "sept" are read as numbers in both languages.
   */
  static Reading read(Sentence s, int from) {
    long total = 0;
    long current = 0;
    int i = from;
    int words = 0;
    boolean sawMultiplier = false;
    while (i < s.size()) {
      Token t = s.get(i);
      if (!t.isWord()) {
        break;
      }
      String w = t.norm();
      if (UNITS.containsKey(w)) {
        int v = UNITS.get(w);
        if (w.equals("quatre") && s.norm(i + 1).startsWith("vingt")) {
          current += 80;
          i += 2;
          words += 2;
          continue;
        }
        current += v;
      } else if (w.equals("a") && words == 0 && MULTIPLIERS.containsKey(s.norm(i + 1))) {
        current += 1;
      } else if (MULTIPLIERS.containsKey(w)) {
        int m = MULTIPLIERS.get(w);
        sawMultiplier = true;
        if (m == 100) {
          current = (current == 0 ? 1 : current) * 100;
        } else {
          total += (current == 0 ? 1 : current) * (long) m;
          current = 0;
        }
      } else if ((w.equals("and") || w.equals("et")) && words > 0 && isNumberWord(s.norm(i + 1))) {
        // "one hundred and twenty", "vingt et un"
      } else {
        break;
      }
      i++;
      words++;
    }
    if (words == 0) {
      return null;
    }
    long value = total + current;
    if (!sawMultiplier && words == 1 && value <= 1) {
      return null;
    }
    return new Reading(value, i);
  }

  static boolean isNumberWord(String w) {
    return UNITS.containsKey(w) || MULTIPLIERS.containsKey(w);
  }
}
