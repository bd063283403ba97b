package dev.layoffsignals.eventstudy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The most recent daily closes of one symbol, at most {@code capacity} of them, sorted by date.
 *
 * <p>An immutable value: {@link #with} returns a new history. Its whole state is
 * {@code capacity}, {@link #epochDays()} (ascending, distinct) and {@link #closes()} (same
 * length), so a serde writes an int and two arrays and reads them back with {@link #of(int, int[],
 * double[])}.
 */
public final class CloseHistory {

  private final int capacity;
  private final int[] epochDays;
  private final double[] closes;

  private CloseHistory(int capacity, int[] epochDays, double[] closes) {
    this.capacity = capacity;
    this.epochDays = epochDays;
    this.closes = closes;
  }

  /** An empty history keeping at most {@code capacity} closes. */
  public static CloseHistory empty(int capacity) {
    return new CloseHistory(requirePositive(capacity), new int[0], new double[0]);
  }

  /**
   * The history with exactly these closes, e.g. as read back by a serde. The arrays are copied.
   *
   * @throws IllegalArgumentException when the arrays differ in length, hold more than
   *     {@code capacity} entries, the days are not strictly ascending, or a close is not positive
   *     and finite
   */
  public static CloseHistory of(int capacity, int[] epochDays, double[] closes) {
    requirePositive(capacity);
    if (epochDays.length != closes.length) {
      throw new IllegalArgumentException(epochDays.length + " days but " + closes.length + " closes");
    }
    if (epochDays.length > capacity) {
      throw new IllegalArgumentException(epochDays.length + " closes exceed the capacity " + capacity);
    }
    for (int i = 0; i < epochDays.length; i++) {
      if (i > 0 && epochDays[i] <= epochDays[i - 1]) {
        throw new IllegalArgumentException("days are not strictly ascending at index " + i);
      }
      if (!isValidClose(closes[i])) { // checked without building a date: decoding stored histories runs this often
        requireValidClose(LocalDate.ofEpochDay(epochDays[i]), closes[i]);
      }
    }
    return new CloseHistory(capacity, epochDays.clone(), closes.clone());
  }

  /**
   * The history of these closes, in any order, keeping the latest {@code capacity} of them.
   *
   * @throws IllegalArgumentException when a date occurs twice
   */
  public static CloseHistory of(int capacity, Collection<DailyClose> closes) {
    requirePositive(capacity);
    List<DailyClose> sorted = new ArrayList<>(closes);
    sorted.sort(Comparator.comparing(DailyClose::date));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).date().equals(sorted.get(i - 1).date())) {
        throw new IllegalArgumentException("two closes for " + sorted.get(i).date());
      }
    }
    int from = Math.max(0, sorted.size() - capacity);
    int[] days = new int[sorted.size() - from];
    double[] values = new double[days.length];
    for (int i = from; i < sorted.size(); i++) {
      DailyClose close = sorted.get(i);
      days[i - from] = Math.toIntExact(close.date().toEpochDay());
      values[i - from] = close.close();
    }
    return new CloseHistory(capacity, days, values);
  }

  /** A history holding all these closes (capacity = their number). */
  public static CloseHistory ofAll(Collection<DailyClose> closes) {
    return of(Math.max(1, closes.size()), closes);
  }

  /**
   * This history with the close of {@code date} added, or replaced when the date is already
   * present (a correction). When that makes it exceed its capacity, the oldest close is dropped,
   * which is the added one when it is older than all retained closes.
   */
  public CloseHistory with(LocalDate date, double close) {
    requireValidClose(date, close);
    int day = Math.toIntExact(date.toEpochDay());
    int index = Arrays.binarySearch(epochDays, day);
    if (index >= 0) {
      if (Double.compare(closes[index], close) == 0) {
        return this;
      }
      double[] replaced = closes.clone();
      replaced[index] = close;
      return new CloseHistory(capacity, epochDays, replaced);
    }
    int insertAt = -index - 1;
    int[] days = new int[epochDays.length + 1];
    double[] values = new double[days.length];
    System.arraycopy(epochDays, 0, days, 0, insertAt);
    System.arraycopy(closes, 0, values, 0, insertAt);
    days[insertAt] = day;
    values[insertAt] = close;
    System.arraycopy(epochDays, insertAt, days, insertAt + 1, epochDays.length - insertAt);
    System.arraycopy(closes, insertAt, values, insertAt + 1, closes.length - insertAt);
    if (days.length > capacity) {
      int drop = days.length - capacity;
      days = Arrays.copyOfRange(days, drop, days.length);
      values = Arrays.copyOfRange(values, drop, values.length);
    }
    return new CloseHistory(capacity, days, values);
  }

  /** Shorthand for {@link #with(LocalDate, double)}. */
  public CloseHistory with(DailyClose close) {
    return with(close.date(), close.close());
  }

  public int capacity() {
    return capacity;
  }

  public int size() {
    return epochDays.length;
  }

  public boolean isEmpty() {
    return epochDays.length == 0;
  }

  /** The dates as epoch days, ascending (a copy). */
  public int[] epochDays() {
    return epochDays.clone();
  }

  /** The closes, in the order of {@link #epochDays()} (a copy). */
  public double[] closes() {
    return closes.clone();
  }

  public LocalDate dateAt(int index) {
    return LocalDate.ofEpochDay(epochDays[index]);
  }

  public double closeAt(int index) {
    return closes[index];
  }

  /** The date at {@code index} as an epoch day: {@link #dateAt} without building a date. */
  public int epochDayAt(int index) {
    return epochDays[index];
  }

  /** The close of the date {@code epochDay}, or {@link Double#NaN} when it has none (no close is NaN). */
  public double closeOnEpochDay(int epochDay) {
    int index = Arrays.binarySearch(epochDays, epochDay);
    return index >= 0 ? closes[index] : Double.NaN;
  }

  public OptionalDouble closeOn(LocalDate date) {
    int index = indexOf(date);
    return index >= 0 ? OptionalDouble.of(closes[index]) : OptionalDouble.empty();
  }

  /** The index of {@code date}, or a negative number when it has no close. */
  public int indexOf(LocalDate date) {
    int index = Arrays.binarySearch(epochDays, Math.toIntExact(date.toEpochDay()));
    return index >= 0 ? index : -1;
  }

  /** The index of the first close on or after the epoch day {@code epochDay}; {@link #size()} when there is none. */
  public int ceilingIndexOfEpochDay(int epochDay) {
    int index = Arrays.binarySearch(epochDays, epochDay);
    return index >= 0 ? index : -index - 1;
  }

  /** The index of the first close on or after {@code date}; {@link #size()} when there is none. */
  int ceilingIndex(LocalDate date) {
    int index = Arrays.binarySearch(epochDays, Math.toIntExact(date.toEpochDay()));
    return index >= 0 ? index : -index - 1;
  }

  public Optional<LocalDate> latestDate() {
    return isEmpty() ? Optional.empty() : Optional.of(dateAt(size() - 1));
  }

  /** The closes as records, ascending by date. */
  public List<DailyClose> toList() {
    List<DailyClose> list = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      list.add(new DailyClose(dateAt(i), closes[i]));
    }
    return List.copyOf(list);
  }

  private static boolean isValidClose(double close) {
    return close > 0 && !Double.isInfinite(close);
  }

  static void requireValidClose(LocalDate date, double close) {
    if (!isValidClose(close)) {
      throw new IllegalArgumentException("close of " + date + " must be positive and finite, was " + close);
    }
  }

  private static int requirePositive(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    return capacity;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CloseHistory that
        && capacity == that.capacity
        && Arrays.equals(epochDays, that.epochDays)
        && Arrays.equals(closes, that.closes);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * capacity + Arrays.hashCode(epochDays)) + Arrays.hashCode(closes);
  }

  @Override
  public String toString() {
    return isEmpty()
        ? "CloseHistory[capacity=" + capacity + ", empty]"
        : "CloseHistory[capacity=" + capacity + ", " + size() + " closes " + dateAt(0) + ".." + dateAt(size() - 1) + "]";
  }
}
