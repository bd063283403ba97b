package dev.layoffsignals.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first {@code limit} items in an order, from any number of items offered in any order; holds
 * at most {@code limit} of them. Local store scans and the merge of every instance's answers both
 * go through one, so each instance sends at most {@code limit} items and the merged list is the
 * first {@code limit} of the union.
 */
final class Ranking {

  private final Comparator<Ranked> order;
  private final int limit;
  /** The kept items, the last in order at the head. */
  private final PriorityQueue<Ranked> kept;

  public Ranking(Comparator<Ranked> order, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    this.order = order;
    this.limit = limit;
    this.kept = new PriorityQueue<>(Math.min(limit, 1024) + 1, order.reversed());
  }

  public void offer(Ranked item) {
    if (kept.size() < limit) {
      kept.add(item);
    } else if (order.compare(item, kept.peek()) < 0) {
      kept.poll();
      kept.add(item);
    }
  }

  /** The kept items, in order. */
  public List<JsonNode> items() {
    List<Ranked> sorted = new ArrayList<>(kept);
    sorted.sort(order);
    return sorted.stream().map(Ranked::item).toList();
  }
}
