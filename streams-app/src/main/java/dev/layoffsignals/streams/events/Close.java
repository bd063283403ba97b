package dev.layoffsignals.streams.events;

import java.time.LocalDate;
import java.util.Objects;

/** The official close of one symbol on one trading date (New York). */
public record Close(String symbol, LocalDate date, double close) implements TickerEvent, ReactInput {

  public Close {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(date, "date");
  }
}
