package dev.layoffsignals.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.generic.IndexedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The views' partitions this instance holds as active, read with interactive queries (IQv2). A
 * standby partition is never read: every partition is answered by its one active owner, so merged
 * answers hold each key once.
 */
final class LocalStores {

  private final KafkaStreams streams;

  public LocalStores(KafkaStreams streams) {
    this.streams = streams;
  }

  /**
   * What a list query finds in this instance's active partitions.
   *
   * @param partitions the partitions that answered
   * @param items the first {@code limit} matching items, in the query's order
   */
  public record Answer(SortedSet<Integer> partitions, List<JsonNode> items) {
  }

  /**
   * Every active partition of the query's view, scanned: matching values, ranked, at most
   * {@code limit}.
   *
   * @throws ApiException 503 when a local partition fails for another reason than being a standby
   */
  public <V> Answer scan(ListQuery<V> query) {
    StateQueryRequest<KeyValueIterator<String, Object>> request = StateQueryRequest.inStore(query.view().store())
        .withQuery(RangeQuery.<String, Object>withNoBounds())
        .requireActive();
    StateQueryResult<KeyValueIterator<String, Object>> result = streams.query(request);
    Ranking ranking = query.ranking();
    SortedSet<Integer> answered = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    try {
      for (Map.Entry<Integer, QueryResult<KeyValueIterator<String, Object>>> e : result.getPartitionResults().entrySet()) {
        QueryResult<KeyValueIterator<String, Object>> partition = e.getValue();
        if (partition.isSuccess()) {
          KeyValueIterator<String, Object> it = partition.getResult();
          while (it.hasNext()) {
            KeyValue<String, Object> kv = it.next();
            V value = value(kv.value);
            if (value != null && query.matches(value)) {
              ranking.offer(query.rank(AvroJson.toJson((IndexedRecord) value)));
            }
          }
          answered.add(e.getKey());
        } else if (partition.getFailureReason() != FailureReason.NOT_ACTIVE) {
          failures.add(describe(query.view(), e.getKey(), partition));
        }
      }
    } finally {
      closeAll(result);
    }
    if (!failures.isEmpty()) {
      throw ApiException.unavailable(String.join("; ", failures));
    }
    return new Answer(answered, ranking.items());
  }

  /**
   * The value of {@code key} in partition {@code partition} of {@code view}, which this instance
   * must hold as active.
   *
   * @throws ApiException 503 when this instance does not hold that partition as active (now)
   */
  public <V> Optional<V> get(View view, String key, int partition) {
    StateQueryRequest<Object> request = StateQueryRequest.inStore(view.store())
        .withQuery(KeyQuery.<String, Object>withKey(key))
        .withPartitions(Set.of(partition))
        .requireActive();
    // not getOnlyPartitionResult(): it skips results whose value is null, i.e. an absent key
    QueryResult<Object> result = streams.query(request).getPartitionResults().get(partition);
    if (result == null || result.isFailure()) {
      throw ApiException.unavailable(result == null
          ? "partition " + partition + " of " + view.store() + " did not answer on this instance"
          : describe(view, partition, result));
    }
    return Optional.ofNullable(value(result.getResult()));
  }

  /**
   * Whether every active partition of {@code view} on this instance answers a query now.
   *
   * @return the partitions that answered
   * @throws ApiException 503 naming the partitions that did not
   */
  public SortedSet<Integer> probe(View view) {
    StateQueryResult<Object> result = streams.query(StateQueryRequest.inStore(view.store())
        .withQuery(KeyQuery.<String, Object>withKey("")).requireActive());
    SortedSet<Integer> answered = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    result.getPartitionResults().forEach((partition, r) -> {
      if (r.isSuccess()) {
        answered.add(partition);
      } else if (r.getFailureReason() != FailureReason.NOT_ACTIVE) {
        failures.add(describe(view, partition, r));
      }
    });
    SortedSet<Integer> silent = activePartitions(view);
    silent.removeAll(answered);
    if (!silent.isEmpty()) {
      failures.add("partitions " + silent + " of " + view.store() + " are active on this instance but do not answer yet");
    }
    if (!failures.isEmpty()) {
      throw ApiException.unavailable(String.join("; ", failures));
    }
    return answered;
  }

  /** The partitions of {@code view} that this instance's threads hold as active. */
  public SortedSet<Integer> activePartitions(View view) {
    SortedSet<Integer> out = new TreeSet<>();
    for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
      for (TaskMetadata task : thread.activeTasks()) {
        task.topicPartitions().stream().filter(tp -> tp.topic().equals(view.topic())).forEach(tp -> out.add(tp.partition()));
      }
    }
    return out;
  }

  /** A stored value: the view stores are timestamped, and IQv2 gives the plain value, but be lenient. */
  @SuppressWarnings("unchecked")
  private static <V> V value(Object stored) {
    return (V) (stored instanceof ValueAndTimestamp<?> vt ? vt.value() : stored);
  }

  private static String describe(View view, int partition, QueryResult<?> failed) {
    return "partition " + partition + " of " + view.store() + " cannot be queried on this instance ("
        + failed.getFailureReason() + ": " + failed.getFailureMessage() + ")";
  }

  private static void closeAll(StateQueryResult<KeyValueIterator<String, Object>> result) {
    for (QueryResult<KeyValueIterator<String, Object>> r : result.getPartitionResults().values()) {
      if (r.isSuccess() && r.getResult() != null) {
        r.getResult().close();
      }
    }
  }
}
