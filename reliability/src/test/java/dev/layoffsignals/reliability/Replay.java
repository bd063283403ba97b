package dev.layoffsignals.reliability;

import dev.layoffsignals.cli.LayoffSignals;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/**
 * The replay every run of the suite publishes: the bundled real history ({@code data/historical})
 * from {@link #FROM} to {@link #TO}, one month at a time ({@link #CHUNKS}), each month a run of the
 * {@code replay} command as a user runs it (here, in this JVM), with a heartbeat every
 * {@link #HEARTBEAT_INTERVAL} of event time and one at its end.
 *
 * <p>Heartbeats are decided from event times alone ({@code HeartbeatSchedule}), so the records
 * published, heartbeats included, are the same at every speed: the reference publishes as fast as
 * it can, the other runs publish paced, so that kills and outages land while records arrive, and
 * a test can hold the next month back until it is ready for it.
 */
final class Replay {

  static final Path DATA = Path.of("..", "data", "historical").toAbsolutePath().normalize();
  /**
   * Six months of the peak of the layoffs.fyi series (1,031 rows) with every price file: about a
   * thousand announcements, the big-tech layoffs of November 2022 and January 2023 with their
   * reactions, and hundreds of weekly and monthly windows.
   */
  static final LocalDate FROM = LocalDate.parse("2022-09-01");
  static final LocalDate TO = LocalDate.parse("2023-02-28");
  static final List<Chunk> CHUNKS = months(FROM, TO);
  static final String HEARTBEAT_INTERVAL = "P7D";
  /** "As fast as possible" with periodic heartbeats (the command wants a speed for them): the pacer never sleeps. */
  static final double UNPACED = 1e12;

  /** One run of the command: the days from {@code from} to {@code to}, both included. */
  record Chunk(LocalDate from, LocalDate to) {
    @Override
    public String toString() {
      return from + ".." + to;
    }
  }

  /** The result of one run of the command. */
  record Result(Chunk chunk, int exitCode, String out, String err) {
    @Override
    public String toString() {
      return chunk + ": exit code " + exitCode + "\n--- replay stdout ---\n" + out + "--- replay stderr ---\n" + err;
    }
  }

  private Replay() {
  }

  /** The speed at which the whole replay, every chunk, lasts about {@code wallClock}. */
  static double speedFor(Duration wallClock) {
    long eventTimeMillis = Duration.ofDays(TO.toEpochDay() - FROM.toEpochDay() + 1).toMillis();
    return (double) eventTimeMillis / wallClock.toMillis();
  }

  /** Runs {@code replay} for one chunk against the test bed at {@code speed} times real time (see {@link #UNPACED}). */
  static Result run(String bootstrapServers, String registryUrl, Chunk chunk, double speed) {
    List<String> args = new ArrayList<>(List.of("replay",
        "--bootstrap-servers", bootstrapServers,
        "--schema-registry-url", registryUrl,
        "--data-dir", DATA.toString(),
        "--from", chunk.from().toString(),
        "--to", chunk.to().toString(),
        "--speed", String.format(Locale.ROOT, "%.1f", speed),
        "--heartbeat-interval", HEARTBEAT_INTERVAL,
        "--no-progress"));
    CommandLine cli = LayoffSignals.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args.toArray(String[]::new));
    return new Result(chunk, exit, out.toString(), err.toString());
  }

  /** Runs one chunk in the background. */
  static CompletableFuture<Result> start(String bootstrapServers, String registryUrl, Chunk chunk, double speed) {
    return CompletableFuture.supplyAsync(() -> run(bootstrapServers, registryUrl, chunk, speed));
  }

  /**
   * Runs the given chunks one after the other, in the background; completes with the first failed
   * run, or the last run when all succeeded.
   */
  static CompletableFuture<Result> startAll(String bootstrapServers, String registryUrl, List<Chunk> chunks, double speed) {
    return CompletableFuture.supplyAsync(() -> {
      Result last = null;
      for (Chunk chunk : chunks) {
        last = run(bootstrapServers, registryUrl, chunk, speed);
        if (last.exitCode() != 0) {
          return last;
        }
      }
      return last;
    });
  }

  private static List<Chunk> months(LocalDate from, LocalDate to) {
    List<Chunk> out = new ArrayList<>();
    for (LocalDate start = from; !start.isAfter(to); start = start.plusMonths(1).withDayOfMonth(1)) {
      LocalDate end = start.plusMonths(1).withDayOfMonth(1).minusDays(1);
      out.add(new Chunk(start, end.isAfter(to) ? to : end));
    }
    return List.copyOf(out);
  }
}
