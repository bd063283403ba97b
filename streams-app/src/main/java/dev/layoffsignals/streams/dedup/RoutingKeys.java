package dev.layoffsignals.streams.dedup;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How layoff reports and closes meet in one task: a report with a ticker is keyed by the ticker,
 * like the closes of that symbol; a report without one by its company, prefixed with {@code ~}
 * (no symbol starts with it). Company names are resolved by the same gazetteer in every source,
 * so one company's reports share a key.
 */
public final class RoutingKeys {

  /** Ticker symbols as published on stock-ticks: upper case, Yahoo style for foreign listings (UBI.PA, ^GSPC). */
  public static final Pattern SYMBOL = Pattern.compile("[A-Z0-9^][A-Z0-9.^=\\-]{0,14}");

  private RoutingKeys() {
  }

  public static String of(String ticker, String company) {
    return ticker != null ? ticker : "~" + companyKey(company);
  }

  /** The company name as compared by deduplication: trimmed, inner spaces collapsed, lower case. */
  public static String companyKey(String company) {
    return company.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code s} matches {@link #SYMBOL}. Checked by hand: every tick asks, and the regular
   * expression's matcher cost more than the rest of a tick's validation.
   */
  public static boolean isSymbol(String s) {
    if (s == null || s.isEmpty() || s.length() > 15) {
      return false;
    }
    char first = s.charAt(0);
    if (!isUpperCaseLetterOrDigit(first) && first != '^') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isUpperCaseLetterOrDigit(c) && c != '.' && c != '^' && c != '=' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isUpperCaseLetterOrDigit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
