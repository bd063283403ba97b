package dev.layoffsignals.extractor;

import java.util.List;
import java.util.Objects;

/**
 * A company of the gazetteer.
 *
 * @param canonicalName the one name every alias resolves to ("Alphabet" for "Google")
 * @param ticker        listed security whose price reacts (Yahoo Finance symbol outside the US),
 *                      null for private or delisted companies
 * @param exchange      listing venue, null when there is no ticker
 * @param sector        one of {@link Sector#NAMES}; null only for a company the extractor found in
 *                      an article without knowing it (see {@code UnknownCompanyFinder})
 * @param aliases       other names as written in the gazetteer, without their marker prefixes
 */
public record Company(
    String canonicalName, String ticker, String exchange, String sector, List<String> aliases) {

  public Company {
    Objects.requireNonNull(canonicalName, "canonicalName");
    ticker = blankToNull(ticker);
    exchange = blankToNull(exchange);
    aliases = List.copyOf(aliases);
  }

  /** True when the company has a listed security. */
  public boolean isListed() {
    return ticker != null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
