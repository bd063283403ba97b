package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.streams.LayoffSignalsTopology.Names;
import dev.layoffsignals.streams.dedup.ReportSets;
import dev.layoffsignals.streams.reaction.CloseHistories;
import dev.layoffsignals.streams.reaction.OpenAnnouncements;
import dev.layoffsignals.streams.time.InputClock;
import dev.layoffsignals.streams.windows.WindowStates;
import dev.layoffsignals.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * How much state the topology holds. Its working stores are in memory, backed by changelogs: for
 * each, the entries and their size in the store's own binary format (keys and values as the
 * changelog carries them), read through interactive queries on every local task. The views of the
 * outputs are RocksDB stores in the state directory: their entries, and the directory's size.
 */
final class StoreSizes {

  /** One store: entries, and serialized bytes (-1 when not measured: the views, on disk). */
  record StoreSize(long entries, long bytes) {}

  private record Codecs<K, V>(Serde<K> keys, Serde<V> values) {}

  private static final Map<String, Codecs<?, ?>> IN_MEMORY = inMemory();

  private static Map<String, Codecs<?, ?>> inMemory() {
    Map<String, Codecs<?, ?>> out = new LinkedHashMap<>();
    out.put(Names.INPUT_CLOCK_STORE, new Codecs<>(Serdes.String(), InputClock.serde(
        List.of(Topics.STOCK_TICKS.name(), Topics.LAYOFF_RECORDS.name(), Topics.ARTICLES.name()), Topics.HEARTBEATS.name())));
    out.put(Names.TICKER_WATERMARKS_STORE, new Codecs<>(Serdes.Integer(), Serdes.Long()));
    out.put(Names.REPORTS_STORE, new Codecs<>(Serdes.String(), ReportSets.serde()));
    out.put(Names.CLOSES_STORE, new Codecs<>(Serdes.String(), CloseHistories.serde()));
    out.put(Names.OPEN_ANNOUNCEMENTS_STORE, new Codecs<>(Serdes.String(), OpenAnnouncements.serde()));
    out.put(Names.WINDOW_WATERMARKS_STORE, new Codecs<>(Serdes.Integer(), Serdes.Long()));
    out.put(Names.WINDOWS_STORE, new Codecs<>(Serdes.String(), WindowStates.serde()));
    return out;
  }

  private static final List<String> VIEWS = List.of(Names.ANNOUNCEMENTS_VIEW, Names.REACTIONS_VIEW, Names.WINDOWS_VIEW);

  private StoreSizes() {}

  /** Every store of the topology, working stores first. */
  static Map<String, StoreSize> measure(KafkaStreams streams) {
    Map<String, StoreSize> out = new LinkedHashMap<>();
    IN_MEMORY.forEach((name, codecs) -> out.put(name, serialized(streams, name, codecs)));
    for (String view : VIEWS) {
      out.put(view, new StoreSize(count(streams, view), -1));
    }
    return out;
  }

  /** Serialized bytes of the in-memory stores in {@code sizes}. */
  static long inMemoryBytes(Map<String, StoreSize> sizes) {
    return sizes.entrySet().stream().filter(e -> IN_MEMORY.containsKey(e.getKey()))
        .mapToLong(e -> e.getValue().bytes()).sum();
  }

  private static <K, V> StoreSize serialized(KafkaStreams streams, String name, Codecs<K, V> codecs) {
    ReadOnlyKeyValueStore<K, V> store = streams.store(StoreQueryParameters.fromNameAndType(name,
        QueryableStoreTypes.<K, V>keyValueStore()));
    long entries = 0;
    long bytes = 0;
    try (KeyValueIterator<K, V> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<K, V> entry = all.next();
        entries++;
        bytes += codecs.keys().serializer().serialize("", entry.key).length;
        bytes += codecs.values().serializer().serialize("", entry.value).length;
      }
    }
    return new StoreSize(entries, bytes);
  }

  private static long count(KafkaStreams streams, String name) {
    ReadOnlyKeyValueStore<Object, Object> store = streams.store(StoreQueryParameters.fromNameAndType(name,
        QueryableStoreTypes.keyValueStore()));
    long entries = 0;
    try (KeyValueIterator<Object, Object> all = store.all()) {
      while (all.hasNext()) {
        all.next();
        entries++;
      }
    }
    return entries;
  }

  /** Bytes of every regular file under {@code dir} (0 when it does not exist). */
  static long directoryBytes(Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0; // a file removed while walking (RocksDB compaction) counts as gone
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure " + dir, e);
    }
  }
}
