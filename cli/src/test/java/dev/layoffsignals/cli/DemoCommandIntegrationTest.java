package dev.layoffsignals.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** The broker's, the registry's and the HTTP server's ports, as the demo prints them. */
  static List<String> ports(String output) {
    Matcher m = Pattern.compile("(?:Kafka broker: +|Schema registry: +http://|API at http://)127\\.0\\.0\\.1:(\\d+)").matcher(output);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    assertThat(out).as("ports printed").hasSize(3);
    return out;
  }

  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

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
        "--data-dir", Path.of("..", "data", "historical").toString(), "--partitions", "2", "--http-port", "0");

    assertThat(exit).as("exit code; stderr: %s", err).isZero();
    // 9 price files x 1,255 days x (open + close), and every row of the layoffs.fyi export
    assertThat(out.toString())
        .containsPattern("stock-ticks\\s+22,590")
        .containsPattern("layoff-records\\s+4,277")
        .containsPattern("articles\\s+0")
        .containsPattern("heartbeat  2026-01-28T05:00:00Z to 2 partitions of heartbeats, after \\d+ periodic heartbeats?\n")
        .contains("Schema registry:  http://127.0.0.1:")
        .contains("Processed:        everything")
        // the summary: Meta's 11,000 job cuts of 2022-11-09, day-0 return +5.18 %, settled
        .containsPattern("Meta\\s+META\\s+2022-11-09\\s+11,000\\s+\\+5\\.18 %\\s+\\S+ %\\s+\\S+ %\\s+FINAL")
        .containsPattern("Market-wide, by month[^\n]*\n[^\n]*\n(\\s+20\\d\\d-\\d\\d .*\n){12}");
    // every periodic heartbeat and the final one, on each of the 2 partitions, read back by the app
    java.util.regex.Matcher periodic = java.util.regex.Pattern.compile("after (\\d+) periodic heartbeats?\\b").matcher(out.toString());
    assertThat(periodic.find()).isTrue();
    assertThat(out.toString()).containsPattern("heartbeats\\s+" + String.format(java.util.Locale.ROOT, "%,d",
        2 * (Integer.parseInt(periodic.group(1)) + 1)) + "\n");
    for (String port : ports(out.toString())) {
      assertThat(listening(Integer.parseInt(port))).as("port %s still listening", port).isFalse();
    }
    assertThat(ProcessHandle.current().descendants().filter(p -> !before.contains(p)).filter(ProcessHandle::isAlive).toList())
        .as("child processes left running").isEmpty();
  }
}
