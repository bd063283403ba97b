package dev.layoffsignals.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LocalKafkaBuilderTest {

  @Test
  void defaults() {
    LocalKafkaSettings settings = LocalKafka.builder().workDir(Path.of("/w")).settings();

    assertThat(settings)
        .isEqualTo(
            new LocalKafkaSettings(
                Path.of("/w"),
                0,
                0,
                false,
                Map.of(),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                "512m",
                List.of(),
                Optional.empty(),
                Optional.empty(),
                "warn"));
  }

  @Test
  void restartKeepsEverythingOnTheBoundPortsWithData() {
    LocalKafkaSettings original =
        LocalKafka.builder()
            .workDir(Path.of("/w"))
            .override("num.partitions", "4")
            .childMaxHeap("1g")
            .childJvmOption("-XX:+UseSerialGC")
            .javaExecutable(Path.of("/jdk/bin/java"))
            .classpath("/cp")
            .logLevel("debug")
            .startTimeout(Duration.ofSeconds(5))
            .closeTimeout(Duration.ofSeconds(6))
            .settings();

    LocalKafkaSettings restart =
        LocalKafkaBuilder.from(original.forRestart(19092, 19093)).settings();

    assertThat(restart)
        .isEqualTo(
            new LocalKafkaSettings(
                Path.of("/w"),
                19092,
                19093,
                true,
                Map.of("num.partitions", "4"),
                Duration.ofSeconds(5),
                Duration.ofSeconds(6),
                "1g",
                List.of("-XX:+UseSerialGC"),
                Optional.of(Path.of("/jdk/bin/java")),
                Optional.of("/cp"),
                "debug"));
  }

  @Test
  void rejectsNonsense() {
    LocalKafkaBuilder builder = LocalKafka.builder();

    assertThatThrownBy(builder::settings).hasMessage("workDir is required");
    assertThatThrownBy(() -> builder.brokerPort(70000))
        .hasMessage("port must be 0 (any free port) or 1-65535, was: 70000");
    assertThatThrownBy(() -> builder.childMaxHeap("lots"))
        .hasMessage("childMaxHeap must look like 512m or 1g, was: lots");
    assertThatThrownBy(() -> builder.logLevel("loud"))
        .hasMessage("logLevel must be one of trace, debug, info, warn, error, off; was: loud");
    assertThatThrownBy(() -> builder.startTimeout(Duration.ZERO))
        .hasMessage("startTimeout must be positive, was: PT0S");
  }

  @Test
  void portConflictOnPortsWeChoseIsRetriedOnFreshPorts() {
    LocalKafkaSettings settings = LocalKafka.builder().workDir(Path.of("/w")).settings();
    AtomicInteger attempts = new AtomicInteger();

    String started =
        LocalKafkaBuilder.startRetryingOnPortConflict(
            settings,
            s -> {
              if (attempts.incrementAndGet() < 3) {
                throw portTaken();
              }
              return "started";
            });

    assertThat(started).isEqualTo("started");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void portConflictGivesUpAfterThreeAttempts() {
    LocalKafkaSettings settings = LocalKafka.builder().workDir(Path.of("/w")).settings();
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () -> LocalKafkaBuilder.startRetryingOnPortConflict(settings, alwaysTaken(attempts)))
        .isInstanceOf(PortInUseException.class);
    assertThat(attempts).hasValue(3);
  }

  @Test
  void aTakenFixedPortFailsAtOnce() {
    LocalKafkaSettings settings =
        LocalKafka.builder().workDir(Path.of("/w")).brokerPort(19092).settings();
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () -> LocalKafkaBuilder.startRetryingOnPortConflict(settings, alwaysTaken(attempts)))
        .isInstanceOf(PortInUseException.class);
    assertThat(attempts).hasValue(1);
  }

  /** A start that counts its attempts and finds its port taken every time. */
  private static Function<LocalKafkaSettings, String> alwaysTaken(AtomicInteger attempts) {
    return s -> {
      attempts.incrementAndGet();
      throw portTaken();
    };
  }

  private static PortInUseException portTaken() {
    return new PortInUseException("taken", new BindException("Address already in use"));
  }
}
