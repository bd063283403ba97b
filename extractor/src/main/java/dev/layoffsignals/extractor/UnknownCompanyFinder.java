package dev.layoffsignals.extractor;

import java.util.List;
import java.util.Set;

/**
 * Names a company the gazetteer does not know, when a layoff sentence makes it the subject:
 * "Acme Cloud will lay off 120 employees", "La start-up Qonto va supprimer 50 postes", "Lydia,
 * l'application de paiement, va se séparer de 80 % ...". Only 1 to 3
 * capitalised words directly followed by an action verb count; "said" does not, because people
 * say things ("Jassy said the company would cut ..."). The company gets no ticker and no sector.
 * Used only when the sentence names no known company and the article has not named one before,
 * so that a known company is never replaced by a guess.
 */
final class UnknownCompanyFinder {

  private static final int MAX_WORDS = 3;
  private static final int MAX_START = 8;
  private static final int MAX_APPOSITION = 10;
  private static final Set<String> SUBJECT_VERBS =
      Set.of(
          "is",
          "will",
          "has",
          "plans",
          "lays",
          "laid",
          "cuts",
          "cut",
          "slashes",
          "slashed",
          "to",
          "eliminates",
          "axes",
          "sheds",
          "trims",
          "announced",
          "announces",
          "confirmed",
          "confirms",
          "began",
          "begins",
          "va",
          "a",
          "prevoit",
          "annonce",
          "licencie",
          "supprime",
          "se",
          "envisage",
          "compte",
          "reduit",
          "confirme",
          "lance",
          "taille");
  private static final Set<String> NOT_A_NAME =
      Set.of(
          "the",
          "a",
          "an",
          "le",
          "la",
          "les",
          "l",
          "un",
          "une",
          "il",
          "elle",
          "ils",
          "elles",
          "it",
          "its",
          "this",
          "that",
          "these",
          "in",
          "on",
          "at",
          "selon",
          "according",
          "meanwhile",
          "however",
          "but",
          "and",
          "mais",
          "et",
          "cette",
          "ce",
          "ces",
          "chief",
          "ceo",
          "president",
          "mr",
          "mrs",
          "ms",
          "m",
          "mme",
          "pdg",
          "tech",
          "us",
          "u",
          "s",
          "uk",
          "eu",
          "france",
          "europe",
          "china",
          "india",
          "germany",
          "america",
          "american",
          "wall",
          "street",
          "company",
          "entreprise",
          "groupe",
          "societe",
          "analysts",
          "layoffs",
          "job",
          "jobs",
          "employees",
          "workers",
          "staff",
          "licenciements",
          "startup",
          "startups",
          "start",
          "up",
          "silicon",
          "valley",
          "federal",
          "government",
          "state",
          "union",
          "unions",
          "now",
          "today",
          "also",
          "earlier",
          "later",
          "then",
          "so",
          "he",
          "she",
          "they",
          "we",
          "i",
          "you",
          "nous",
          "vous",
          "who",
          "what",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "lundi",
          "mardi",
          "mercredi",
          "jeudi",
          "vendredi",
          "samedi",
          "dimanche",
          "ai",
          "ia",
          "if",
          "si",
          "when",
          "quand",
          "plus",
          "more",
          "many",
          "some",
          "several",
          "plusieurs",
          "de",
          "des",
          "du",
          "d",
          "cet",
          "after",
          "apres",
          "before",
          "avant",
          "while",
          "alors",
          "tout",
          "tous",
          "toutes",
          "all",
          "each",
          "chaque",
          "big",
          "large",
          "smaller",
          "small",
          "nearly",
          "about",
          "other",
          "others",
          "autres",
          "why",
          "how");

  private UnknownCompanyFinder() {}

  /** A mention of an unknown company as the subject of the sentence, or null. */
  static CompanyMention find(Sentence s, List<Trigger> triggers) {
    int limit = Math.min(MAX_START, triggers.isEmpty() ? 0 : triggers.get(0).start());
    for (int i = 0; i < limit; i++) {
      if (!isNameWord(s, i) || (i > 0 && isNameWord(s, i - 1))) {
        continue;
      }
      int end = i;
      while (end < s.size() && end - i < MAX_WORDS && isNameWord(s, end)) {
        end++;
      }
      int verb = afterApposition(s, end);
      if (verb < s.size()
          && end - i <= MAX_WORDS
          && SUBJECT_VERBS.contains(s.norm(verb))
          && !isNameWord(s, verb)) {
        int base = s.get(0).start();
        String name = s.text().substring(s.get(i).start() - base, s.get(end - 1).end() - base);
        return new CompanyMention(i, end, new Company(name, null, null, null, List.of()), null);
      }
    }
    return null;
  }

  /** "Lydia, l'application de paiement, va ...": the index after the apposition, or {@code end}. */
  private static int afterApposition(Sentence s, int end) {
    if (end >= s.size() || !s.get(end).isPunct(',')) {
      return end;
    }
    for (int k = end + 1; k < Math.min(s.size(), end + MAX_APPOSITION); k++) {
      if (s.get(k).isPunct(',')) {
        return k + 1;
      }
      if (s.get(k).isPunct()) {
        return end;
      }
    }
    return end;
  }

  private static boolean isNameWord(Sentence s, int i) {
    if (i < 0 || i >= s.size()) {
      return false;
    }
    Token t = s.get(i);
    return t.isCapitalized()
        && !NOT_A_NAME.contains(t.norm())
        && !Lexicon.MONTHS.contains(t.norm())
        && !Lexicon.STRONG_TRIGGERS.contains(t.norm())
        && !Lexicon.WEAK_TRIGGERS.contains(t.norm());
  }
}
