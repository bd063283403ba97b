package dev.layoffsignals.extractor;

/**
 * Why a company says it cuts jobs, when the article says so. Same symbol names as the Avro enum
 * so the topology maps them by name.
 */
public enum LayoffReason {
  AI_AUTOMATION,
  COST_CUTTING,
  RESTRUCTURING,
  FALLING_DEMAND,
  OVER_HIRING,
  OTHER
}
