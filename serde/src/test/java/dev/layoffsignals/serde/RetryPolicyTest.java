package dev.layoffsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaultBackOffDoublesFrom100MsAndAllRetriesFitInTwoSeconds() {
    RetryPolicy policy = RetryPolicy.fromConfig(Map.of());

    assertThat(IntStream.range(0, policy.maxRetries()).mapToObj(policy::backoff))
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
  }

  @Test
  void backOffIsCappedByTheMaximumWait() {
    RetryPolicy policy = RetryPolicy.fromConfig(Map.of(AvroSerdeConfig.MAX_RETRIES, "6",
        AvroSerdeConfig.RETRIES_WAIT_MS, "50", AvroSerdeConfig.RETRIES_MAX_WAIT_MS, "300"));

    assertThat(IntStream.range(0, policy.maxRetries()).mapToObj(policy::backoff))
        .containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300));
  }

  @Test
  void maximumWaitBelowTheFirstWaitIsAConfigError() {
    assertThatThrownBy(() -> RetryPolicy.fromConfig(Map.of(AvroSerdeConfig.RETRIES_WAIT_MS, 500,
        AvroSerdeConfig.RETRIES_MAX_WAIT_MS, 100)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid retry policy: 4 retries, wait 500 ms up to 100 ms (max.retries, retries.wait.ms,"
            + " retries.max.wait.ms)");
  }
}
