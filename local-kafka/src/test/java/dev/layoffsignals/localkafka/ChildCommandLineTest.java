package dev.layoffsignals.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildCommandLineTest {

  @TempDir Path tempDir;

  @Test
  void heapAndLogLevelsFirstThenCallerOptionsThenClasspathAndMain() {
    LocalKafkaSettings settings =
        LocalKafka.builder()
            .workDir(tempDir)
            .childMaxHeap("256m")
            .logLevel("INFO")
            .childJvmOption("-XX:+UseSerialGC")
            .settings();

    List<String> args =
        ChildCommandLine.jvmArguments(settings, "/a.jar:/b", Path.of("/w/server.properties"));

    assertThat(args)
        .containsExactly(
            "-Xmx256m",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info",
            "-Dorg.slf4j.simpleLogger.log.kafka=info",
            "-Dorg.slf4j.simpleLogger.log.state.change.logger=info",
            "-Dorg.slf4j.simpleLogger.log.dev.layoffsignals.localkafka=info",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ",
            "-XX:+UseSerialGC",
            "-cp",
            "/a.jar:/b",
            "dev.layoffsignals.localkafka.ChildBrokerMain",
            "/w/server.properties");
  }

  @Test
  void defaultsAreHalfAGigabyteAndWarn() {
    List<String> args =
        ChildCommandLine.jvmArguments(
            LocalKafka.builder().workDir(tempDir).settings(), "cp", Path.of("/s.properties"));

    assertThat(args)
        .startsWith("-Xmx512m")
        .contains("-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn");
  }

  @Test
  void argFileQuotesEveryArgumentAndEscapesBackslashesAndQuotes() {
    String content =
        ChildCommandLine.argFileContent(
            List.of("-cp", "/dir with space/a.jar", "C:\\x", "say \"hi\""));

    assertThat(content)
        .isEqualTo("\"-cp\"\n\"/dir with space/a.jar\"\n\"C:\\\\x\"\n\"say \\\"hi\\\"\"\n");
  }

  @Test
  void commandIsJavaWithTheArgFile() throws Exception {
    Path argsFile = tempDir.resolve("child-jvm.args");

    List<String> command =
        ChildCommandLine.command(Path.of("/jdk/bin/java"), List.of("-Xmx1m"), argsFile);

    assertThat(command).containsExactly("/jdk/bin/java", "@" + argsFile.toAbsolutePath());
    assertThat(Files.readString(argsFile)).isEqualTo("\"-Xmx1m\"\n");
  }

  @Test
  void defaultJavaIsThisJvmsLauncher() {
    assertThat(ChildCommandLine.defaultJava())
        .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java"))
        .isExecutable();
  }
}
