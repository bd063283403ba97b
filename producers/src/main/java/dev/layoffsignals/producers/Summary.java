package dev.layoffsignals.producers;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report at the end of a run: per input and per topic, what was read, rejected, skipped,
 * published; then the totals and, when heartbeats are on, one line about the final heartbeat.
 */
final class Summary {

  private Summary() {
  }

  static void print(PrintWriter out, List<InputStats> inputs, Map<String, long[]> perTopic, Publisher publisher,
      boolean dryRun, double seconds, String heartbeat) {
    int width = Math.max(5, inputs.stream().mapToInt(i -> i.name().length()).max().orElse(5));
    String row = "%-" + width + "s %10s %9s %10s %9s %10s %7s%n";
    out.printf(Locale.ROOT, row, "input", "read", "rejected", "events", "skipped", "published", "failed");
    long read = 0;
    long rejected = 0;
    long events = 0;
    long skipped = 0;
    long published = 0;
    long failed = 0;
    for (InputStats i : inputs) {
      out.printf(Locale.ROOT, row, i.name(), i.read(), i.rejected(), i.events(), i.skipped(), i.published(), i.failed());
      read += i.read();
      rejected += i.rejected();
      events += i.events();
      skipped += i.skipped();
      published += i.published();
      failed += i.failed();
    }
    if (inputs.size() > 1) {
      out.printf(Locale.ROOT, row, "total", read, rejected, events, skipped, published, failed);
    }
    out.println();
    String topicRow = "%-" + Math.max(5, width) + "s %10s %10s %7s%n";
    out.printf(Locale.ROOT, topicRow, "topic", dryRun ? "would send" : "sent", "published", "failed");
    perTopic.forEach((topic, n) -> {
      Publisher.TopicStats ts = publisher == null ? null : publisher.topics().get(topic);
      out.printf(Locale.ROOT, topicRow, topic, n[0], ts == null ? 0 : ts.published(), ts == null ? 0 : ts.failed());
    });
    long total = perTopic.values().stream().mapToLong(n -> n[0]).sum();
    out.printf(Locale.ROOT, "%n%s%,d records in %.2f s (%,.0f records/s); %,d read, %,d rejected, %,d skipped%n",
        dryRun ? "dry run, nothing published: " : "", dryRun ? total : published, seconds,
        seconds > 0 ? (dryRun ? total : published) / seconds : 0.0, read, rejected, skipped);
    if (heartbeat != null) {
      out.println(heartbeat);
    }
    out.flush();
  }
}
