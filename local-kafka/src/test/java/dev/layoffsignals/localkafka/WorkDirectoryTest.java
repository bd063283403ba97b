package dev.layoffsignals.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirectoryTest {

  @TempDir Path tempDir;

  @Test
  void createsAMissingDirectoryWithDataDirAndMarker() {
    Path root = tempDir.resolve("a").resolve("b");

    WorkDirectory dir = WorkDirectory.prepare(root, true);

    assertThat(dir.dataDir()).isDirectory().isEqualTo(root.resolve("data"));
    assertThat(root.resolve(".local-kafka")).isRegularFile();
    assertThat(dir.serverProperties()).isEqualTo(root.resolve("server.properties"));
    assertThat(dir.childLog()).isEqualTo(root.resolve("broker.log"));
  }

  @Test
  void wipesItsOwnDirectoryAndKeepsItWhenAsked() throws IOException {
    Path root = tempDir.resolve("kafka");
    WorkDirectory.prepare(root, true);
    Path partition = Files.createDirectories(root.resolve("data").resolve("topic-0"));
    Files.writeString(partition.resolve("00000000000000000000.log"), "records");

    WorkDirectory.prepare(root, false);
    assertThat(partition.resolve("00000000000000000000.log")).hasContent("records");

    WorkDirectory.prepare(root, true);
    assertThat(partition).doesNotExist();
    assertThat(root.resolve("data")).isEmptyDirectory();
    assertThat(root.resolve(".local-kafka")).isRegularFile();
  }

  @Test
  void refusesToWipeADirectoryItDidNotCreate() throws IOException {
    Path foreign = Files.createDirectories(tempDir.resolve("home"));
    Files.writeString(foreign.resolve("thesis.tex"), "years of work");

    assertThatThrownBy(() -> WorkDirectory.prepare(foreign, true))
        .isInstanceOf(LocalKafkaException.class)
        .hasMessage(
            "Refusing to wipe "
                + foreign
                + ": it is not empty and was not created by local-kafka"
                + " (no .local-kafka file). Use an empty or new directory.");
    assertThat(foreign.resolve("thesis.tex")).hasContent("years of work");
  }

  @Test
  void keepingDataInAForeignDirectoryIsAllowed() throws IOException {
    Path existing = Files.createDirectories(tempDir.resolve("existing"));
    Files.writeString(existing.resolve("notes.txt"), "x");

    WorkDirectory.prepare(existing, false);

    assertThat(existing.resolve("notes.txt")).hasContent("x");
    assertThat(existing.resolve("data")).isDirectory();
  }
}
