package dev.layoffsignals.localkafka;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for error messages: why a child broker did not start is in its log. */
final class LogTail {

  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /** At most {@code maxLines} last lines of {@code file}; a note instead if it cannot be read. */
  static String of(Path file, int maxLines) {
    if (!Files.exists(file)) {
      return "(no log file " + file + ")";
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      raf.seek(length - size);
      raf.readFully(bytes);
      List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
      return String.join(
          System.lineSeparator(),
          lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
    } catch (IOException e) {
      return "(could not read " + file + ": " + e + ")";
    }
  }
}
