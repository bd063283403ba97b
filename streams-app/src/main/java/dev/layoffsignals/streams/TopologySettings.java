package dev.layoffsignals.streams;

import dev.layoffsignals.eventstudy.EventStudyParameters;
import dev.layoffsignals.extractor.LayoffExtractor;
import dev.layoffsignals.streams.errors.ErrorCounter;
import dev.layoffsignals.streams.metrics.SignalMetrics;
import dev.layoffsignals.streams.time.CommittedOffsets;
import dev.layoffsignals.streams.time.InputClockProcessor;
import dev.layoffsignals.topics.Topics;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;

/**
 * What the topology is built from.
 *
 * @param eventStudy the event-study parameters, benchmark symbol included
 * @param grace how much older than stream time an input record may be and still count
 * @param inputPartitions the partition count of the input topics (all equal), i.e. the number of
 *     input tasks whose watermarks make the clock; it must match the topics
 * @param serdeConfig configuration of the Avro serdes of the topics ({@code schema.registry.url}, ...)
 * @param errorCounter counts records sent to the error topics
 * @param extractor finds layoff reports in articles (immutable, shared by every task)
 * @param metrics the domain's meters
 * @param committedOffsets the offsets the application's group has committed, which input tasks
 *     resume their clocks from ({@link CommittedOffsets#UNKNOWN}: the clocks store their offsets
 *     after every record instead)
 */
public record TopologySettings(
    EventStudyParameters eventStudy,
    Duration grace,
    int inputPartitions,
    Map<String, ?> serdeConfig,
    ErrorCounter errorCounter,
    LayoffExtractor extractor,
    SignalMetrics metrics,
    CommittedOffsets committedOffsets) {

  public static final String BENCHMARK_SYMBOL = "benchmark.symbol";
  public static final String GRACE_PERIOD = "grace.period";
  public static final String INPUT_PARTITIONS = "input.partitions";

  public static final Duration DEFAULT_GRACE = Duration.ofDays(2);

  /** The extractor over the shipped gazetteer, read once per JVM, when first needed (it is immutable). */
  private static final class DefaultExtractor {
    static final LayoffExtractor INSTANCE = LayoffExtractor.withDefaultGazetteer();
  }

  public TopologySettings {
    Objects.requireNonNull(eventStudy, "eventStudy");
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
    if (inputPartitions < 1) {
      throw new IllegalArgumentException("inputPartitions must be at least 1: " + inputPartitions);
    }
    serdeConfig = Map.copyOf(Objects.requireNonNull(serdeConfig, "serdeConfig"));
    Objects.requireNonNull(errorCounter, "errorCounter");
    Objects.requireNonNull(extractor, "extractor");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(committedOffsets, "committedOffsets");
  }

  /** The defaults (QQQ, two days, the catalogue's partition count) with these serde settings. */
  public static TopologySettings defaults(Map<String, ?> serdeConfig) {
    return new TopologySettings(EventStudyParameters.DEFAULTS, DEFAULT_GRACE, Topics.DEFAULT_PARTITIONS,
        serdeConfig, ErrorCounter.NONE, DefaultExtractor.INSTANCE,
        SignalMetrics.NONE, CommittedOffsets.UNKNOWN);
  }

  /**
   * From the application's settings: {@value #BENCHMARK_SYMBOL}, {@value #GRACE_PERIOD} (ISO-8601,
   * e.g. {@code P2D}), {@value #INPUT_PARTITIONS}; the whole map is the serde configuration.
   */
  public static TopologySettings fromConfig(Map<String, ?> config, ErrorCounter counter) {
    TopologySettings s = defaults(config).withErrorCounter(counter);
    Object benchmark = config.get(BENCHMARK_SYMBOL);
    if (benchmark != null && !benchmark.toString().isBlank()) {
      s = s.withBenchmark(benchmark.toString().trim());
    }
    Object grace = config.get(GRACE_PERIOD);
    if (grace != null) {
      try {
        s = s.withGrace(Duration.parse(grace.toString().trim()));
      } catch (DateTimeParseException | IllegalArgumentException e) {
        throw new ConfigException(GRACE_PERIOD, grace, "expected an ISO-8601 duration such as P2D or PT36H, not negative");
      }
    }
    Object partitions = config.get(INPUT_PARTITIONS);
    if (partitions != null) {
      try {
        s = s.withInputPartitions(Integer.parseInt(partitions.toString().trim()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(INPUT_PARTITIONS, partitions, "expected a whole number of at least 1");
      }
    }
    return s;
  }

  public String benchmarkSymbol() {
    return eventStudy.benchmarkSymbol();
  }

  public TopologySettings withBenchmark(String symbol) {
    return new TopologySettings(eventStudy.withBenchmarkSymbol(symbol), grace, inputPartitions, serdeConfig, errorCounter, extractor, metrics, committedOffsets);
  }

  public TopologySettings withGrace(Duration value) {
    return new TopologySettings(eventStudy, value, inputPartitions, serdeConfig, errorCounter, extractor, metrics, committedOffsets);
  }

  public TopologySettings withInputPartitions(int value) {
    return new TopologySettings(eventStudy, grace, value, serdeConfig, errorCounter, extractor, metrics, committedOffsets);
  }

  public TopologySettings withExtractor(LayoffExtractor value) {
    return new TopologySettings(eventStudy, grace, inputPartitions, serdeConfig, errorCounter, value, metrics, committedOffsets);
  }

  /** Counts into these meters, errors included. */
  public TopologySettings withMetrics(SignalMetrics value) {
    return new TopologySettings(eventStudy, grace, inputPartitions, serdeConfig, value, extractor, value, committedOffsets);
  }

  /** Input tasks resume their clocks from these committed offsets (see {@link InputClockProcessor}). */
  public TopologySettings withCommittedOffsets(CommittedOffsets value) {
    return new TopologySettings(eventStudy, grace, inputPartitions, serdeConfig, errorCounter, extractor, metrics, value);
  }

  public TopologySettings withErrorCounter(ErrorCounter value) {
    return new TopologySettings(eventStudy, grace, inputPartitions, serdeConfig, value, extractor, metrics, committedOffsets);
  }
}
