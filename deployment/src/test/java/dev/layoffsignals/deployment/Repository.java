package dev.layoffsignals.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Files of the repository the deployment tests read, from the module directory (the tests' working directory). */
final class Repository {

  /** The repository root. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");
  static final Path DOCKERFILE = ROOT.resolve("docker/Dockerfile");
  static final Path DOCKERIGNORE = ROOT.resolve(".dockerignore");
  static final Path ENTRYPOINT = ROOT.resolve("docker/entrypoint.sh");
  static final Path CONFIGURATION_DOC = ROOT.resolve("docs/configuration.md");
  static final Path OPERATIONS_DOC = ROOT.resolve("docs/operations.md");
  static final Path PARENT_POM = ROOT.resolve("pom.xml");

  /** The services that run the layoff-signals image. */
  static final String STREAMS = "streams-app";
  static final String CREATE_TOPICS = "create-topics";
  static final String REPLAY = "replay";
  static final String SYNTHETIC = "synthetic-ticks";
  static final String KAFKA = "kafka";
  static final String SCHEMA_REGISTRY = "schema-registry";

  private Repository() {
  }

  /** The compose file as {@code docker compose} reads it with no variable set in the shell: every default. */
  static ComposeFile compose() {
    return ComposeFile.load(COMPOSE_FILE, Map.of());
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** The project version of the parent pom. */
  static String projectVersion() {
    return first(read(PARENT_POM), "<artifactId>layoff-signals-parent</artifactId>\\s*<version>([^<]+)</version>");
  }

  /** The Kafka version the build uses ({@code kafka.version} of the parent pom). */
  static String kafkaVersion() {
    return first(read(PARENT_POM), "<kafka\\.version>([^<]+)</kafka\\.version>");
  }

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("No match for " + regex + " in the parent pom");
    }
    return m.group(1).trim();
  }
}
