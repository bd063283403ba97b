package dev.layoffsignals.extractor;

/**
 * One token of a text: a word, a number literal or a single punctuation character.
 *
 * @param text  the characters as written (a number keeps its separators: "14 000")
 * @param norm  lower case without accents; for numbers the same as {@code text}
 * @param start offset of the first character in the tokenized text
 * @param end   offset after the last character
 * @param kind  word, number or punctuation
 * @param value numeric value for {@link Kind#NUMBER}, NaN otherwise
 */
record Token(String text, String norm, int start, int end, Kind kind, double value) {

  enum Kind {
    WORD,
    NUMBER,
    PUNCT
  }

  boolean isWord() {
    return kind == Kind.WORD;
  }

  boolean isNumber() {
    return kind == Kind.NUMBER;
  }

  boolean isPunct() {
    return kind == Kind.PUNCT;
  }

  boolean isPunct(char c) {
    return kind == Kind.PUNCT && text.charAt(0) == c;
  }

  boolean isCapitalized() {
    return kind == Kind.WORD && Character.isUpperCase(text.charAt(0));
  }
}
