package dev.layoffsignals.eventstudy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real daily closes the project ships in {@code data/historical/prices} (provenance in
 * {@code data/historical/README.md}), read where they are rather than copied.
 */
final class HistoricalPrices {

  static final Path PRICES = Path.of("..", "data", "historical", "prices");

  private static final Map<String, List<DailyClose>> CACHE = new ConcurrentHashMap<>();

  private HistoricalPrices() {
  }

  static List<DailyClose> closes(String symbol) {
    return CACHE.computeIfAbsent(symbol, HistoricalPrices::read);
  }

  private static List<DailyClose> read(String symbol) {
    try {
      return DailyClosesCsv.read(PRICES.resolve(symbol + ".csv"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
