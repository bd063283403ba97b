package dev.layoffsignals.producers;

import dev.layoffsignals.config.Settings;
import dev.layoffsignals.producers.ticks.SyntheticTickSource;
import dev.layoffsignals.producers.ticks.SyntheticTicks;
import dev.layoffsignals.producers.ticks.TickCsvSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code produce-ticks}: publishes stock ticks to the stock-ticks topic, keyed by symbol, stamped with trade time. */
@Command(
    name = "produce-ticks",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Publishes stock ticks to the stock-ticks topic (key: symbol; timestamp: trade time).",
        "Inputs: CSV daily bars in Yahoo's format (Date, Open, High, Low, Close, Adj Close, Volume, any order;"
            + " symbol from a Symbol column or the file name), each becoming an OPEN tick at 09:30 and a CLOSE"
            + " tick at 16:00 America/New_York; CSV intraday trades (symbol, timestamp, price, volume);"
            + " or a deterministic synthetic feed (--synthetic).",
        "Exit codes: 0 ok, 1 a send failed, 2 bad input with --strict, unreadable input or bad arguments."
    })
public final class ProduceTicksCommand extends PublishingCommand {

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "CSV files of daily bars or trades; '-' for standard input.")
  List<String> files = new ArrayList<>();

  @Option(names = "--synthetic", paramLabel = "SPEC", arity = "0..1", fallbackValue = "",
      description = "Synthetic feed: symbols=500,days=250,ticks-per-session=390,seed=42,start=2024-01-02[,limit=N]"
          + " (any subset; the rest default to these values).")
  String synthetic;

  @Override
  protected List<Opener> inputs(Settings settings) {
    if (files.isEmpty() && synthetic == null) {
      throw new BadInputException("Nothing to publish: give CSV files or --synthetic");
    }
    List<Opener> openers = new ArrayList<>();
    for (String f : files) {
      if (f.equals("-")) {
        openers.add(rejects -> new TickCsvSource("<stdin>", Utf8Text.reader(stdin), rejects));
        continue;
      }
      Path p = Path.of(f);
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        throw new BadInputException("Cannot read " + f + ": no such file, or not readable");
      }
      openers.add(rejects -> TickCsvSource.open(p, rejects));
    }
    if (synthetic != null) {
      SyntheticTicks.Spec spec = SyntheticTicks.Spec.parse(synthetic);
      openers.add(rejects -> new SyntheticTickSource(spec));
    }
    return openers;
  }
}
