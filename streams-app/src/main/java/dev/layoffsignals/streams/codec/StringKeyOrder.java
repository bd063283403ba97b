package dev.layoffsignals.streams.codec;

import java.util.Comparator;

/**
 * The order in which a key-value store over {@code String} keys iterates: the stores sort the
 * keys' UTF-8 bytes (unsigned), which is the order of their code points (not
 * {@link String#compareTo}'s order of UTF-16 units). A processor that keeps a store's entries
 * decoded in memory goes over them in this order, so that what it emits comes in the same order
 * as when it read the store.
 */
public final class StringKeyOrder {

  public static final Comparator<String> INSTANCE = StringKeyOrder::compare;

  private StringKeyOrder() {
  }

  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
