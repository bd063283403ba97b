package dev.layoffsignals.localkafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Options for a {@link LocalKafka}. Everything has a default except the work directory.
 *
 * <p>Options named {@code child...}, {@link #javaExecutable(Path)}, {@link #classpath(String)} and
 * {@link #logLevel(String)} only apply to {@link #startChildProcess()}: in-process, the broker shares
 * this JVM's heap and logging.
 */
public final class LocalKafkaBuilder {

  static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
  static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
  static final String DEFAULT_CHILD_MAX_HEAP = "512m";
  static final String DEFAULT_LOG_LEVEL = "warn";
  static final int START_ATTEMPTS_ON_PORT_CONFLICT = 3;
  private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBuilder.class);

  private Path workDir;
  private int brokerPort;
  private int controllerPort;
  private boolean keepData;
  private final Map<String, String> overrides = new LinkedHashMap<>();
  private Duration startTimeout = DEFAULT_START_TIMEOUT;
  private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
  private String childMaxHeap = DEFAULT_CHILD_MAX_HEAP;
  private final List<String> childJvmOptions = new ArrayList<>();
  private Path javaExecutable;
  private String classpath;
  private String logLevel = DEFAULT_LOG_LEVEL;

  LocalKafkaBuilder() {}

  /** A builder holding the given settings, to start the same broker again. */
  static LocalKafkaBuilder from(LocalKafkaSettings settings) {
    LocalKafkaBuilder builder = new LocalKafkaBuilder();
    builder.workDir = settings.workDir();
    builder.brokerPort = settings.brokerPort();
    builder.controllerPort = settings.controllerPort();
    builder.keepData = settings.keepData();
    builder.overrides.putAll(settings.overrides());
    builder.startTimeout = settings.startTimeout();
    builder.closeTimeout = settings.closeTimeout();
    builder.childMaxHeap = settings.childMaxHeap();
    builder.childJvmOptions.addAll(settings.childJvmOptions());
    builder.javaExecutable = settings.javaExecutable().orElse(null);
    builder.classpath = settings.classpath().orElse(null);
    builder.logLevel = settings.logLevel();
    return builder;
  }

  /** Where config, data and logs go; created if missing. Required. */
  public LocalKafkaBuilder workDir(Path workDir) {
    this.workDir = Objects.requireNonNull(workDir, "workDir");
    return this;
  }

  /** The client listener's port; 0 (the default) picks a free one. */
  public LocalKafkaBuilder brokerPort(int port) {
    this.brokerPort = checkPort(port);
    return this;
  }

  /** The controller listener's port; 0 (the default) picks a free one. */
  public LocalKafkaBuilder controllerPort(int port) {
    this.controllerPort = checkPort(port);
    return this;
  }

  /**
   * {@code true}: start on what is in the work directory (formatting it only if it was never formatted),
   * so topics, records and ids survive a restart. {@code false} (the default): wipe it first.
   */
  public LocalKafkaBuilder keepData(boolean keepData) {
    this.keepData = keepData;
    return this;
  }

  /** One broker property that replaces the default, e.g. {@code ("num.partitions", "3")}. */
  public LocalKafkaBuilder override(String key, String value) {
    overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Broker properties that replace the defaults. Overriding listeners or node ids is not supported. */
  public LocalKafkaBuilder overrides(Map<String, String> brokerOverrides) {
    brokerOverrides.forEach(this::override);
    return this;
  }

  /** How long to wait for the broker to be ready before failing; 60 s by default. */
  public LocalKafkaBuilder startTimeout(Duration timeout) {
    this.startTimeout = checkPositive(timeout, "startTimeout");
    return this;
  }

  /** How long {@link LocalKafka#close()} waits for a graceful stop of a child before killing it; 30 s by default. */
  public LocalKafkaBuilder closeTimeout(Duration timeout) {
    this.closeTimeout = checkPositive(timeout, "closeTimeout");
    return this;
  }

  /** The child JVM's {@code -Xmx} value, e.g. {@code "512m"} (the default). */
  public LocalKafkaBuilder childMaxHeap(String maxHeap) {
    if (!maxHeap.matches("\\d+[kKmMgG]?")) {
      throw new IllegalArgumentException("childMaxHeap must look like 512m or 1g, was: " + maxHeap);
    }
    this.childMaxHeap = maxHeap;
    return this;
  }

  /** Extra JVM options for the child, appended after ours (so they win), e.g. {@code -XX:+UseSerialGC}. */
  public LocalKafkaBuilder childJvmOption(String option) {
    childJvmOptions.add(Objects.requireNonNull(option, "option"));
    return this;
  }

  /** The {@code java} binary for the child; by default the one of the running JVM. */
  public LocalKafkaBuilder javaExecutable(Path java) {
    this.javaExecutable = Objects.requireNonNull(java, "java");
    return this;
  }

  /**
   * The child's classpath; by default this JVM's effective classpath (see {@link EffectiveClasspath}).
   * It must hold this library, Kafka's server jars and, for logs, an SLF4J binding.
   */
  public LocalKafkaBuilder classpath(String classpath) {
    this.classpath = Objects.requireNonNull(classpath, "classpath");
    return this;
  }

  /**
   * The child's log level for Kafka's loggers when its SLF4J binding is slf4j-simple: {@code warn}
   * (the default) keeps {@code broker.log} to what matters.
   */
  public LocalKafkaBuilder logLevel(String level) {
    String normalised = level.toLowerCase(Locale.ROOT);
    if (!List.of("trace", "debug", "info", "warn", "error", "off").contains(normalised)) {
      throw new IllegalArgumentException(
          "logLevel must be one of trace, debug, info, warn, error, off; was: " + level);
    }
    this.logLevel = normalised;
    return this;
  }

  /** Starts the broker inside this JVM and returns once it is ready. */
  public InProcessKafka startInProcess() {
    return startRetryingOnPortConflict(settings(), InProcessKafka::start);
  }

  /** Starts the broker in a child JVM and returns once it is ready. */
  public ChildProcessKafka startChildProcess() {
    return startRetryingOnPortConflict(settings(), ChildProcessKafka::start);
  }

  /**
   * Free ports are probed, released, then bound by the broker: another process (a parallel test
   * JVM starting its own broker) can take one in between. When both ports were ours to choose, a
   * bind failure is retried on fresh ones; a fixed port that is taken fails at once.
   */
  static <T> T startRetryingOnPortConflict(
      LocalKafkaSettings settings, Function<LocalKafkaSettings, T> start) {
    boolean portsAreOurs = settings.brokerPort() == 0 && settings.controllerPort() == 0;
    for (int attempt = 1; ; attempt++) {
      try {
        return start.apply(settings);
      } catch (PortInUseException e) {
        if (!portsAreOurs || attempt == START_ATTEMPTS_ON_PORT_CONFLICT) {
          throw e;
        }
        LOG.warn(
            "A probed port was taken before the broker bound it; retrying on other ports ({})",
            e.getMessage().lines().findFirst().orElse(""));
      }
    }
  }

  LocalKafkaSettings settings() {
    if (workDir == null) {
      throw new IllegalStateException("workDir is required");
    }
    return new LocalKafkaSettings(
        workDir.toAbsolutePath().normalize(),
        brokerPort,
        controllerPort,
        keepData,
        Map.copyOf(overrides),
        startTimeout,
        closeTimeout,
        childMaxHeap,
        List.copyOf(childJvmOptions),
        Optional.ofNullable(javaExecutable),
        Optional.ofNullable(classpath),
        logLevel);
  }

  private static int checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, was: " + port);
    }
    return port;
  }

  private static Duration checkPositive(Duration duration, String name) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was: " + duration);
    }
    return duration;
  }
}
