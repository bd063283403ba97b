package dev.layoffsignals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class LayoffSignalsTest {

  @Test
  void helpListsEverySubcommand() {
    CommandLine cli = LayoffSignals.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));

    int exit = cli.execute("--help");

    assertThat(exit).isZero();
    assertThat(cli.getSubcommands().keySet()).contains("demo", "streams", "extract", "produce-articles", "produce-ticks", "import-layoffs", "replay", "create-topics", "broker", "schema-registry", "reset", "help");
    for (String name : cli.getSubcommands().keySet()) {
      assertThat(out.toString()).as("--help lists %s", name).contains("  " + name);
    }
  }

  @Test
  void everySubcommandHasADescriptionAndHelp() {
    CommandLine cli = LayoffSignals.commandLine();

    cli.getSubcommands().forEach((name, sub) -> {
      assertThat(sub.getCommandSpec().usageMessage().description()).as("description of %s", name).isNotEmpty();
      if (!name.equals("help")) {
        assertThat(sub.getCommandSpec().optionsMap()).as("%s --help", name).containsKey("--help");
      }
    });
  }

  @Test
  void anUnknownSubcommandIsAUsageError() {
    CommandLine cli = LayoffSignals.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("frobnicate");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument at index 0: 'frobnicate'");
  }

  @Test
  void versionNamesTheKafkaClientVersion() {
    CommandLine cli = LayoffSignals.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));

    cli.execute("--version");

    assertThat(out.toString()).contains("Kafka clients 4.3.1");
  }
}
