package dev.layoffsignals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo path on a real broker in a child JVM, as a user runs it with --exit-when-done. */
class DemoCommandIntegrationTest {

  @TempDir
  Path workDir;

  @Test
  void replaysTheBundledHistoryAndLeavesNoProcessBehind() {
    List<ProcessHandle> before = ProcessHandle.current().descendants().toList();
    CommandLine cli = LayoffSignals.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("demo", "--exit-when-done", "--work-dir", workDir.toString(),
        "--data-dir", Path.of("..", "data", "historical").toString(), "--partitions", "2");

    assertThat(exit).as("exit code; stderr: %s", err).isZero();
    // 9 price files x 1,255 days x (open + close), and every row of the layoffs.fyi export
    assertThat(out.toString())
        .containsPattern("stock-ticks\\s+22,590")
        .containsPattern("layoff-records\\s+4,277")
        .containsPattern("articles\\s+0")
        .contains("Schema registry:  http://127.0.0.1:");
    assertThat(ProcessHandle.current().descendants().filter(p -> !before.contains(p)).filter(ProcessHandle::isAlive).toList())
        .as("child processes left running").isEmpty();
  }
}
