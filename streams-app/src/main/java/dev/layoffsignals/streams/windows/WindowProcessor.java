package dev.layoffsignals.streams.windows;

import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.WindowStatus;
import dev.layoffsignals.streams.codec.StringKeyOrder;
import dev.layoffsignals.streams.events.MemberChange;
import dev.layoffsignals.streams.events.Watermark;
import dev.layoffsignals.streams.events.WindowEvent;
import dev.layoffsignals.streams.time.WatermarkTracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Windowed aggregates. Each window keeps its members; on every membership change the aggregate is
 * recomputed from all of them ({@link WindowAggregate}) and emitted PROVISIONAL when it changed.
 * When the clock has passed the window's end (the clock already includes the grace) and every
 * member is settled, the window is emitted FINAL and leaves the store. A window that loses its
 * last member is deleted (a tombstone when it had been emitted). The clock here counts in whole
 * New York days (see the reaction processor), which is all a window whose end is 00:00 New York
 * needs.
 */
public final class WindowProcessor implements Processor<String, WindowEvent, String, ReactionWindow> {

  private final String windowsStoreName;
  private final String watermarksStoreName;
  private KeyValueStore<String, WindowState> windows;
  /**
   * The windows store, decoded, in the store's key order: a window changes with every member
   * change and the clock goes over all of them, and decoding whole memberships each time cost as
   * much as the rest. Loaded at the first record after every (re)initialisation of the task
   * (restoration is over by then), written through to the store, which stays the truth.
   */
  private NavigableMap<String, WindowState> decoded;
  private KeyValueStore<Integer, Long> watermarks;
  private ProcessorContext<String, ReactionWindow> context;

  public WindowProcessor(String windowsStoreName, String watermarksStoreName) {
    this.windowsStoreName = windowsStoreName;
    this.watermarksStoreName = watermarksStoreName;
  }

  @Override
  public void init(ProcessorContext<String, ReactionWindow> context) {
    this.context = context;
    this.windows = context.getStateStore(windowsStoreName);
    this.decoded = null;
    this.watermarks = context.getStateStore(watermarksStoreName);
  }

  @Override
  public void process(Record<String, WindowEvent> record) {
    if (record.value() instanceof MemberChange change) {
      onMemberChange(change, record.timestamp());
    } else if (record.value() instanceof Watermark watermark) {
      onClock(watermark.time());
    } else {
      throw new IllegalArgumentException("unexpected window event " + record.value());
    }
  }

  private void onMemberChange(MemberChange change, long timestamp) {
    String key = change.window().key();
    long clock = WatermarkTracker.clock(watermarks);
    WindowState state = window(key);
    if (state == null) {
      if (change.member() == null) {
        return;
      }
      if (clock != WatermarkTracker.NONE && clock >= change.window().window().endInstant().toEpochMilli()) {
        // the clock promises nothing older can arrive, so this window was finalised already
        throw new IllegalStateException("Member " + change.announcementId() + " changed in window " + key
            + ", which closed before the clock " + Instant.ofEpochMilli(clock)
            + ": an upstream task sent data older than its watermark (is input.partitions right?)");
      }
      state = WindowState.empty(change.window());
    }
    state = state.with(change.announcementId(),
        change.member() == null ? null : new WindowState.Entry(change.member(), change.asOf()));
    if (state.members().isEmpty()) {
      if (state.lastEmitted() != null) {
        context.forward(new Record<>(key, null, timestamp));
      }
      delete(key);
      return;
    }
    if (!finalise(key, state, clock)) {
      ReactionWindow provisional = aggregate(state, WindowStatus.PROVISIONAL);
      if (!provisional.equals(state.lastEmitted())) {
        context.forward(new Record<>(key, provisional, provisional.getAsOf().toEpochMilli()));
        state = state.emitted(provisional);
      }
      put(key, state);
    }
  }

  private void onClock(long clock) {
    List<Map.Entry<String, WindowState>> all = new ArrayList<>(byKey().size());
    byKey().forEach((key, state) -> all.add(Map.entry(key, state))); // a snapshot: finalising changes the map
    for (Map.Entry<String, WindowState> entry : all) {
      finalise(entry.getKey(), entry.getValue(), clock);
    }
  }

  /** Emits the window FINAL and forgets it, when its time is over and every member is settled. */
  private boolean finalise(String key, WindowState state, long clock) {
    boolean over = clock != WatermarkTracker.NONE && clock >= state.ref().window().endInstant().toEpochMilli();
    if (!over || !WindowAggregate.allSettled(members(state))) {
      return false;
    }
    ReactionWindow result = aggregate(state, WindowStatus.FINAL);
    context.forward(new Record<>(key, result, result.getAsOf().toEpochMilli()));
    delete(key);
    return true;
  }

  private WindowState window(String key) {
    return byKey().get(key);
  }

  private void put(String key, WindowState state) {
    windows.put(key, state);
    byKey().put(key, state);
  }

  private void delete(String key) {
    windows.delete(key);
    byKey().remove(key);
  }

  /** {@link #decoded}, loaded on first use. */
  private NavigableMap<String, WindowState> byKey() {
    if (decoded == null) {
      decoded = new TreeMap<>(StringKeyOrder.INSTANCE);
      try (KeyValueIterator<String, WindowState> it = windows.all()) {
        it.forEachRemaining(kv -> decoded.put(kv.key, kv.value));
      }
    }
    return decoded;
  }

  private static ReactionWindow aggregate(WindowState state, WindowStatus status) {
    WindowRef ref = state.ref();
    return WindowAggregate.of(ref.dimension(), ref.value(), ref.window(), members(state), status, state.asOf());
  }

  private static List<Member> members(WindowState state) {
    return state.members().values().stream().map(WindowState.Entry::member).collect(Collectors.toList());
  }
}
