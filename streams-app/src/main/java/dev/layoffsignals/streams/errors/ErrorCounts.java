package dev.layoffsignals.streams.errors;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/** An {@link ErrorCounter} that keeps totals in memory, per category (and processed) and source topic; thread-safe. */
public final class ErrorCounts implements ErrorCounter {

  /** The key prefix of processed records in {@link #snapshot()}. */
  public static final String PROCESSED = "PROCESSED";

  private final ConcurrentMap<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void count(ErrorCategory category, String sourceTopic) {
    counts.computeIfAbsent(category + "|" + sourceTopic, k -> new LongAdder()).increment();
  }

  @Override
  public void countProcessed(String sourceTopic) {
    counts.computeIfAbsent(PROCESSED + "|" + sourceTopic, k -> new LongAdder()).increment();
  }

  public long get(ErrorCategory category, String sourceTopic) {
    LongAdder adder = counts.get(category + "|" + sourceTopic);
    return adder == null ? 0 : adder.sum();
  }

  /** Records of an input topic that passed ingest. */
  public long processed(String sourceTopic) {
    LongAdder adder = counts.get(PROCESSED + "|" + sourceTopic);
    return adder == null ? 0 : adder.sum();
  }

  public long total(ErrorCategory category) {
    String prefix = category + "|";
    return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().sum()).sum();
  }

  /** {@code CATEGORY|topic -> count} and {@code PROCESSED|topic -> count}, sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
