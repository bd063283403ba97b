package dev.layoffsignals.producers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Test helper: reads a source to its end, as the publish loop does, and closes it. */
public final class Drain {

  private Drain() {
  }

  /** Every event of {@code source}, in the order it yields them. */
  public static List<Event> events(EventSource source) throws IOException {
    try (source) {
      List<Event> out = new ArrayList<>();
      Event e;
      while ((e = source.next()) != null) {
        out.add(e);
      }
      return out;
    }
  }
}
