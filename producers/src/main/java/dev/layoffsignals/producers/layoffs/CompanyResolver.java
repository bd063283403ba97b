package dev.layoffsignals.producers.layoffs;

import java.util.Optional;

/**
 * Maps a company name as written in an import to the company we know: canonical name, ticker,
 * sector. Backed by the extractor's gazetteer in the commands ({@link GazetteerResolver}); tests
 * pass a small map.
 */
@FunctionalInterface
public interface CompanyResolver {

  /** A resolver that knows no company: every name is kept as given, with no ticker. */
  CompanyResolver NONE = name -> Optional.empty();

  Optional<KnownCompany> resolve(String name);

  /**
   * A company the resolver knows.
   *
   * @param canonicalName the name to publish
   * @param ticker        listed ticker, or null for a private company
   * @param sector        sector, or null when the resolver has none
   */
  record KnownCompany(String canonicalName, String ticker, String sector) {
  }
}
