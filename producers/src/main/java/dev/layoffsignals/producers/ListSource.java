package dev.layoffsignals.producers;

import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

/** A source over events parsed up front (a feed, a single JSON file, a sorted copy of another source). */
public final class ListSource implements EventSource {

  private final InputStats stats;
  private final Iterator<Event> events;
  private final int size;
  private final boolean timeOrdered;

  public ListSource(InputStats stats, List<Event> events, boolean timeOrdered) {
    this.stats = stats;
    this.events = List.copyOf(events).iterator();
    this.size = events.size();
    this.timeOrdered = timeOrdered;
  }

  @Override
  public InputStats stats() {
    return stats;
  }

  @Override
  public Event next() {
    return events.hasNext() ? events.next() : null;
  }

  @Override
  public boolean timeOrdered() {
    return timeOrdered;
  }

  @Override
  public OptionalLong expectedEvents() {
    return OptionalLong.of(size);
  }
}
