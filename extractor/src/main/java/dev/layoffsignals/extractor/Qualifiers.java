package dev.layoffsignals.extractor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the qualifier written just before a number ("more than 11,000", "près de 9 100",
 * "jusqu'à 20 000"). Phrases are matched on folded tokens, longest first, ending right before
 * the number, so "close to" wins over a trap word "close" and "up to" over a level "to".
 */
final class Qualifiers {

  /** A qualifier found before a number and where it starts. */
  record Found(HeadcountQualifier qualifier, int start) {}

  private record Phrase(String[] words, HeadcountQualifier qualifier) {}

  private static final List<Phrase> PHRASES = new ArrayList<>();

  /** Last words of all phrases: most numbers have none of them before and skip the scan. */
  private static final Set<String> LAST_WORDS;

  static {
    add(
        HeadcountQualifier.APPROX,
        "about",
        "around",
        "roughly",
        "approximately",
        "approx",
        "nearly",
        "almost",
        "some",
        "circa",
        "close to",
        "an estimated",
        "estimated",
        "just about",
        "environ",
        "pres de",
        "presque",
        "quelque",
        "autour de",
        "approximativement",
        "pas loin de",
        "de l ordre de",
        "a peu pres",
        "grosso modo",
        "~");
    add(
        HeadcountQualifier.AT_LEAST,
        "more than",
        "over",
        "at least",
        "upwards of",
        "in excess of",
        "north of",
        "just over",
        "well over",
        "a little over",
        "plus de",
        "au moins",
        "pas moins de",
        "au dela de",
        "bien plus de",
        "un peu plus de");
    add(
        HeadcountQualifier.UP_TO,
        "up to",
        "as many as",
        "as much as",
        "less than",
        "fewer than",
        "under",
        "no more than",
        "at most",
        "just under",
        "jusqu a",
        "moins de",
        "au plus",
        "au maximum",
        "un peu moins de",
        "pas plus de");
    PHRASES.sort((a, b) -> b.words.length - a.words.length);
    Set<String> last = new HashSet<>();
    for (Phrase p : PHRASES) {
      last.add(p.words[p.words.length - 1]);
    }
    LAST_WORDS = Set.copyOf(last);
  }

  private Qualifiers() {}

  private static void add(HeadcountQualifier q, String... phrases) {
    for (String p : phrases) {
      PHRASES.add(new Phrase(p.split(" "), q));
    }
  }

  /** The qualifier ending at {@code before - 1}, or EXACT starting at {@code before}. */
  static Found before(Sentence s, int before) {
    if (!LAST_WORDS.contains(s.norm(before - 1))) {
      return new Found(HeadcountQualifier.EXACT, before);
    }
    for (Phrase p : PHRASES) {
      int n = p.words.length;
      int from = before - n;
      if (from < 0) {
        continue;
      }
      boolean match = true;
      for (int k = 0; k < n && match; k++) {
        match = s.norm(from + k).equals(p.words[k]);
      }
      if (match) {
        return new Found(p.qualifier, from);
      }
    }
    return new Found(HeadcountQualifier.EXACT, before);
  }
}
