package dev.layoffsignals.streams.reaction;

import dev.layoffsignals.eventstudy.CloseHistory;
import dev.layoffsignals.eventstudy.EventStudy;
import dev.layoffsignals.eventstudy.NewYorkDays;
import dev.layoffsignals.eventstudy.SessionCalendar;
import dev.layoffsignals.streams.codec.StringKeyOrder;
import dev.layoffsignals.streams.events.AnnouncementChange;
import dev.layoffsignals.streams.events.Close;
import dev.layoffsignals.streams.events.MemberChange;
import dev.layoffsignals.streams.events.ReactInput;
import dev.layoffsignals.streams.events.ReactOutput;
import dev.layoffsignals.streams.events.ReactionChange;
import dev.layoffsignals.streams.events.Watermark;
import dev.layoffsignals.streams.time.InputClockProcessor;
import dev.layoffsignals.streams.time.WatermarkTracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The streaming event study. Per task: the close history of every symbol of the task and of the
 * benchmark (multicast to every task), and the open announcements by routing key. After a close,
 * the announcements it concerns are evaluated again (all of them for a benchmark close); after an
 * announcement change, that announcement; after a clock advance, those the clock can settle
 * (and the histories it lets go of). Changes are emitted: reactions (key: announcement id), window memberships (key:
 * window), announcements as deduplication decided them (key: announcement id), and the clock for
 * the window task.
 */
public final class ReactProcessor implements Processor<String, ReactInput, String, ReactOutput> {

  private final String closesStoreName;
  private final String openStoreName;
  private final String watermarksStoreName;
  private final String benchmark;
  private final AnnouncementEvaluator evaluator;
  private final CloseRetention retention;
  private KeyValueStore<String, CloseHistory> closes;
  /**
   * The histories read or written since {@link #init}, decoded: every close and every clock
   * advance reads the benchmark's and the symbol's, and decoding them each time dominated the
   * cost. Written through to the store, which stays the truth; rebuilt from it after every
   * (re)initialisation of the task, so a task restored after a failure never sees a stale entry.
   */
  private Map<String, CloseHistory> decodedCloses;
  private KeyValueStore<String, List<OpenAnnouncement>> open;
  /**
   * The open announcements store, decoded, in the store's key order: a benchmark close or a clock
   * advance goes over all of them. Loaded at the first record after every (re)initialisation
   * (restoration is over by then), written through to the store, which stays the truth.
   */
  private NavigableMap<String, List<OpenAnnouncement>> decodedOpen;
  /**
   * Per key evaluated since {@link #init}: the earliest clock at which one of its announcements
   * could settle with the closes it has ({@link AnnouncementEvaluator.Outcome#settlesAt}), and the
   * first close date its history is kept for. Every close and announcement change of a key is
   * evaluated when it arrives, so between two evaluations only the clock moves; until it reaches
   * the first or moves the second, evaluating the key again changes nothing, and a clock advance
   * skips it.
   */
  private Map<String, Long> settlesFrom;
  private Map<String, Long> keptFromDay;
  private KeyValueStore<Integer, Long> watermarks;
  private ProcessorContext<String, ReactOutput> context;
  private long lastMidnightForwarded = Long.MIN_VALUE;

  public ReactProcessor(EventStudy study, String closesStoreName, String openStoreName, String watermarksStoreName) {
    this.closesStoreName = closesStoreName;
    this.openStoreName = openStoreName;
    this.watermarksStoreName = watermarksStoreName;
    this.benchmark = study.parameters().benchmarkSymbol();
    this.evaluator = new AnnouncementEvaluator(study);
    this.retention = new CloseRetention(study.parameters());
  }

  @Override
  public void init(ProcessorContext<String, ReactOutput> context) {
    this.context = context;
    this.closes = context.getStateStore(closesStoreName);
    this.decodedCloses = new HashMap<>();
    this.open = context.getStateStore(openStoreName);
    this.decodedOpen = null;
    this.settlesFrom = new HashMap<>();
    this.keptFromDay = new HashMap<>();
    this.watermarks = context.getStateStore(watermarksStoreName);
  }

  @Override
  public void process(Record<String, ReactInput> record) {
    ReactInput input = record.value();
    if (input instanceof Close close) {
      onClose(close, record.timestamp());
    } else if (input instanceof AnnouncementChange change) {
      context.forward(new Record<>(change.announcementId(), change, record.timestamp()));
      onAnnouncement(change, record.timestamp());
    } else if (input instanceof Watermark watermark) {
      evaluateAll(watermark.time(), watermark.time(), true);
      forwardClockToWindows(watermark.time());
    } else {
      throw new IllegalArgumentException("unexpected input " + input);
    }
  }

  /**
   * The window tasks' clock, in whole New York days: windows end at 00:00 New York, so the clock
   * at the last midnight decides exactly what the clock itself would (clock &gt;= end), with one
   * watermark per day instead of one per clock advance.
   */
  private void forwardClockToWindows(long clock) {
    long midnight = NewYorkDays.startOfDayMillis(NewYorkDays.epochDay(clock));
    if (midnight > lastMidnightForwarded && midnight >= 0) {
      lastMidnightForwarded = midnight;
      Watermark ours = new Watermark(context.taskId().partition(), midnight);
      context.forward(new Record<>(InputClockProcessor.KEY, ours, midnight));
    }
  }

  private void onClose(Close close, long timestamp) {
    putHistory(close.symbol(), history(close.symbol()).with(close.date(), close.close()));
    long clock = clock();
    if (close.symbol().equals(benchmark)) {
      evaluateAll(clock, timestamp, false);
    } else {
      List<OpenAnnouncement> list = openByKey().get(close.symbol());
      evaluateKey(close.symbol(), list == null ? List.of() : list, false, clock, timestamp);
    }
  }

  private void onAnnouncement(AnnouncementChange change, long timestamp) {
    List<OpenAnnouncement> list = openByKey().get(change.routingKey());
    List<OpenAnnouncement> others = new ArrayList<>();
    OpenAnnouncement existing = null;
    if (list != null) {
      for (OpenAnnouncement o : list) {
        if (o.id().equals(change.announcementId())) {
          existing = o;
        } else {
          others.add(o);
        }
      }
    }
    if (change.retracted()) {
      if (existing != null) {
        emit(AnnouncementEvaluator.retraction(existing), timestamp);
        evaluator.forget(existing.id());
        store(change.routingKey(), others);
      }
      return;
    }
    OpenAnnouncement updated = existing == null
        ? new OpenAnnouncement(change.announcement(), null, null)
        : existing.withAnnouncement(change.announcement());
    others.add(updated);
    evaluateKey(change.routingKey(), others, true, clock(), timestamp);
  }

  /**
   * Evaluates every open announcement of every key, and trims the benchmark's history.
   *
   * @param clockOnly whether only the clock moved since the last evaluation of each key: then the
   *     keys that cannot change at this clock are skipped (see {@link #settlesFrom})
   */
  private void evaluateAll(long clock, long timestamp, boolean clockOnly) {
    List<Map.Entry<String, List<OpenAnnouncement>>> all = new ArrayList<>(openByKey().size());
    openByKey().forEach((key, list) -> all.add(Map.entry(key, list))); // a snapshot: evaluating changes the map
    Instant oldestOpen = null;
    for (Map.Entry<String, List<OpenAnnouncement>> entry : all) {
      oldestOpen = CloseRetention.earliest(oldestOpen, oldest(entry.getValue()));
    }
    CloseHistory benchmarkCloses = history(benchmark);
    if (!benchmarkCloses.isEmpty()) {
      CloseHistory pruned = retention.prune(benchmarkCloses, benchmarkCloses, keepFrom(clock, oldestOpen));
      if (pruned != benchmarkCloses) {
        putHistory(benchmark, pruned);
      }
    }
    for (Map.Entry<String, List<OpenAnnouncement>> entry : all) {
      if (clockOnly && unchangedAt(entry.getKey(), entry.getValue(), clock)) {
        continue;
      }
      evaluateKey(entry.getKey(), entry.getValue(), false, clock, timestamp);
    }
  }

  /** Whether evaluating this key again at {@code clock}, with the closes it was last evaluated with, would change nothing. */
  private boolean unchangedAt(String key, List<OpenAnnouncement> list, long clock) {
    Long settles = settlesFrom.get(key);
    Long keptFrom = keptFromDay.get(key);
    return settles != null && clock < settles && keptFrom != null && keptFrom == keepFromDay(clock, oldest(list));
  }

  /** The first close date a history is kept for (epoch day), as {@link CloseRetention#prune} reads {@code keepFrom}. */
  private static long keepFromDay(long clock, Instant oldestOpen) {
    Instant keepFrom = keepFrom(clock, oldestOpen);
    return keepFrom == null ? Long.MIN_VALUE : SessionCalendar.firstCloseDateAtOrAfter(keepFrom).toEpochDay();
  }

  private static Instant oldest(List<OpenAnnouncement> list) {
    Instant oldest = null;
    for (OpenAnnouncement o : list) {
      oldest = CloseRetention.earliest(oldest, o.announcement().getAnnouncedAt());
    }
    return oldest;
  }

  /**
   * Evaluates the open announcements of one key, emits the changes, stores what stays open, and
   * trims the key's closes.
   *
   * @param changed whether {@code list} differs from what the store holds
   */
  private void evaluateKey(String key, List<OpenAnnouncement> list, boolean changed, long clock, long timestamp) {
    CloseHistory benchmarkCloses = history(benchmark);
    CloseHistory symbolCloses = history(key);
    List<OpenAnnouncement> stillOpen = new ArrayList<>(list.size());
    Instant oldestOpen = null;
    long settles = Long.MAX_VALUE;
    for (OpenAnnouncement o : list) {
      AnnouncementEvaluator.Outcome outcome = evaluator.evaluate(o, benchmarkCloses, symbolCloses, clock);
      emit(outcome.outputs(), timestamp);
      if (!outcome.settled()) {
        stillOpen.add(outcome.next());
        oldestOpen = CloseRetention.earliest(oldestOpen, o.announcement().getAnnouncedAt());
        settles = Math.min(settles, outcome.settlesAt());
      }
    }
    if (changed || !stillOpen.equals(list)) {
      store(key, stillOpen);
    }
    settlesFrom.put(key, settles);
    keptFromDay.put(key, keepFromDay(clock, oldestOpen));
    if (!key.equals(benchmark) && !symbolCloses.isEmpty()) {
      CloseHistory pruned = retention.prune(symbolCloses, benchmarkCloses, keepFrom(clock, oldestOpen));
      if (pruned != symbolCloses) {
        putHistory(key, pruned);
      }
    }
  }

  private static Instant keepFrom(long clock, Instant oldestOpen) {
    Instant clockInstant = clock == WatermarkTracker.NONE ? null : Instant.ofEpochMilli(clock);
    if (clockInstant == null) {
      // no clock yet: announcements still to come may be of any age
      return null;
    }
    return CloseRetention.earliest(clockInstant, oldestOpen);
  }

  private CloseHistory history(String symbol) {
    CloseHistory h = decodedCloses.get(symbol);
    if (h == null) {
      h = closes.get(symbol);
      if (h == null) {
        return CloseHistory.empty(CloseRetention.CAPACITY);
      }
      decodedCloses.put(symbol, h);
    }
    return h;
  }

  private void putHistory(String symbol, CloseHistory history) {
    closes.put(symbol, history);
    decodedCloses.put(symbol, history);
  }

  private void store(String key, List<OpenAnnouncement> list) {
    if (list.isEmpty()) {
      open.delete(key);
      openByKey().remove(key);
      settlesFrom.remove(key);
      keptFromDay.remove(key);
    } else {
      open.put(key, list);
      openByKey().put(key, list);
    }
  }

  /** {@link #decodedOpen}, loaded on first use. */
  private NavigableMap<String, List<OpenAnnouncement>> openByKey() {
    if (decodedOpen == null) {
      decodedOpen = new TreeMap<>(StringKeyOrder.INSTANCE); // the store's order, so outputs keep theirs
      try (KeyValueIterator<String, List<OpenAnnouncement>> it = open.all()) {
        it.forEachRemaining(kv -> decodedOpen.put(kv.key, kv.value));
      }
    }
    return decodedOpen;
  }

  private void emit(List<ReactOutput> outputs, long fallbackTimestamp) {
    for (ReactOutput output : outputs) {
      if (output instanceof ReactionChange r) {
        long ts = r.reaction() == null ? fallbackTimestamp : r.reaction().getAsOf().toEpochMilli();
        context.forward(new Record<>(r.announcementId(), output, ts));
      } else if (output instanceof MemberChange m) {
        long ts = m.member() == null ? fallbackTimestamp : m.asOf().toEpochMilli();
        context.forward(new Record<>(m.window().key(), output, ts));
      } else {
        throw new IllegalStateException("unexpected output " + output);
      }
    }
  }

  private long clock() {
    return WatermarkTracker.clock(watermarks);
  }
}
