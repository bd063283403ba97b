package dev.layoffsignals.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

  @TempDir Path tempDir;

  @Test
  void lastLines() throws IOException {
    Path log = Files.writeString(tempDir.resolve("broker.log"), "one\ntwo\nthree\nfour\n");

    assertThat(LogTail.of(log, 2)).isEqualTo("three" + System.lineSeparator() + "four");
    assertThat(LogTail.of(log, 10))
        .isEqualTo(String.join(System.lineSeparator(), "one", "two", "three", "four"));
  }

  @Test
  void missingFileIsSaidSo() {
    Path log = tempDir.resolve("none.log");

    assertThat(LogTail.of(log, 5)).isEqualTo("(no log file " + log + ")");
  }
}
