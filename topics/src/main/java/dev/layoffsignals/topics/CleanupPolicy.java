package dev.layoffsignals.topics;

import org.apache.kafka.common.config.TopicConfig;

/** How the broker retires a topic's records. */
public enum CleanupPolicy {
  /** Records are kept (inputs and error topics: retention.ms=-1, because replays carry old event times). */
  DELETE(TopicConfig.CLEANUP_POLICY_DELETE),
  /** The latest record per key is kept: the upsert outputs that dashboards read as tables. */
  COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT);

  private final String configValue;

  CleanupPolicy(String configValue) {
    this.configValue = configValue;
  }

  /** The value of the topic's {@code cleanup.policy}. */
  public String configValue() {
    return configValue;
  }
}
