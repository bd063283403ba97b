package dev.layoffsignals.streams.codec;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What a codec wrote for the instances it wrote last, by identity, in two generations: once the
 * current one holds {@code capacity}, it becomes the previous one and the one before is dropped;
 * an instance found in the previous generation moves to the current one. So it remembers at least
 * the last {@code capacity} instances and at most twice as many. A codec's instance is shared by
 * every task using its serde, so this is synchronized.
 *
 * @param <K> what was written (looked up by identity, never equality)
 * @param <V> what the codec keeps of it (its bytes)
 */
public final class RecentEncodings<K, V> {

  private final int capacity;
  private Map<K, V> current = new IdentityHashMap<>();
  private Map<K, V> previous = new IdentityHashMap<>();

  public RecentEncodings(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("remembering at least one instance, not " + capacity);
    }
    this.capacity = capacity;
  }

  /** What {@code key} was written as, or null. */
  public synchronized V get(K key) {
    V value = current.get(key);
    if (value == null) {
      value = previous.remove(key);
      if (value != null) {
        keep(key, value);
      }
    }
    return value;
  }

  public synchronized void put(K key, V value) {
    keep(key, value);
  }

  private void keep(K key, V value) {
    if (current.size() >= capacity) {
      previous = current;
      current = new IdentityHashMap<>();
    }
    current.put(key, value);
  }

  /** How many it remembers now. */
  public synchronized int size() {
    return current.size() + previous.size();
  }
}
