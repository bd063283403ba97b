package dev.layoffsignals.eventstudy;

import java.time.LocalDate;
import java.util.Objects;

/** One day's closing price of one symbol (positive and finite). */
public record DailyClose(LocalDate date, double close) {

  public DailyClose {
    Objects.requireNonNull(date, "date");
    CloseHistory.requireValidClose(date, close);
  }
}
