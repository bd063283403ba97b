package dev.layoffsignals.extractor;

/**
 * How precise a reported headcount is. The symbol names are those of the Avro enum of the same
 * name, so the topology maps one onto the other by name.
 */
public enum HeadcountQualifier {
  /** The figure is stated as is ("10,000 jobs"). */
  EXACT,
  /** "about", "roughly", "nearly", "environ", "près de", "quelque". */
  APPROX,
  /** "more than", "over", "at least", "plus de". */
  AT_LEAST,
  /** "up to", "as many as", "jusqu'à", and upper bounds such as "fewer than". */
  UP_TO,
  /** "hundreds of", "des centaines de": no figure, only its order of magnitude. */
  HUNDREDS,
  /** "thousands of", "des milliers de". */
  THOUSANDS
}
