package dev.layoffsignals.producers.ticks;

import dev.layoffsignals.producers.Fields;
import dev.layoffsignals.producers.NewYork;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A deterministic synthetic market, for demos and load: the benchmark {@value #BENCHMARK} and
 * {@code symbols} stocks {@code S0001, S0002, ...}, each a geometric random walk driven by the
 * benchmark (a beta between 0.6 and 1.6) plus its own noise, with a total daily volatility between
 * 1.5 % and 3 % (the benchmark: 1.2 %).
 *
 * <p>Every New York trading day (weekdays; exchange holidays are not modelled) from {@code start}
 * yields, per symbol, an OPEN tick at 09:30, {@code ticksPerSession} TRADE ticks evenly spaced
 * strictly between 09:30 and 16:00, and a CLOSE tick at 16:00 carrying the session's total volume.
 * Ticks come in event-time order (time first, then the benchmark, then the symbols in order), are
 * computed one at a time (memory is per symbol, not per tick), and are the same for the same spec
 * on any JVM: the generator is {@link SplittableRandom} and the Gaussian draws are our own.
 */
public final class SyntheticTicks implements Iterator<StockTick> {

  public static final String BENCHMARK = "QQQ";
  private static final double BENCHMARK_DAILY_VOL = 0.012;
  /** Share of a day's variance that happens overnight (between the close and the next open). */
  private static final double OVERNIGHT_SHARE = 0.2;
  private static final long SESSION_MILLIS = 6L * 3600_000 + 30 * 60_000;

  /**
   * What to generate.
   *
   * @param symbols          stocks besides the benchmark
   * @param days             trading days
   * @param ticksPerSession  TRADE ticks per symbol per session, besides OPEN and CLOSE
   * @param seed             random seed; the same spec gives the same ticks
   * @param start            first day (moved to the next weekday when it is a weekend)
   * @param limit            stop after this many ticks (0: no limit)
   */
  public record Spec(int symbols, int days, int ticksPerSession, long seed, LocalDate start, long limit) {

    public static final Spec DEFAULT = new Spec(500, 250, 390, 42, LocalDate.of(2024, 1, 2), 0);

    public Spec {
      if (symbols < 0 || days < 1 || ticksPerSession < 0 || limit < 0) {
        throw new IllegalArgumentException("symbols >= 0, days >= 1, ticks-per-session >= 0 and limit >= 0 are required");
      }
      LocalDate first = tradingDayOnOrAfter(start);
      LocalDate last = lastSession(first, days);
      if (NewYork.epochMillis(first, NewYork.OPEN) < Fields.EARLIEST.toEpochMilli()
          || NewYork.epochMillis(last, NewYork.CLOSE) >= Fields.END.toEpochMilli()) {
        throw new IllegalArgumentException("the sessions would run from " + first + " to " + last
            + ": event times must be within " + Fields.EARLIEST + " .. " + Fields.END
            + " (the pipeline dead-letters others, and Kafka refuses any before 1970)");
      }
    }

    /** The trading day {@code days - 1} trading days after {@code first} (itself a trading day). */
    private static LocalDate lastSession(LocalDate first, int days) {
      LocalDate day = first.plusWeeks((days - 1) / 5);
      for (int i = 0; i < (days - 1) % 5; i++) {
        day = tradingDayOnOrAfter(day.plusDays(1));
      }
      return day;
    }

    /**
     * Parses {@code symbols=500,days=250,ticks-per-session=390,seed=42,start=2024-01-02,limit=5000000};
     * missing keys take the defaults of {@link #DEFAULT}.
     */
    public static Spec parse(String text) {
      Map<String, String> kv = new LinkedHashMap<>();
      if (text != null && !text.isBlank()) {
        for (String part : text.split(",")) {
          int eq = part.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("expected key=value in '" + part.trim() + "' of the synthetic spec");
          }
          kv.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
        }
      }
      Spec d = DEFAULT;
      try {
        Spec s = new Spec(
            Integer.parseInt(kv.getOrDefault("symbols", String.valueOf(d.symbols))),
            Integer.parseInt(kv.getOrDefault("days", String.valueOf(d.days))),
            Integer.parseInt(kv.getOrDefault("ticks-per-session", String.valueOf(d.ticksPerSession))),
            Long.parseLong(kv.getOrDefault("seed", String.valueOf(d.seed))),
            LocalDate.parse(kv.getOrDefault("start", d.start.toString())),
            Long.parseLong(kv.getOrDefault("limit", String.valueOf(d.limit))));
        kv.keySet().removeAll(List.of("symbols", "days", "ticks-per-session", "seed", "start", "limit"));
        if (!kv.isEmpty()) {
          throw new IllegalArgumentException("unknown key(s) " + kv.keySet()
              + " in the synthetic spec (known: symbols, days, ticks-per-session, seed, start, limit)");
        }
        return s;
      } catch (NumberFormatException | java.time.DateTimeException e) {
        throw new IllegalArgumentException("bad synthetic spec '" + text + "': " + e.getMessage(), e);
      }
    }

    /** Ticks the spec yields: (symbols + 1) x days x (ticksPerSession + 2), capped by the limit. */
    public long totalTicks() {
      long all = (long) (symbols + 1) * days * (ticksPerSession + 2);
      return limit > 0 ? Math.min(all, limit) : all;
    }

    @Override
    public String toString() {
      return "symbols=" + symbols + ",days=" + days + ",ticks-per-session=" + ticksPerSession + ",seed=" + seed
          + ",start=" + start + (limit > 0 ? ",limit=" + limit : "");
    }
  }

  private final Spec spec;
  private final SplittableRandom random;
  private final String[] names;
  private final double[] beta;
  private final double[] idioStepVol;
  private final double[] idioNightVol;
  private final double[] logPrice;
  private final long[] dayVolume;
  private final double marketStepVol;
  private final double marketNightVol;
  private final int steps;
  private final long total;

  private LocalDate day;
  private int dayIndex;
  private int step;
  private int symbol;
  private long emitted;
  private long stepTime;
  private double marketMove;
  private boolean spareReady;
  private double spare;

  public SyntheticTicks(Spec spec) {
    this.spec = spec;
    this.random = new SplittableRandom(spec.seed());
    int n = spec.symbols() + 1;
    this.names = new String[n];
    this.beta = new double[n];
    this.idioStepVol = new double[n];
    this.idioNightVol = new double[n];
    this.logPrice = new double[n];
    this.dayVolume = new long[n];
    this.steps = spec.ticksPerSession() + 2;
    // variance of a day: overnight share + intraday share split over the (steps - 1) intervals
    int intervals = Math.max(1, steps - 1);
    this.marketStepVol = BENCHMARK_DAILY_VOL * Math.sqrt((1 - OVERNIGHT_SHARE) / intervals);
    this.marketNightVol = BENCHMARK_DAILY_VOL * Math.sqrt(OVERNIGHT_SHARE);
    int width = Math.max(4, String.valueOf(spec.symbols()).length());
    for (int i = 0; i < n; i++) {
      if (i == 0) {
        names[i] = BENCHMARK;
        beta[i] = 1.0;
        logPrice[i] = StrictMath.log(400.0);
        continue;
      }
      names[i] = "S" + String.format(Locale.ROOT, "%0" + width + "d", i);
      beta[i] = 0.6 + random.nextDouble();
      double dailyVol = 0.015 + 0.015 * random.nextDouble();
      double systematic = beta[i] * BENCHMARK_DAILY_VOL;
      double idio = Math.sqrt(Math.max(dailyVol * dailyVol - systematic * systematic, 0.005 * 0.005));
      idioStepVol[i] = idio * Math.sqrt((1 - OVERNIGHT_SHARE) / intervals);
      idioNightVol[i] = idio * Math.sqrt(OVERNIGHT_SHARE);
      logPrice[i] = StrictMath.log(20.0) + random.nextDouble() * StrictMath.log(25.0);   // 20 .. 500
    }
    this.total = spec.totalTicks();
    this.day = tradingDayOnOrAfter(spec.start());
    this.stepTime = stepTime(0);
  }

  /** Ticks of a spec as a lazy, sequential stream. */
  public static Stream<StockTick> stream(Spec spec) {
    SyntheticTicks it = new SyntheticTicks(spec);
    return StreamSupport.stream(Spliterators.spliterator(it, it.total,
        Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED), false);
  }

  public Spec spec() {
    return spec;
  }

  /** Symbols in generation order: the benchmark first. */
  public List<String> symbols() {
    return new ArrayList<>(List.of(names));
  }

  /** Ticks still to come. */
  public long remaining() {
    return total - emitted;
  }

  @Override
  public boolean hasNext() {
    return emitted < total;
  }

  @Override
  public StockTick next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    int i = symbol;
    TickKind kind = step == 0 ? TickKind.OPEN : step == steps - 1 ? TickKind.CLOSE : TickKind.TRADE;
    if (i == 0) {
      // one benchmark move per step, shared by every symbol of the step
      marketMove = (step == 0 ? (dayIndex == 0 ? 0 : marketNightVol) : marketStepVol) * gaussian();
    }
    double move;
    if (step == 0 && dayIndex == 0) {
      move = 0;
    } else if (i == 0) {
      move = marketMove;
    } else {
      double idio = step == 0 ? idioNightVol[i] : idioStepVol[i];
      move = beta[i] * marketMove + idio * gaussian();
    }
    logPrice[i] += move;
    double price = Math.max(0.01, Math.round(StrictMath.exp(logPrice[i]) * 100) / 100.0);
    long volume;
    if (kind == TickKind.OPEN) {
      volume = 100L * (50 + random.nextInt(500));
      dayVolume[i] = volume;
    } else if (kind == TickKind.TRADE) {
      volume = 100L * (1 + random.nextInt(20));
      dayVolume[i] += volume;
    } else {
      volume = dayVolume[i];
    }
    StockTick tick = new StockTick(names[i], Instant.ofEpochMilli(stepTime), price, volume, kind);
    emitted++;
    advance();
    return tick;
  }

  private void advance() {
    if (++symbol < names.length) {
      return;
    }
    symbol = 0;
    if (++step == steps) {
      step = 0;
      dayIndex++;
      day = tradingDayOnOrAfter(day.plusDays(1));
    }
    stepTime = stepTime(step);
  }

  /** 09:30 for the OPEN, 16:00 for the CLOSE, trades evenly spaced strictly in between. */
  private long stepTime(int s) {
    long open = NewYork.epochMillis(day, NewYork.OPEN);
    if (s == steps - 1) {
      return NewYork.epochMillis(day, NewYork.CLOSE);
    }
    return open + s * SESSION_MILLIS / (steps - 1);
  }

  private static LocalDate tradingDayOnOrAfter(LocalDate d) {
    while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
      d = d.plusDays(1);
    }
    return d;
  }

  /** Marsaglia's polar method on the seeded generator: the same numbers on every JVM. */
  private double gaussian() {
    if (spareReady) {
      spareReady = false;
      return spare;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = Math.sqrt(-2 * StrictMath.log(s) / s);
    spare = v * m;
    spareReady = true;
    return u * m;
  }
}
