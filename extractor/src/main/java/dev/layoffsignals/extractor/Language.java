package dev.layoffsignals.extractor;

import java.util.Locale;
import java.util.Optional;

/** The two languages of the input press. */
public enum Language {
  EN,
  FR;

  /** Parses "en", "FR", "fr-FR"...; empty for anything else, so callers fall back to detection. */
  public static Optional<Language> parse(String code) {
    if (code == null || code.length() < 2) {
      return Optional.empty();
    }
    String prefix = code.substring(0, 2).toLowerCase(Locale.ROOT);
    return switch (prefix) {
      case "en" -> Optional.of(EN);
      case "fr" -> Optional.of(FR);
      default -> Optional.empty();
    };
  }
}
