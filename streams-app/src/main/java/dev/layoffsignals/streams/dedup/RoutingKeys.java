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

  public static boolean isSymbol(String s) {
    return s != null && SYMBOL.matcher(s).matches();
  }
}
