package dev.layoffsignals.serde;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * How often and how patiently the HTTP client retries a registry call that got no answer or a 5xx.
 * The default (4 retries, 100 ms doubling up to 1 s: 100 + 200 + 400 + 800 ms) rides out a registry
 * restart without stalling a stream thread for longer than its poll interval tolerates.
 */
public record RetryPolicy(int maxRetries, Duration initialWait, Duration maxWait) {

  public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1));

  /** Fails on the first error; for callers that do their own retrying. */
  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxRetries < 0 || initialWait.isNegative() || maxWait.compareTo(initialWait) < 0) {
      throw new IllegalArgumentException("invalid retry policy: " + maxRetries + " retries, wait "
          + initialWait.toMillis() + " ms up to " + maxWait.toMillis() + " ms");
    }
  }

  /** The wait before retry number {@code retry} (0 for the first retry). */
  public Duration backoff(int retry) {
    long millis = initialWait.toMillis() << Math.min(retry, 20);
    return Duration.ofMillis(Math.min(millis, maxWait.toMillis()));
  }

  static RetryPolicy fromConfig(Map<String, ?> configs) {
    int retries = (int) AvroSerdeConfig.longValue(configs, AvroSerdeConfig.MAX_RETRIES, DEFAULT.maxRetries);
    long wait = AvroSerdeConfig.longValue(configs, AvroSerdeConfig.RETRIES_WAIT_MS, DEFAULT.initialWait.toMillis());
    long maxWait = AvroSerdeConfig.longValue(configs, AvroSerdeConfig.RETRIES_MAX_WAIT_MS,
        Math.max(wait, DEFAULT.maxWait.toMillis()));
    try {
      return new RetryPolicy(retries, Duration.ofMillis(wait), Duration.ofMillis(maxWait));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage() + " (" + AvroSerdeConfig.MAX_RETRIES + ", "
          + AvroSerdeConfig.RETRIES_WAIT_MS + ", " + AvroSerdeConfig.RETRIES_MAX_WAIT_MS + ")");
    }
  }
}
