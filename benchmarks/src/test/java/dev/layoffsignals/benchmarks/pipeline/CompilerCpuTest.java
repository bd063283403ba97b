package dev.layoffsignals.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerCpuTest {

  @TempDir
  Path tmp;

  @Test
  void sumsTheCpuTimeOfTheCompilerThreadsOnly() throws IOException {
    Path tasks = tmp.resolve("task");
    thread(tasks, "101", "C2 CompilerThre", "7000000000 120000 900");
    thread(tasks, "102", "C1 CompilerThre", "500000000 3000 40");
    thread(tasks, "103", "main", "9000000000 1 1");
    thread(tasks, "104", "Sweeper thread", "10 1 1");

    assertThat(CompilerCpu.nanos(tasks)).isEqualTo(7_500_000_000L);
  }

  @Test
  void aThreadThatEndedWhileReadIsSkipped() throws IOException {
    Path tasks = tmp.resolve("task");
    thread(tasks, "101", "C2 CompilerThre", "2000 0 0");
    Files.createDirectories(tasks.resolve("102")); // its files are gone
    Files.writeString(Files.createDirectories(tasks.resolve("103")).resolve("comm"), "C1 CompilerThre\n");

    assertThat(CompilerCpu.nanos(tasks)).isEqualTo(2000);
  }

  @Test
  void withoutProcItIsUnknown() {
    assertThat(CompilerCpu.nanos(tmp.resolve("absent"))).isEqualTo(-1);
  }

  @Test
  void thisJvmsCompilersHaveRunOnLinux() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
    // by the time a test runs, the JIT has compiled JUnit's and the JDK's hot methods
    assertThat(CompilerCpu.nanos()).isPositive();
  }

  private static void thread(Path tasks, String tid, String comm, String schedstat) throws IOException {
    Path dir = Files.createDirectories(tasks.resolve(tid));
    Files.writeString(dir.resolve("comm"), comm + "\n");
    Files.writeString(dir.resolve("schedstat"), schedstat + "\n");
  }
}
