package dev.layoffsignals.serde;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-memory registries behind {@code mock://<scope>} URLs, one per scope for the life of the
 * JVM, as Confluent's {@code MockSchemaRegistry}: every serde configured with the same scope shares
 * one registry. Tests that want a clean registry use a unique scope or {@link #dropScope(String)}.
 * Closing a serde leaves its scope alone ({@link InMemorySchemaRegistryClient#close()} does nothing),
 * since other serdes of the scope may still use it.
 */
public final class MockSchemaRegistry {

  private static final ConcurrentMap<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

  private MockSchemaRegistry() {
  }

  /** The registry of {@code scope}, created on first use. */
  public static InMemorySchemaRegistryClient clientForScope(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
  }

  /** Forgets a scope's schemas; serdes created afterwards with that scope start from an empty registry. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }
}
