package dev.layoffsignals.cli;

import dev.layoffsignals.benchmarks.pipeline.BenchCommand;
import dev.layoffsignals.extractor.ExtractCommand;
import dev.layoffsignals.localkafka.BrokerCommand;
import dev.layoffsignals.producers.ImportLayoffsCommand;
import dev.layoffsignals.producers.ProduceArticlesCommand;
import dev.layoffsignals.producers.ProduceTicksCommand;
import dev.layoffsignals.producers.ReplayCommand;
import dev.layoffsignals.registry.SchemaRegistryCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./layoff-signals} command. Each subcommand lives in the module that owns its
 * capability; this class only assembles them.
 */
@Command(
    name = "layoff-signals",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Finds tech-layoff announcements in news, joins them with share-price moves and "
        + "emits market-reaction event studies, on Kafka Streams.",
    subcommands = {
        DemoCommand.class,
        StreamsCommand.class,
        ExtractCommand.class,
        ProduceArticlesCommand.class,
        ProduceTicksCommand.class,
        ImportLayoffsCommand.class,
        ReplayCommand.class,
        TopicsCommand.class,
        BrokerCommand.class,
        SchemaRegistryCommand.class,
        ResetCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class
    })
public final class LayoffSignals implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests execute it without exiting the JVM. */
  public static CommandLine commandLine() {
    return new CommandLine(new LayoffSignals()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    // no subcommand: show what there is
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
