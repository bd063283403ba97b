package dev.layoffsignals.producers.articles;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable article ids, the key of the articles topic: the id the source gives, else {@code url-}
 * and a hash of the URL, else {@code txt-} and a hash of the text. Hashes are the first 20 hex digits
 * (80 bits) of SHA-256; the text hash ignores differences in white space, so a re-wrapped copy of
 * the same article gets the same id.
 */
public final class ArticleIds {

  private ArticleIds() {
  }

  public static String of(String givenId, String url, String title, String body) {
    if (givenId != null && !givenId.isBlank()) {
      return givenId.trim();
    }
    if (url != null && !url.isBlank()) {
      return "url-" + sha256Prefix(url.trim());
    }
    String text = (title == null ? "" : title) + "\n" + (body == null ? "" : body);
    return "txt-" + sha256Prefix(text.trim().replaceAll("\\s+", " "));
  }

  static String sha256Prefix(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
