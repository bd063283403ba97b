package dev.layoffsignals.streams;

import dev.layoffsignals.eventstudy.DailyClose;
import dev.layoffsignals.eventstudy.DailyClosesCsv;
import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.EventSource;
import dev.layoffsignals.producers.Rejects;
import dev.layoffsignals.producers.layoffs.GazetteerResolver;
import dev.layoffsignals.producers.layoffs.LayoffsFyiSource;
import dev.layoffsignals.producers.replay.EventTimeMerger;
import dev.layoffsignals.producers.ticks.TickCsvSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real data of {@code data/historical}, as the replay publishes it: the layoffs.fyi export
 * (through the producers' import and the extractor's gazetteer) and the daily bars of the price
 * files as OPEN and CLOSE ticks, merged in event-time order.
 */
final class HistoricalData {

  static final Path DIR = Path.of("..", "data", "historical");
  static final List<String> SYMBOLS = List.of("AAPL", "AMZN", "CRM", "GOOGL", "IBM", "INTC", "META", "MSFT", "QQQ");

  private static List<Event> events;

  private HistoricalData() {
  }

  /** Every input record in replay order (read once per JVM). */
  static synchronized List<Event> events() {
    if (events == null) {
      try (Rejects rejects = Rejects.collecting()) {
        List<EventSource> sources = new ArrayList<>();
        for (String symbol : SYMBOLS) {
          sources.add(TickCsvSource.open(DIR.resolve("prices").resolve(symbol + ".csv"), rejects));
        }
        sources.add(LayoffsFyiSource.open(DIR.resolve("layoffs.csv"), GazetteerResolver.load(null), rejects));
        List<Event> all = new ArrayList<>();
        try (EventTimeMerger merged = new EventTimeMerger(sources, rejects)) {
          for (Event e = merged.next(); e != null; e = merged.next()) {
            all.add(e);
          }
        }
        events = List.copyOf(all);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return events;
  }

  /** The daily closes of every price file, by symbol. */
  static Map<String, List<DailyClose>> closes() {
    Map<String, List<DailyClose>> out = new LinkedHashMap<>();
    try {
      for (String symbol : SYMBOLS) {
        out.put(symbol, DailyClosesCsv.read(DIR.resolve("prices").resolve(symbol + ".csv")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
