package dev.layoffsignals.extractor;

import java.util.List;
import java.util.Objects;

/**
 * One layoff announcement found in an article.
 *
 * @param articleId          id of the article it came from
 * @param company            the company that cuts jobs, resolved through the gazetteer (or, when
 *                           the gazetteer does not know it, named as written, without ticker and sector)
 * @param headcount          number of jobs cut, null when the article gives none
 * @param headcountQualifier how precise {@code headcount} is; HUNDREDS/THOUSANDS with a null
 *                           headcount for "hundreds of"; null when nothing is said
 * @param workforcePct       share of the workforce cut, in percent (13.0), null when not given
 * @param division           division, brand or team named as affected, null when none
 * @param reasons            reasons the article gives, in enum order; empty when none
 * @param evidence           the sentence the announcement was read from
 * @param confidence         in [0, 1]; lower for figures inherited from a neighbouring sentence,
 *                           conditional wording, or a headline alone
 */
public record LayoffMention(
    String articleId,
    Company company,
    Integer headcount,
    HeadcountQualifier headcountQualifier,
    Double workforcePct,
    String division,
    List<LayoffReason> reasons,
    String evidence,
    double confidence) {

  public LayoffMention {
    Objects.requireNonNull(articleId, "articleId");
    Objects.requireNonNull(company, "company");
    reasons = List.copyOf(reasons);
    if (confidence < 0.0 || confidence > 1.0) {
      throw new IllegalArgumentException("confidence out of [0, 1]: " + confidence);
    }
  }

  /** Canonical company name. */
  public String companyName() {
    return company.canonicalName();
  }

  /** Ticker, null for private companies. */
  public String ticker() {
    return company.ticker();
  }

  /** Sector of the company; null for a company missing from the gazetteer. */
  public String sector() {
    return company.sector();
  }
}
