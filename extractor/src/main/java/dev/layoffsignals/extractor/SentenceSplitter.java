package dev.layoffsignals.extractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a text into sentences on its tokens. A sentence ends at ". ! ? …" followed by a space and
 * an upper-case word, a number or an opening quote, unless the word before the dot is an
 * abbreviation ("Inc.", "M.", "U.S.") or an initial; a blank line always ends a sentence.
 * "Booking.com" and "1.5" never split because no space follows the dot.
 */
final class SentenceSplitter {

  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "inc", "corp", "co", "ltd", "llc", "plc", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs",
          "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
          "m", "mm", "mme", "mlle", "av", "approx", "gov", "sen", "rep", "prof", "cf", "p", "e",
          "i");

  private SentenceSplitter() {}

  static List<Sentence> split(String text, boolean isTitle) {
    List<Token> tokens = Tokenizer.tokenize(text);
    List<Sentence> sentences = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < tokens.size(); i++) {
      boolean end = i == tokens.size() - 1;
      if (!end) {
        Token t = tokens.get(i);
        Token next = tokens.get(i + 1);
        end =
            (isTerminal(t)
                    && next.start() > t.end()
                    && startsSentence(next)
                    && !isAbbreviation(tokens, i))
                || blankLineBetween(text, t.end(), next.start());
      }
      if (end) {
        List<Token> part = tokens.subList(from, i + 1);
        String sentenceText = text.substring(part.get(0).start(), part.get(part.size() - 1).end());
        sentences.add(new Sentence(sentenceText, List.copyOf(part), isTitle));
        from = i + 1;
      }
    }
    return sentences;
  }

  private static boolean isTerminal(Token t) {
    return t.isPunct('.') || t.isPunct('!') || t.isPunct('?') || t.isPunct('…');
  }

  private static boolean startsSentence(Token next) {
    return next.isCapitalized()
        || next.isNumber()
        || next.isPunct('«')
        || next.isPunct('"')
        || next.isPunct('“')
        || next.isPunct('(');
  }

  private static boolean isAbbreviation(List<Token> tokens, int dot) {
    if (!tokens.get(dot).isPunct('.') || dot == 0) {
      return false;
    }
    Token before = tokens.get(dot - 1);
    if (!before.isWord() || before.end() != tokens.get(dot).start()) {
      return false;
    }
    return ABBREVIATIONS.contains(before.norm())
        || (before.text().length() == 1 && Character.isUpperCase(before.text().charAt(0)));
  }

  private static boolean blankLineBetween(String text, int from, int to) {
    int newlines = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n' && ++newlines == 2) {
        return true;
      }
    }
    return false;
  }
}
