package dev.layoffsignals.eventstudy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The real daily closes copied into src/test/resources/prices (see the README there). */
final class HistoricalPrices {

  private static final Map<String, List<DailyClose>> CACHE = new ConcurrentHashMap<>();

  private HistoricalPrices() {
  }

  static List<DailyClose> closes(String symbol) {
    return CACHE.computeIfAbsent(symbol, HistoricalPrices::read);
  }

  private static List<DailyClose> read(String symbol) {
    String resource = "/prices/" + symbol + ".csv";
    try (InputStream in = HistoricalPrices.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      return DailyClosesCsv.read(new InputStreamReader(in, StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
