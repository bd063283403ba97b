package dev.layoffsignals.extractor;

import java.util.Set;

/**
 * Finds the division a layoff sentence names when the gazetteer does not know it: "in its cloud
 * unit", "its hardware, voice assistant and engineering teams", "sa division « Plateformes et
 * appareils »", "sa division cloud". Gazetteer divisions (AWS, Reality Labs) are found with the
 * company names and take precedence.
 */
final class DivisionFinder {

  private static final Set<String> EN_HEADS =
      Set.of(
          "division",
          "unit",
          "business",
          "arm",
          "team",
          "teams",
          "segment",
          "group",
          "groups",
          "organization",
          "organisation");
  private static final Set<String> FR_HEADS =
      Set.of("division", "branche", "pole", "unite", "filiale");
  private static final Set<String> DETERMINERS = Set.of("its", "their", "the", "s");
  private static final Set<String> FR_DETERMINERS = Set.of("sa", "son", "ses", "la", "le");
  private static final int MAX_WORDS = 4;

  private DivisionFinder() {}

  static String find(Sentence s) {
    for (int i = 0; i < s.size(); i++) {
      String w = s.norm(i);
      if (FR_HEADS.contains(w) && FR_DETERMINERS.contains(s.norm(i - 1))) {
        String after = after(s, i + 1);
        if (after != null) {
          return after;
        }
      }
      if (EN_HEADS.contains(w)) {
        String before = before(s, i);
        if (before != null) {
          return before;
        }
      }
    }
    return null;
  }

  /** "its Google Cloud division": the words between the determiner and the head. */
  private static String before(Sentence s, int head) {
    int k = head - 1;
    int first = head;
    while (k >= 0
        && head - k <= MAX_WORDS
        && s.get(k).isWord()
        && !DETERMINERS.contains(s.norm(k))
        && !Lexicon.STOPS.contains(s.norm(k))) {
      first = k;
      k--;
    }
    if (first == head || k < 0 || !DETERMINERS.contains(s.norm(k))) {
      return null;
    }
    return text(s, first, head);
  }

  /** "sa division « Plateformes et appareils »", "sa division cloud". */
  private static String after(Sentence s, int from) {
    int i = from;
    if (i >= s.size()) {
      return null;
    }
    boolean quoted = s.get(i).isPunct('«') || s.get(i).isPunct('"');
    if (quoted) {
      i++;
      int start = i;
      while (i < s.size() && !s.get(i).isPunct('»') && !s.get(i).isPunct('"') && i - start < 6) {
        i++;
      }
      return i > start ? text(s, start, i) : null;
    }
    int start = i;
    while (i < s.size()
        && s.get(i).isWord()
        && !Lexicon.STOPS.contains(s.norm(i))
        && i - start < 2
        && !s.norm(i).equals("de")
        && !s.norm(i).equals("du")) {
      i++;
    }
    return i > start ? text(s, start, i) : null;
  }

  private static String text(Sentence s, int from, int to) {
    int base = s.get(0).start();
    return s.text().substring(s.get(from).start() - base, s.get(to - 1).end() - base);
  }
}
