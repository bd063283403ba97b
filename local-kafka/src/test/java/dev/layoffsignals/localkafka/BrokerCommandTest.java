package dev.layoffsignals.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code broker} command's options, parsed the way the cli module registers it. */
class BrokerCommandTest {

  @Test
  void defaults() {
    BrokerCommand command = new BrokerCommand();
    new CommandLine(command).parseArgs();

    assertThat(command.workDir).isEqualTo(Path.of("./.layoff-signals/kafka"));
    assertThat(command.port).isEqualTo(9092);
    assertThat(command.controllerPort).isZero();
    assertThat(command.keep).isFalse();
  }

  @Test
  void options() {
    BrokerCommand command = new BrokerCommand();
    new CommandLine(command)
        .parseArgs(
            "--work-dir", "/tmp/k", "--port", "19092", "--controller-port", "19093", "--keep");

    assertThat(command.workDir).isEqualTo(Path.of("/tmp/k"));
    assertThat(command.port).isEqualTo(19092);
    assertThat(command.controllerPort).isEqualTo(19093);
    assertThat(command.keep).isTrue();
  }

  @Test
  void usageNamesTheCommandAndItsPurpose() {
    String usage =
        new CommandLine(new BrokerCommand())
            .setUsageHelpWidth(160)
            .getUsageMessage(CommandLine.Help.Ansi.OFF);

    assertThat(usage)
        .startsWith(
            "Usage: broker [-h] [--keep] [--controller-port=<controllerPort>] [--port=<port>] [--work-dir=<workDir>]")
        .contains("Run a local single-node Kafka broker (KRaft) until Ctrl-C")
        .contains("--work-dir=<workDir>")
        .contains("default: ./.layoff-signals/kafka")
        .contains("default: 9092");
  }
}
