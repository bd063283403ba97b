package dev.layoffsignals.extractor;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into words, number literals and punctuation.
 *
 * <p>Numbers are read here, at the character level, because their separators are ambiguous once
 * split: "11,000", "11 000" (plain, no-break U+00A0, narrow no-break U+202F or thin space) and
 * "9.100" are one number each, while "2,5" and "1.5" are decimals. A separator followed by exactly
 * three digits (and no fourth) groups thousands; any other digits after "," or "." are decimals.
 * "12k" is 12,000. Apostrophes and hyphens separate words and are dropped ("d'environ" gives "d",
 * "environ"; "dix-sept" gives "dix", "sept"), which is what the lexicons expect.
 */
final class Tokenizer {

  private Tokenizer() {}

  static List<Token> tokenize(String s) {
    List<Token> tokens = new ArrayList<>(Math.max(16, s.length() / 5));
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (isSpace(c) || isWordJoiner(c)) {
        i++;
      } else if (isDigit(c)) {
        i = readNumber(s, i, tokens);
      } else if (Character.isLetter(c)) {
        int j = i + 1;
        while (j < n && Character.isLetterOrDigit(s.charAt(j))) {
          j++;
        }
        String text = s.substring(i, j);
        tokens.add(new Token(text, norm(text), i, j, Token.Kind.WORD, Double.NaN));
        i = j;
      } else {
        String text = String.valueOf(c == '–' || c == '—' ? ',' : c);
        tokens.add(new Token(text, text, i, i + 1, Token.Kind.PUNCT, Double.NaN));
        i++;
      }
    }
    return tokens;
  }

  /** Reads a number literal at {@code start}; falls back to a word for "5G", "3rd", "Q3x". */
  private static int readNumber(String s, int start, List<Token> tokens) {
    int n = s.length();
    int j = start;
    while (j < n && isDigit(s.charAt(j))) {
      j++;
    }
    StringBuilder digits = new StringBuilder(s.substring(start, j));
    if (j - start <= 3) {
      while (j + 3 < n
          && isGroupSeparator(s.charAt(j))
          && isDigit(s.charAt(j + 1))
          && isDigit(s.charAt(j + 2))
          && isDigit(s.charAt(j + 3))
          && (j + 4 >= n || !isDigit(s.charAt(j + 4)))) {
        digits.append(s, j + 1, j + 4);
        j += 4;
      }
    }
    String fraction = "";
    if (j + 1 < n && (s.charAt(j) == '.' || s.charAt(j) == ',') && isDigit(s.charAt(j + 1))) {
      int k = j + 1;
      while (k < n && isDigit(s.charAt(k))) {
        k++;
      }
      fraction = s.substring(j + 1, k);
      j = k;
    }
    double value =
        Double.parseDouble(fraction.isEmpty() ? digits.toString() : digits + "." + fraction);
    if (j < n
        && (s.charAt(j) == 'k' || s.charAt(j) == 'K')
        && (j + 1 >= n || !Character.isLetter(s.charAt(j + 1)))) {
      value *= 1000;
      j++;
    }
    if (j < n && Character.isLetter(s.charAt(j))) {
      int k = j;
      while (k < n && Character.isLetterOrDigit(s.charAt(k))) {
        k++;
      }
      String text = s.substring(start, k);
      tokens.add(new Token(text, TextFolding.fold(text), start, k, Token.Kind.WORD, Double.NaN));
      return k;
    }
    String text = s.substring(start, j);
    tokens.add(new Token(text, text, start, j, Token.Kind.NUMBER, value));
    return j;
  }

  /**
   * Folded form of a word, except for false friends that folding would merge: English
   * "salaries" (pay) must not become French "salariés" (employees), or "executives' salaries
   * reduced by 20%" would read as a workforce cut.
   */
  private static String norm(String word) {
    String folded = TextFolding.fold(word);
    if (folded.equals("salaries") && word.regionMatches(true, word.length() - 3, "ies", 0, 3)) {
      return "salaries#pay";
    }
    return folded;
  }

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static boolean isWordJoiner(char c) {
    return c == '\'' || c == '’' || c == 'ʼ' || c == '‘' || c == '-' || c == '‑' || c == '\u00AD';
  }

  private static boolean isGroupSeparator(char c) {
    return c == ',' || c == '.' || c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\u2009';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
