package dev.layoffsignals.localkafka;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The layout of a broker's work directory, and wiping it safely.
 *
 * <p>A marker file records that local-kafka owns the directory: a non-empty directory without it is
 * never wiped, so a mistyped {@code --work-dir} cannot delete someone's files.
 */
final class WorkDirectory {

  static final String MARKER = ".local-kafka";
  static final String SERVER_PROPERTIES = "server.properties";
  static final String DATA = "data";
  static final String CHILD_LOG = "broker.log";
  static final String CHILD_ARGS = "child-jvm.args";

  private final Path root;

  private WorkDirectory(Path root) {
    this.root = root;
  }

  /**
   * Creates the directory if missing and, when {@code wipe}, empties it first.
   *
   * @throws LocalKafkaException if it must be wiped but holds files and no marker
   */
  static WorkDirectory prepare(Path root, boolean wipe) {
    try {
      Files.createDirectories(root);
      if (wipe && !isEmpty(root)) {
        if (!Files.exists(root.resolve(MARKER))) {
          throw new LocalKafkaException(
              "Refusing to wipe "
                  + root
                  + ": it is not empty and was not created by"
                  + " local-kafka (no "
                  + MARKER
                  + " file). Use an empty or new directory.");
        }
        deleteContents(root);
      }
      Files.createDirectories(root.resolve(DATA));
      Path marker = root.resolve(MARKER);
      if (!Files.exists(marker)) {
        Files.writeString(
            marker,
            "work directory of a local Kafka broker; wiped at each start unless data is kept\n");
      }
      return new WorkDirectory(root);
    } catch (IOException e) {
      throw new LocalKafkaException("Could not prepare work directory " + root, e);
    }
  }

  Path root() {
    return root;
  }

  Path dataDir() {
    return root.resolve(DATA);
  }

  Path serverProperties() {
    return root.resolve(SERVER_PROPERTIES);
  }

  Path childLog() {
    return root.resolve(CHILD_LOG);
  }

  Path childArgs() {
    return root.resolve(CHILD_ARGS);
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteContents(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure)
              throws IOException {
            if (failure != null) {
              throw failure;
            }
            if (!dir.equals(root)) {
              Files.delete(dir);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
