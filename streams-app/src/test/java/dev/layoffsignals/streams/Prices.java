package dev.layoffsignals.streams;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Closes of the benchmark and of one symbol for a list of sessions, and the returns a test
 * expects from them (computed here with the same formula, R = C(t) / C(t-1) - 1).
 */
final class Prices {

  final List<LocalDate> sessions;
  final Map<LocalDate, Double> benchmark = new LinkedHashMap<>();
  final Map<LocalDate, Double> symbol = new LinkedHashMap<>();

  Prices(List<LocalDate> sessions, double[] benchmarkCloses, double[] symbolCloses) {
    this.sessions = List.copyOf(sessions);
    for (int i = 0; i < sessions.size(); i++) {
      benchmark.put(sessions.get(i), benchmarkCloses[i]);
      symbol.put(sessions.get(i), symbolCloses[i]);
    }
  }

  /** Varied closes without a pattern the tests could depend on: the benchmark drifts up, the symbol oscillates. */
  static Prices varied(List<LocalDate> sessions) {
    double[] b = new double[sessions.size()];
    double[] s = new double[sessions.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = 400 + 3 * i + (i % 4 == 0 ? -5 : 0);
      s[i] = 50 + 0.5 * ((i * 3) % 7);
    }
    return new Prices(sessions, b, s);
  }

  LocalDate offset(LocalDate day0, int offset) {
    return sessions.get(sessions.indexOf(day0) + offset);
  }

  double symbolReturn(LocalDate day) {
    return symbol.get(day) / symbol.get(offset(day, -1)) - 1;
  }

  double benchmarkReturn(LocalDate day) {
    return benchmark.get(day) / benchmark.get(offset(day, -1)) - 1;
  }
}
