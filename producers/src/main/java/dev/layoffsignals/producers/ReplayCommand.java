package dev.layoffsignals.producers;

import dev.layoffsignals.config.Settings;
import dev.layoffsignals.producers.articles.ArticleSources;
import dev.layoffsignals.producers.layoffs.CompanyResolver;
import dev.layoffsignals.producers.layoffs.GazetteerResolver;
import dev.layoffsignals.producers.layoffs.LayoffsFyiSource;
import dev.layoffsignals.producers.replay.Pacer;
import dev.layoffsignals.producers.replay.ReplayFilter;
import dev.layoffsignals.producers.ticks.SyntheticTickSource;
import dev.layoffsignals.producers.ticks.SyntheticTicks;
import dev.layoffsignals.producers.ticks.TickCsvSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code replay}: merges articles, ticks and layoffs.fyi records into one stream in event-time order
 * and publishes it with record timestamps = event times, as fast as possible or paced; then sends a
 * heartbeat (the largest event time published) to every partition of the heartbeats topic, and,
 * one every {@code --heartbeat-interval} of event time on the way.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Replays history: merges articles, stock ticks and layoffs.fyi records into one stream ordered by"
            + " event time and publishes each record with its event time as timestamp. Two replays of the"
            + " same inputs publish the same keys, values and timestamps in the same order.",
        "Without --ticks, --layoffs or --synthetic, replays the bundled data, DATA_DIR/layoffs.csv and"
            + " DATA_DIR/prices/*.csv, merged with the --articles if any.",
        "At the end, sends a heartbeat to every partition of the heartbeats topic (watermark: the largest event time"
            + " published) so the pipeline's last results become final; --no-heartbeat skips it.",
        "Exit codes: 0 ok, 1 a send failed, 2 bad input with --strict, unreadable input or bad arguments."
    })
public final class ReplayCommand extends PublishingCommand {

  /** Event time between periodic heartbeats of a paced replay, unless --heartbeat-interval says otherwise. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofHours(1);

  /**
   * Event time between periodic heartbeats of a replay as fast as possible: 30 days. Each waits for
   * the data before it to be acknowledged (about 20 ms), so a daily one would triple the time of
   * the bundled history's replay; the state it lets the app drop is small either way.
   */
  public static final Duration DEFAULT_FAST_HEARTBEAT_INTERVAL = Duration.ofDays(30);

  @Option(names = "--articles", paramLabel = "INPUT", arity = "1..*",
      description = "Article inputs, as for produce-articles (files, directories, feeds).")
  List<String> articles = new ArrayList<>();

  @Option(names = "--ticks", paramLabel = "FILE", arity = "1..*",
      description = "Tick CSV files, as for produce-ticks (daily bars or intraday trades; trades must be in time order).")
  List<Path> ticks = new ArrayList<>();

  @Option(names = "--layoffs", paramLabel = "FILE", arity = "1..*", description = "layoffs.fyi CSV exports.")
  List<Path> layoffs = new ArrayList<>();

  @Option(names = "--synthetic", paramLabel = "SPEC", arity = "0..1", fallbackValue = "",
      description = "Add the synthetic tick feed (spec as for produce-ticks).")
  String synthetic;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data/historical",
      description = "Bundled data, used when none of --ticks, --layoffs, --synthetic is given (default: ${DEFAULT-VALUE}, relative to the working directory).")
  Path dataDir;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day to publish (New York time, included).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day to publish (New York time, included).")
  LocalDate to;

  @Option(names = "--symbols", paramLabel = "SYMBOL", split = ",",
      description = "Publish only the ticks of these symbols (articles and layoffs are not filtered).")
  List<String> symbols = new ArrayList<>();

  @Option(names = "--speed", paramLabel = "N", defaultValue = "0",
      description = "0: as fast as possible (default); N: N times real time, keeping the event-time gaps.")
  double speed;

  @Option(names = "--gazetteer", paramLabel = "FILE",
      description = "An additional gazetteer file for the layoffs.fyi import.")
  Path gazetteer;

  @Option(names = "--heartbeat-interval", paramLabel = "DURATION",
      description = "Also send a heartbeat each time event time has advanced by DURATION since the last one"
          + " (ISO-8601, e.g. PT15M; default PT1H with --speed N, P30D as fast as possible).")
  Duration heartbeatInterval;

  @Override
  protected boolean heartbeatByDefault() {
    return true;
  }

  /**
   * Periodic heartbeats, paced or not: the topology's clock is the earliest of a partition number's
   * inputs, so an input the replay leaves quiet (no layoff record for weeks on a partition) would
   * hold results back until the final heartbeat, and the state with them.
   */
  @Override
  protected Duration heartbeatInterval() {
    if (heartbeatInterval != null) {
      return heartbeatInterval;
    }
    return speed == 0 ? DEFAULT_FAST_HEARTBEAT_INTERVAL : DEFAULT_HEARTBEAT_INTERVAL;
  }

  @Override
  protected boolean mergeByEventTime() {
    return true;
  }

  @Override
  protected ReplayFilter filter() {
    return ReplayFilter.of(from, to, symbolSet());
  }

  @Override
  protected Pacer pacer() {
    return new Pacer(speed, nanoTime, sleeper);
  }

  @Override
  protected List<Opener> inputs(Settings settings) throws IOException {
    if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
      throw new BadInputException("--speed must be 0 or a positive number, not " + speed);
    }
    filter();   // validates --from/--to
    if (heartbeatInterval != null) {
      if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
        throw new BadInputException("--heartbeat-interval must be positive, not " + heartbeatInterval);
      }
      if (heartbeatOptions.disabledExplicitly()) {
        throw new BadInputException("--heartbeat-interval and --no-heartbeat contradict each other");
      }
    }
    List<Path> tickFiles = new ArrayList<>(ticks);
    List<Path> layoffFiles = new ArrayList<>(layoffs);
    if (ticks.isEmpty() && layoffs.isEmpty() && synthetic == null) {
      // no tick or layoff input: the bundled history (articles given with --articles are merged into it)
      bundled(tickFiles, layoffFiles);
    }
    List<Opener> openers = new ArrayList<>();
    for (String a : articles) {
      if (!Files.isReadable(Path.of(a))) {
        throw new BadInputException("Cannot read " + a + ": no such file or directory, or not readable");
      }
      openers.add(rejects -> ArticleSources.open(a, stdin, rejects));
    }
    for (Path t : tickFiles) {
      requireFile(t);
      openers.add(rejects -> TickCsvSource.open(t, rejects));
    }
    if (!layoffFiles.isEmpty()) {
      CompanyResolver companies = GazetteerResolver.load(gazetteer);
      for (Path l : layoffFiles) {
        requireFile(l);
        openers.add(rejects -> LayoffsFyiSource.open(l, companies, rejects));
      }
    }
    if (synthetic != null) {
      SyntheticTicks.Spec spec = SyntheticTicks.Spec.parse(synthetic);
      openers.add(rejects -> new SyntheticTickSource(spec));
    }
    return openers;
  }

  /** DATA_DIR/layoffs.csv and DATA_DIR/prices/*.csv (only the requested symbols' files, when --symbols is given). */
  private void bundled(List<Path> tickFiles, List<Path> layoffFiles) throws IOException {
    Path prices = dataDir.resolve("prices");
    Path layoffsCsv = dataDir.resolve("layoffs.csv");
    if (!Files.isDirectory(prices) || !Files.isRegularFile(layoffsCsv)) {
      throw new BadInputException("No input given and no bundled data in " + dataDir.toAbsolutePath()
          + " (expected layoffs.csv and prices/*.csv); run from the project directory or pass --data-dir");
    }
    Set<String> wanted = symbolSet();
    try (Stream<Path> files = Files.list(prices)) {
      files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
          .filter(p -> wanted.isEmpty() || wanted.contains(stem(p)))
          .sorted()
          .forEach(tickFiles::add);
    }
    layoffFiles.add(layoffsCsv);
  }

  private Set<String> symbolSet() {
    Set<String> s = new LinkedHashSet<>();
    symbols.forEach(x -> s.add(x.trim().toUpperCase(Locale.ROOT)));
    return s;
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.')).toUpperCase(Locale.ROOT);
  }

  private static void requireFile(Path f) {
    if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
      throw new BadInputException("Cannot read " + f + ": no such file, or not readable");
    }
  }
}
