package dev.layoffsignals.localkafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable snapshot of a {@link LocalKafkaBuilder}, kept by a running broker so it can be restarted alike. */
record LocalKafkaSettings(
    Path workDir,
    int brokerPort,
    int controllerPort,
    boolean keepData,
    Map<String, String> overrides,
    Duration startTimeout,
    Duration closeTimeout,
    String childMaxHeap,
    List<String> childJvmOptions,
    Optional<Path> javaExecutable,
    Optional<String> classpath,
    String logLevel) {

  /** The same settings on the ports actually bound, keeping the data: what a restart needs. */
  LocalKafkaSettings forRestart(int boundBrokerPort, int boundControllerPort) {
    return new LocalKafkaSettings(
        workDir,
        boundBrokerPort,
        boundControllerPort,
        true,
        overrides,
        startTimeout,
        closeTimeout,
        childMaxHeap,
        childJvmOptions,
        javaExecutable,
        classpath,
        logLevel);
  }
}
