package dev.layoffsignals.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** Everything a view store holds on this instance's active partitions (the demo's one instance holds them all). */
final class ViewContents {

  private ViewContents() {
  }

  static <V> List<V> all(KafkaStreams streams, String store, Class<V> type) {
    StateQueryResult<KeyValueIterator<String, Object>> result = streams.query(
        StateQueryRequest.inStore(store).withQuery(RangeQuery.<String, Object>withNoBounds()).requireActive());
    List<V> out = new ArrayList<>();
    for (QueryResult<KeyValueIterator<String, Object>> partition : result.getPartitionResults().values()) {
      if (partition.isFailure()) {
        throw new IllegalStateException("Store " + store + " did not answer: " + partition.getFailureReason() + " "
            + partition.getFailureMessage());
      }
      try (KeyValueIterator<String, Object> it = partition.getResult()) {
        it.forEachRemaining(kv -> {
          Object v = kv.value instanceof ValueAndTimestamp<?> vt ? vt.value() : kv.value;
          if (v != null) {
            out.add(type.cast(v));
          }
        });
      }
    }
    return out;
  }
}
