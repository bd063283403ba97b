package dev.layoffsignals.producers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text inputs read as UTF-8 where a byte sequence that is not UTF-8 does not end the input: it is
 * read as a marker, and the line or field that holds it is rejected with its position while the
 * rest of the file is read. (A strict reader throws at the first such byte, which loses the whole
 * file and says neither where nor why.)
 *
 * <p>The marker is a lone low surrogate, {@code U+DFFF}, which decoding valid UTF-8 never yields
 * (a low surrogate only ever comes right after a high one, as the second half of a pair).
 */
public final class Utf8Text {

  static final char MALFORMED = '\uDFFF';

  private Utf8Text() {
  }

  /** A reader of UTF-8 text that marks what is not UTF-8 instead of failing. */
  public static BufferedReader reader(InputStream in) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith(String.valueOf(MALFORMED));
    return new BufferedReader(new InputStreamReader(in, decoder));
  }

  /** {@link #reader(InputStream)} over a file. */
  public static BufferedReader reader(Path file) throws IOException {
    return reader(Files.newInputStream(file));
  }

  /** {@code text} with every lone surrogate (the marker included) replaced by U+FFFD: text any UTF-8 writer can write. */
  public static String printable(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired = Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
          : Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
      if (Character.isSurrogate(c) && !paired) {
        if (sb == null) {
          sb = new StringBuilder(text);
        }
        sb.setCharAt(i, '\uFFFD');
      }
    }
    return sb == null ? text : sb.toString();
  }

  /** The 1-based position in {@code text} of the first byte sequence that was not UTF-8, or 0 when there is none. */
  public static int malformedAt(String text) {
    for (int i = text.indexOf(MALFORMED); i >= 0; i = text.indexOf(MALFORMED, i + 1)) {
      if (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1))) {
        return i + 1;
      }
    }
    return 0;
  }
}
