package dev.layoffsignals.extractor;

/**
 * What one sentence says about one company's layoff; several candidates of the same company are
 * merged into one announcement by {@link AnnouncementMerger}.
 */
record Candidate(
    Company company,
    int sentenceIndex,
    Sentence sentence,
    Integer headcount,
    HeadcountQualifier qualifier,
    Double workforcePct,
    String division,
    boolean explicit,
    boolean strong,
    boolean past,
    boolean conditional) {

  boolean hasHeadcount() {
    return headcount != null
        || qualifier == HeadcountQualifier.HUNDREDS
        || qualifier == HeadcountQualifier.THOUSANDS;
  }

  boolean hasPct() {
    return workforcePct != null;
  }

  /** Body beats headline, figures beat none, a named company beats an inherited one. */
  int rank() {
    return (hasHeadcount() ? 4 : 0)
        + (hasPct() ? 2 : 0)
        + (sentence.isTitle() ? 0 : 3)
        + (explicit ? 1 : 0);
  }
}
