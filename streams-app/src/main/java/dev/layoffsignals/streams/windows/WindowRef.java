package dev.layoffsignals.streams.windows;

import dev.layoffsignals.schemas.WindowDimension;
import dev.layoffsignals.schemas.WindowPeriod;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One aggregate window: a dimension, its value (ticker, sector or {@value #MARKET_VALUE}) and a
 * calendar week or month.
 */
public record WindowRef(WindowDimension dimension, String value, CalendarWindow window) {

  /** The value of the market-wide dimension. */
  public static final String MARKET_VALUE = "ALL";

  public WindowRef {
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(window, "window");
  }

  /** The record key on reaction-windows and window-members. */
  public String key() {
    return window.key(dimension, value);
  }

  /**
   * The windows an announcement belongs to, keyed by its day 0: per ticker (when it has one), per
   * sector (when known) and market-wide, each over the week and the month of day 0.
   */
  public static List<WindowRef> of(LocalDate day0, String ticker, String sector) {
    List<WindowRef> refs = new ArrayList<>(6);
    for (WindowPeriod period : WindowPeriod.values()) {
      CalendarWindow window = CalendarWindow.containing(period, day0);
      if (ticker != null) {
        refs.add(new WindowRef(WindowDimension.TICKER, ticker, window));
      }
      if (sector != null) {
        refs.add(new WindowRef(WindowDimension.SECTOR, sector, window));
      }
      refs.add(new WindowRef(WindowDimension.MARKET, MARKET_VALUE, window));
    }
    return List.copyOf(refs);
  }
}
