package dev.layoffsignals.extractor;

/**
 * A quantity read from a sentence, before anyone decided what it counts.
 *
 * @param start      index of its first token, qualifier excluded
 * @param end        index after its last token (unit, "%" or "percent" included)
 * @param qualStart  index of the qualifier's first token ("more than"), {@code start} when none
 * @param value      the number (a percent for percentages), NaN for "hundreds of"
 * @param percent    a percentage or a fraction of a whole ("half", "un tiers")
 * @param fraction   written as a fraction word rather than digits
 * @param money      carries a currency ("$500 million", "8 milliards de dollars")
 * @param qualifier  qualifier read before it; EXACT when none; HUNDREDS/THOUSANDS for vague counts
 */
record Quantity(
    int start,
    int end,
    int qualStart,
    double value,
    boolean percent,
    boolean fraction,
    boolean money,
    HeadcountQualifier qualifier) {

  boolean isVague() {
    return Double.isNaN(value);
  }
}
