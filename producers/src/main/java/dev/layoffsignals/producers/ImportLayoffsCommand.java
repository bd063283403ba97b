package dev.layoffsignals.producers;

import dev.layoffsignals.config.Settings;
import dev.layoffsignals.producers.layoffs.CompanyResolver;
import dev.layoffsignals.producers.layoffs.GazetteerResolver;
import dev.layoffsignals.producers.layoffs.LayoffsFyiSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import-layoffs}: publishes a layoffs.fyi CSV export as structured announcements on layoff-records. */
@Command(
    name = "import-layoffs",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Publishes a layoffs.fyi CSV export to the layoff-records topic as structured layoff announcements"
            + " (key: record id; timestamp: 00:00 America/New_York of the row's date).",
        "Companies are mapped to ticker and sector with the gazetteer; unknown companies keep their name and no ticker.",
        "Exit codes: 0 ok, 1 a send failed, 2 bad input with --strict, unreadable input or bad arguments."
    })
public final class ImportLayoffsCommand extends PublishingCommand {

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "layoffs.fyi CSV exports.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--gazetteer", paramLabel = "FILE",
      description = "An additional gazetteer file (extractor format), on top of the built-in one.")
  Path gazetteer;

  @Override
  protected List<Opener> inputs(Settings settings) {
    CompanyResolver companies = GazetteerResolver.load(gazetteer);
    List<Opener> openers = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
        throw new BadInputException("Cannot read " + f + ": no such file, or not readable");
      }
      openers.add(rejects -> LayoffsFyiSource.open(f, companies, rejects));
    }
    return openers;
  }
}
