package dev.layoffsignals.streams.ingest;

/**
 * An input value together with the bytes it was read from, so that a record sent to late-records
 * or dead-letters carries its original bytes untouched (same schema id, nothing re-encoded).
 *
 * @param raw the value bytes as consumed; null for a tombstone
 * @param value the decoded value; null for a tombstone
 */
public record Envelope<V>(byte[] raw, V value) {
}
