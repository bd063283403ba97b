package dev.layoffsignals.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/**
 * A list request over one view: which values it keeps, how they sort, how many. The values are
 * filtered where they are stored (typed); the kept ones are converted to JSON and ranked by a key
 * read back from that JSON, which is also how the answers of the other instances are merged.
 *
 * @param <V> the value type of the view
 */
interface ListQuery<V> {

  /** The view listed. */
  View view();

  /** How many items at most. */
  int limit();

  /** Whether a stored value is listed. */
  boolean matches(V value);

  /** The order of the list. */
  Comparator<Ranked> order();

  /** A listed item with its sort key. */
  Ranked rank(JsonNode item);

  /** An empty ranking of this query's order and limit. */
  default Ranking ranking() {
    return new Ranking(order(), limit());
  }
}
