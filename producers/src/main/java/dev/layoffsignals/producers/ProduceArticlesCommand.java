package dev.layoffsignals.producers;

import dev.layoffsignals.config.Settings;
import dev.layoffsignals.producers.articles.ArticleSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code produce-articles}: publishes news articles to the articles topic, keyed by article id, stamped with publication time. */
@Command(
    name = "produce-articles",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Publishes news articles to the articles topic (key: article id; timestamp: publication time).",
        "Inputs: JSON lines (corpus format), a directory of .txt/.json/.jsonl/.xml files, RSS 2.0 or Atom feeds,"
            + " or standard input ('-', the default).",
        "Exit codes: 0 ok, 1 a send failed, 2 bad input with --strict, unreadable input or bad arguments."
    })
public final class ProduceArticlesCommand extends PublishingCommand {

  @Parameters(paramLabel = "INPUT", arity = "0..*",
      description = "Files, directories or '-' (standard input); default: standard input.")
  List<String> arguments = new ArrayList<>();

  @Override
  protected List<Opener> inputs(Settings settings) {
    List<String> args = arguments.isEmpty() ? List.of(ArticleSources.STDIN) : arguments;
    List<Opener> openers = new ArrayList<>();
    for (String a : args) {
      if (!a.equals(ArticleSources.STDIN) && !Files.isReadable(Path.of(a))) {
        throw new BadInputException("Cannot read " + a + ": no such file or directory, or not readable");
      }
      openers.add(rejects -> ArticleSources.open(a, stdin, rejects));
    }
    return openers;
  }
}
