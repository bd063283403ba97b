package dev.layoffsignals.producers.replay;

import java.util.function.LongSupplier;

/**
 * Paces a replay: at speed N, an event that happened t after the first one is released t/N after
 * the replay started, so the gaps of the original stream are kept, N times faster. Speed 0 means as
 * fast as possible: no clock reads, no sleeps.
 */
public final class Pacer {

  /** How to wait; a test passes one that advances a fake clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  /** Sleeps the current thread. */
  public static final Sleeper THREAD_SLEEP = nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));

  /** Do not sleep for less than this: the OS would oversleep, and the producer batches anyway. */
  private static final long MIN_SLEEP_NANOS = 1_000_000;

  private final double speed;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private boolean started;
  private long firstEventMillis;
  private long startNanos;

  public Pacer(double speed, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be 0 (as fast as possible) or a positive factor, not " + speed);
    }
    this.speed = speed;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** A pacer on the system clock. */
  public static Pacer of(double speed) {
    return new Pacer(speed, System::nanoTime, THREAD_SLEEP);
  }

  public double speed() {
    return speed;
  }

  /** Waits until the event at this event time is due. */
  public void await(long eventTimeMillis) throws InterruptedException {
    if (speed == 0) {
      return;
    }
    if (!started) {
      started = true;
      firstEventMillis = eventTimeMillis;
      startNanos = nanoTime.getAsLong();
      return;
    }
    long dueNanos = startNanos + (long) ((eventTimeMillis - firstEventMillis) * 1_000_000.0 / speed);
    long wait = dueNanos - nanoTime.getAsLong();
    if (wait >= MIN_SLEEP_NANOS) {
      sleeper.sleepNanos(wait);
    }
  }
}
