package dev.layoffsignals.extractor;

import java.util.List;
import java.util.Set;

/**
 * Tells French from English by counting frequent function words. Enough for news text of a few
 * sentences; ties go to English.
 */
public final class LanguageDetector {

  private static final Set<String> EN =
      Set.of(
          "the", "and", "of", "to", "in", "is", "it", "that", "for", "with", "said", "will", "its",
          "was", "on", "by", "as", "has", "have", "are", "would", "from", "this", "which");
  private static final Set<String> FR =
      Set.of(
          "le", "la", "les", "des", "de", "du", "et", "est", "une", "un", "pour", "dans", "qui",
          "que", "sur", "au", "aux", "ses", "son", "sa", "va", "pas", "ont", "avec", "cette",
          "selon");

  private LanguageDetector() {}

  public static Language detect(String text) {
    List<Token> tokens = Tokenizer.tokenize(text);
    int en = 0;
    int fr = 0;
    for (Token t : tokens) {
      if (t.isWord()) {
        if (EN.contains(t.norm())) {
          en++;
        }
        if (FR.contains(t.norm())) {
          fr++;
        }
      }
    }
    return fr > en ? Language.FR : Language.EN;
  }
}
