package dev.layoffsignals.query;

import dev.layoffsignals.streams.LayoffSignalsTopology.Names;
import dev.layoffsignals.topics.Topics;

/**
 * The topology's queryable views: each a timestamped key-value store read back from a compacted
 * output topic, partitioned like that topic (so a store partition is the topic partition).
 */
enum View {
  ANNOUNCEMENTS(Names.ANNOUNCEMENTS_VIEW, Topics.LAYOFF_ANNOUNCEMENTS.name(), "announcements"),
  REACTIONS(Names.REACTIONS_VIEW, Topics.MARKET_REACTIONS.name(), "reactions"),
  WINDOWS(Names.WINDOWS_VIEW, Topics.REACTION_WINDOWS.name(), "windows");

  private final String store;
  private final String topic;
  private final String itemsField;

  View(String store, String topic, String itemsField) {
    this.store = store;
    this.topic = topic;
    this.itemsField = itemsField;
  }

  /** The state store's name. */
  public String store() {
    return store;
  }

  /** The topic the store is read from; its partitions are the store's. */
  public String topic() {
    return topic;
  }

  /** The name of the array of items in a list response. */
  public String itemsField() {
    return itemsField;
  }
}
