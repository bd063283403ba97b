package dev.layoffsignals.producers.replay;

import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.EventSource;
import dev.layoffsignals.producers.InputStats;
import dev.layoffsignals.producers.ListSource;
import dev.layoffsignals.producers.Rejects;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * Merges sources into one stream in event-time order: a k-way merge over one head per source.
 *
 * <p>Order is total and depends only on the inputs, so two replays of the same inputs publish the
 * same records in the same order: event time, then topic (catalogue order: articles, stock-ticks,
 * layoff-records), then the source's position in the list, then the event's position in its source.
 *
 * <p>A source that is not {@link EventSource#timeOrdered() time-ordered} (a CSV of daily bars, the
 * layoffs.fyi export, articles) is read whole and stable-sorted by event time first; those inputs are
 * small. A time-ordered source (synthetic ticks, intraday trade files) streams; an event of it that
 * goes back in time is rejected, as the merged stream could not place it.
 */
public final class EventTimeMerger implements EventSource {

  private static final Comparator<Head> ORDER = Comparator
      .comparingLong((Head h) -> h.event.timestamp())
      .thenComparingInt(h -> h.topicOrder)
      .thenComparingInt(h -> h.source)
      .thenComparingLong(h -> h.seq);

  private final List<EventSource> sources;
  private final long[] lastTime;
  private final long[] seq;
  private final Rejects rejects;
  private final PriorityQueue<Head> heads;
  private final InputStats stats = new InputStats("merged");
  private final OptionalLong expected;

  private record Head(Event event, int topicOrder, int source, long seq) {
  }

  /**
   * @param inputs  sources in their tie-break order
   * @param rejects where out-of-order events of streaming sources go
   */
  public EventTimeMerger(List<EventSource> inputs, Rejects rejects) throws IOException {
    this.rejects = rejects;
    this.sources = new ArrayList<>(inputs.size());
    long total = 0;
    boolean known = true;
    for (EventSource s : inputs) {
      EventSource ordered = s.timeOrdered() ? s : sorted(s);
      sources.add(ordered);
      OptionalLong n = ordered.expectedEvents();
      if (n.isPresent()) {
        total += n.getAsLong();
      } else {
        known = false;
      }
    }
    this.expected = known ? OptionalLong.of(total) : OptionalLong.empty();
    this.lastTime = new long[sources.size()];
    this.seq = new long[sources.size()];
    this.heads = new PriorityQueue<>(Math.max(1, sources.size()), ORDER);
    for (int i = 0; i < sources.size(); i++) {
      lastTime[i] = Long.MIN_VALUE;
      pull(i);
    }
  }

  /** A copy of the source's events, stable-sorted by event time; the source is read to its end and closed. */
  public static ListSource sorted(EventSource source) throws IOException {
    List<Event> events = new ArrayList<>();
    try (source) {
      Event e;
      while ((e = source.next()) != null) {
        events.add(e);
      }
    }
    events.sort(Comparator.comparingLong(Event::timestamp));
    return new ListSource(source.stats(), events, true);
  }

  /** The order of topics at equal event times: catalogue order. */
  static int topicOrder(Topic<?, ?> topic) {
    int i = Topics.ALL.indexOf(topic);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  @Override
  public Event next() throws IOException {
    Head h = heads.poll();
    if (h == null) {
      return null;
    }
    pull(h.source);
    return h.event;
  }

  /**
   * The first event still to come of each source that has one, in merge order: one per input, so
   * every topic the merged stream will publish to (before any filter) is among their topics.
   */
  public List<Event> heads() {
    List<Head> sorted = new ArrayList<>(heads);
    sorted.sort(ORDER);
    return sorted.stream().map(Head::event).toList();
  }

  /** Stats of the merge itself are not used: each event carries its own input's stats. */
  @Override
  public InputStats stats() {
    return stats;
  }

  @Override
  public boolean timeOrdered() {
    return true;
  }

  @Override
  public OptionalLong expectedEvents() {
    return expected;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (EventSource s : sources) {
      try {
        s.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void pull(int i) throws IOException {
    EventSource s = sources.get(i);
    Event e;
    while ((e = s.next()) != null) {
      if (e.timestamp() < lastTime[i]) {
        e.input().retractEvent();
        rejects.reject(e.input(), e.input().name(), e.line(), "out of event-time order: "
            + Instant.ofEpochMilli(e.timestamp()) + " is before the previous event at "
            + Instant.ofEpochMilli(lastTime[i]) + " (a streamed input must be sorted by time)", "");
        continue;
      }
      lastTime[i] = e.timestamp();
      heads.add(new Head(e, topicOrder(e.topic()), i, seq[i]++));
      return;
    }
  }
}
