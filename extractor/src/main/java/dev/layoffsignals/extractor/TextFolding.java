package dev.layoffsignals.extractor;

import java.text.Normalizer;

/**
 * Lower-cases and strips accents so that "Société", "societe" and "SOCIETE" compare equal. A
 * lookup table replaces {@link Normalizer} on the hot path: folding runs on every token of every
 * article and the table makes it a plain array read.
 */
final class TextFolding {

  private static final int TABLE_SIZE = 0x250;
  private static final String[] TABLE = new String[TABLE_SIZE];

  static {
    for (int c = 0; c < TABLE_SIZE; c++) {
      String s = String.valueOf((char) c);
      String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
      StringBuilder folded = new StringBuilder();
      for (int i = 0; i < decomposed.length(); i++) {
        char d = decomposed.charAt(i);
        if (Character.getType(d) != Character.NON_SPACING_MARK) {
          folded.append(Character.toLowerCase(d));
        }
      }
      TABLE[c] = folded.toString();
    }
    TABLE['œ'] = "oe";
    TABLE['Œ'] = "oe";
    TABLE['æ'] = "ae";
    TABLE['Æ'] = "ae";
    TABLE['ß'] = "ss";
  }

  private TextFolding() {}

  /** Folds {@code s} to lower case without diacritics. */
  static String fold(CharSequence s) {
    StringBuilder out = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 128) {
        char lower = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
        if (out != null) {
          out.append(lower);
        } else if (lower != c) {
          out = new StringBuilder(n).append(s, 0, i).append(lower);
        }
      } else {
        String f = c < TABLE_SIZE ? TABLE[c] : String.valueOf(Character.toLowerCase(c));
        if (out == null) {
          out = new StringBuilder(n).append(s, 0, i);
        }
        out.append(f);
      }
    }
    return out == null ? s.toString() : out.toString();
  }
}
