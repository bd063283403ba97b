package dev.layoffsignals.producers.layoffs;

import dev.layoffsignals.extractor.Company;
import dev.layoffsignals.extractor.CompanyGazetteer;
import dev.layoffsignals.producers.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The extractor's gazetteer as a {@link CompanyResolver}: the same names, aliases, tickers and
 * sectors as the article extractor uses, so an import and an article about the same company agree.
 * Its lookup ignores case, accents, punctuation and legal suffixes ("Meta Platforms, Inc." is Meta).
 */
public final class GazetteerResolver implements CompanyResolver {

  private final CompanyGazetteer gazetteer;

  public GazetteerResolver(CompanyGazetteer gazetteer) {
    this.gazetteer = Objects.requireNonNull(gazetteer, "gazetteer");
  }

  /**
   * The built-in gazetteer, plus the user's file when given (its lines replace or add companies).
   *
   * @throws BadInputException when the user's file cannot be read or is malformed
   */
  public static CompanyResolver load(Path extraFile) {
    CompanyGazetteer g = CompanyGazetteer.loadDefault();
    if (extraFile == null) {
      return new GazetteerResolver(g);
    }
    if (!Files.isReadable(extraFile)) {
      throw new BadInputException("Cannot read gazetteer " + extraFile + ": no such file, or not readable");
    }
    try {
      return new GazetteerResolver(g.withExtensions(extraFile));
    } catch (IOException | RuntimeException e) {
      throw new BadInputException("Cannot use gazetteer " + extraFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<KnownCompany> resolve(String name) {
    return gazetteer.lookup(name).map(GazetteerResolver::known);
  }

  private static KnownCompany known(Company c) {
    return new KnownCompany(c.canonicalName(), c.ticker(), c.sector());
  }
}
