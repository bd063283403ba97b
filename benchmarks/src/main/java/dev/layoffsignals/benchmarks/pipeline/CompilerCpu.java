package dev.layoffsignals.benchmarks.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's just-in-time compiler threads, read from Linux's
 * {@code /proc/self/task/<tid>/schedstat} (its first field: nanoseconds on a CPU) for the threads
 * named {@code C1 CompilerThread*} and {@code C2 CompilerThread*}.
 *
 * <p>{@link java.lang.management.CompilationMXBean#getTotalCompilationTime()} sums the elapsed
 * time of compilations: on two loaded cores a compiler thread waits for a CPU for much of it, so
 * that figure overstates what compiling took away from the application. This is what it took.
 * Compiler threads that ended are not counted (with one thread per compiler, on two cores, none
 * ends).
 */
final class CompilerCpu {

  /** {@code comm} of a compiler thread: its name, cut to 15 characters by Linux. */
  private static final String C1 = "C1 CompilerThre";
  private static final String C2 = "C2 CompilerThre";

  private CompilerCpu() {
  }

  /** Nanoseconds the compiler threads of this JVM spent on a CPU; -1 without {@code /proc}. */
  static long nanos() {
    return nanos(Path.of("/proc/self/task"));
  }

  /** {@link #nanos()} over a {@code /proc/<pid>/task} directory. */
  static long nanos(Path tasks) {
    if (!Files.isDirectory(tasks)) {
      return -1;
    }
    long sum = 0;
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        sum += compilerThreadNanos(thread);
      }
    } catch (IOException e) {
      return -1;
    }
    return sum;
  }

  private static long compilerThreadNanos(Path thread) {
    try {
      String name = Files.readString(thread.resolve("comm"), StandardCharsets.UTF_8).strip();
      if (!name.startsWith(C1) && !name.startsWith(C2)) {
        return 0;
      }
      String schedstat = Files.readString(thread.resolve("schedstat"), StandardCharsets.UTF_8).strip();
      return Long.parseLong(schedstat.split("\\s+", 2)[0]);
    } catch (IOException | NumberFormatException e) {
      return 0; // a thread that ended while being read, or a kernel without schedstat
    }
  }

  /** Seconds since {@code from} (a {@link #nanos()}), or -1 when either is unknown. */
  static double secondsSince(long from) {
    long now = nanos();
    return from < 0 || now < 0 ? -1 : (now - from) / 1e9;
  }
}
