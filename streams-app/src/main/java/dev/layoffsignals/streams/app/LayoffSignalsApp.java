package dev.layoffsignals.streams.app;

import dev.layoffsignals.streams.LayoffSignalsTopology;
import dev.layoffsignals.streams.StreamsConfigs;
import dev.layoffsignals.streams.TopologySettings;
import dev.layoffsignals.streams.errors.ErrorCounter;
import dev.layoffsignals.streams.metrics.SignalMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of the topology: checks the topics, builds the topology with the input
 * partition count read from the broker, wires the metrics, starts Kafka Streams, and closes it
 * all. The {@code streams} command and the demo both run it; the query API is served next to it.
 */
public final class LayoffSignalsApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LayoffSignalsApp.class);
  private static final long ADMIN_TIMEOUT_MS = 30_000;

  private final Map<String, Object> config;
  private final Topology topology;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics kafkaMetrics;
  private final int inputPartitions;
  private final CompletableFuture<KafkaStreams.State> stopped;
  private final AdminCommittedOffsets committedOffsets;

  private LayoffSignalsApp(Map<String, Object> config, Topology topology, KafkaStreams streams,
      KafkaStreamsMetrics kafkaMetrics, int inputPartitions, CompletableFuture<KafkaStreams.State> stopped,
      AdminCommittedOffsets committedOffsets) {
    this.stopped = stopped;
    this.committedOffsets = committedOffsets;
    this.config = config;
    this.topology = topology;
    this.streams = streams;
    this.kafkaMetrics = kafkaMetrics;
    this.inputPartitions = inputPartitions;
  }

  /**
   * Starts an instance.
   *
   * @param overrides settings over the shipped defaults ({@link StreamsConfigs}): Kafka Streams',
   *     the clients' (security included) and ours
   * @param registry where the Kafka Streams client metrics and the domain's meters go
   * @throws InputTopicsException when the topics do not fit (see {@link TopicCheck})
   */
  public static LayoffSignalsApp start(Map<String, ?> overrides, MeterRegistry registry)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Object> config = effectiveConfig(overrides);
    Optional<Integer> configured = Optional.ofNullable(overrides.get(TopologySettings.INPUT_PARTITIONS))
        .map(v -> Integer.parseInt(v.toString().trim()));
    StreamsConfig streamsConfig = new StreamsConfig(config);
    int partitions;
    try (Admin admin = Admin.create(streamsConfig.getAdminConfigs("layoff-signals-topic-check"))) {
      partitions = TopicCheck.inputPartitions(admin, configured, ADMIN_TIMEOUT_MS);
    }
    config.put(TopologySettings.INPUT_PARTITIONS, Integer.toString(partitions));

    SignalMetrics metrics = new SignalMetrics(registry);
    config.put(ErrorCounter.CONFIG, metrics);
    // read by the input tasks when they start (see InputClockProcessor); closed with the instance
    AdminCommittedOffsets committedOffsets = new AdminCommittedOffsets(
        streamsConfig.getAdminConfigs("layoff-signals-input-clock"), ADMIN_TIMEOUT_MS);
    TopologySettings settings = TopologySettings.fromConfig(config, metrics).withMetrics(metrics)
        .withCommittedOffsets(committedOffsets);
    Topology topology = LayoffSignalsTopology.build(settings);
    LOG.info("Topology of {} (input partitions {}, benchmark {}, grace {}):\n{}", config.get(StreamsConfig.APPLICATION_ID_CONFIG),
        partitions, settings.benchmarkSymbol(), settings.grace(), topology.describe());

    KafkaStreams streams = new KafkaStreams(topology, StreamsConfigs.properties(config));
    streams.setUncaughtExceptionHandler(e -> {
      // bad records already go to dead-letters: what reaches here is systemic (broker, state, bug);
      // stop this instance and let the supervisor restart it rather than spin on the same error
      LOG.error("Stream thread failed; shutting this instance down", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    CompletableFuture<KafkaStreams.State> stopped = new CompletableFuture<>();
    streams.setStateListener((now, before) -> {
      LOG.info("Kafka Streams state {} -> {}", before, now);
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
        stopped.complete(now);
      }
    });
    KafkaStreamsMetrics kafkaMetrics = new KafkaStreamsMetrics(streams);
    kafkaMetrics.bindTo(registry);
    Gauge.builder("layoff.signals.streams.running", streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
        .description("1 while Kafka Streams is RUNNING").register(registry);
    streams.start();
    return new LayoffSignalsApp(config, topology, streams, kafkaMetrics, partitions, stopped, committedOffsets);
  }

  /**
   * The configuration an instance runs with: the shipped defaults ({@link StreamsConfigs}) under the
   * overrides. Kafka Streams hands every client it makes (main, restore and global consumers, the
   * producers, the admin client) its share of it, {@code security.protocol}, {@code sasl.*} and
   * {@code ssl.*} included, as do the topic check's admin client and the topology's Avro serdes
   * (registry URL and credentials); {@link #start} adds only the input partition count and the
   * error counter.
   */
  public static Map<String, Object> effectiveConfig(Map<String, ?> overrides) {
    return new TreeMap<>(StreamsConfigs.with(overrides));
  }

  /** Completes with ERROR or NOT_RUNNING once Kafka Streams has stopped, by {@link #close} or by a failure. */
  public CompletableFuture<KafkaStreams.State> stopped() {
    return stopped;
  }

  public KafkaStreams streams() {
    return streams;
  }

  public Topology topology() {
    return topology;
  }

  /** The effective configuration, defaults included (it holds the metrics instance; do not log it whole). */
  public Map<String, Object> config() {
    return config;
  }

  public String applicationId() {
    return config.get(StreamsConfig.APPLICATION_ID_CONFIG).toString();
  }

  public int inputPartitions() {
    return inputPartitions;
  }

  /** What is still to process (see {@link Backlog}). */
  public Backlog backlog(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
    return Backlog.measure(admin, applicationId(), topology, ADMIN_TIMEOUT_MS);
  }

  /** Stops processing and releases everything: Kafka Streams (leaving the group), its metrics. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  public void close(Duration timeout) {
    try {
      if (!streams.close(timeout)) {
        LOG.warn("Kafka Streams did not stop within {}", timeout);
      }
    } finally {
      kafkaMetrics.close();
      committedOffsets.close();
    }
  }
}
