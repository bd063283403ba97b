package dev.layoffsignals.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/**
 * An item of a list with its sort key, taken from its JSON so that items from this instance and
 * from the others sort alike.
 *
 * @param time the primary key: epoch milliseconds of an instant, or epoch day of a date
 * @param tie the secondary key, ascending (an id, or the dimension, value and period of a window)
 * @param item the item as it is returned
 */
record Ranked(long time, String tie, JsonNode item) {

  /** Latest first, then by {@link #tie}. */
  public static final Comparator<Ranked> NEWEST_FIRST =
      Comparator.comparingLong(Ranked::time).reversed().thenComparing(Ranked::tie);

  /** Earliest first, then by {@link #tie}. */
  public static final Comparator<Ranked> OLDEST_FIRST =
      Comparator.comparingLong(Ranked::time).thenComparing(Ranked::tie);
}
