package dev.layoffsignals.localkafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command that launches the child broker JVM.
 *
 * <p>The JVM options and the classpath go into a {@code java @argfile} in the work directory: a
 * classpath of a few hundred jars would exceed Linux's 128 KB limit for a single argument, and the
 * file documents exactly what ran ({@code java @child-jvm.args} reruns it by hand).
 */
final class ChildCommandLine {

  private ChildCommandLine() {}

  /** The JVM options, {@code -cp}, main class and its argument, in order. */
  static List<String> jvmArguments(
      LocalKafkaSettings settings, String classpath, Path serverProperties) {
    List<String> args = new ArrayList<>();
    args.add("-Xmx" + settings.childMaxHeap());
    // a broker out of heap is useless; dying lets the parent see it instead of a hung broker
    args.add("-XX:+ExitOnOutOfMemoryError");
    args.add("-Djava.awt.headless=true");
    // honoured when the classpath's SLF4J binding is slf4j-simple; system properties win over a
    // simplelogger.properties on the classpath. Kafka's loggers are named org.apache.kafka.*,
    // kafka.*
    // and state.change.logger.
    String level = settings.logLevel();
    args.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=" + level);
    args.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka=" + level);
    args.add("-Dorg.slf4j.simpleLogger.log.kafka=" + level);
    args.add("-Dorg.slf4j.simpleLogger.log.state.change.logger=" + level);
    args.add("-Dorg.slf4j.simpleLogger.log.dev.layoffsignals.localkafka=info");
    args.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    args.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    args.addAll(settings.childJvmOptions());
    args.add("-cp");
    args.add(classpath);
    args.add(ChildBrokerMain.class.getName());
    args.add(serverProperties.toAbsolutePath().toString());
    return args;
  }

  /** {@code [java, @argsFile]}, after writing {@code arguments} to {@code argsFile}. */
  static List<String> command(Path java, List<String> arguments, Path argsFile) {
    try {
      Files.writeString(argsFile, argFileContent(arguments), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LocalKafkaException("Could not write the child JVM's argument file " + argsFile, e);
    }
    return List.of(java.toString(), "@" + argsFile.toAbsolutePath());
  }

  /** One argument per line, each quoted, with {@code \} and {@code "} escaped: the java launcher's argfile syntax. */
  static String argFileContent(List<String> arguments) {
    StringBuilder content = new StringBuilder();
    for (String argument : arguments) {
      content
          .append('"')
          .append(argument.replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\"\n");
    }
    return content.toString();
  }

  /**
   * The running JVM's own launcher: {@code java.home/bin/java}. {@code ProcessHandle}'s command is
   * the fallback only, because under a native launcher (jpackage, an IDE) it is not {@code java}.
   */
  static Path defaultJava() {
    Path fromJavaHome =
        Path.of(
            System.getProperty("java.home"),
            "bin",
            System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
    if (Files.isExecutable(fromJavaHome)) {
      return fromJavaHome;
    }
    Optional<String> command = ProcessHandle.current().info().command();
    return command
        .map(Path::of)
        .orElseThrow(
            () ->
                new LocalKafkaException(
                    "Cannot find a java binary for the child broker: "
                        + fromJavaHome
                        + " is not executable and this process's command is unknown; set javaExecutable"));
  }
}
