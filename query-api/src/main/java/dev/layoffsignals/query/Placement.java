package dev.layoffsignals.query;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance holds which partitions of the views, from Kafka Streams' metadata of every client
 * of the application (what each instance advertised as {@code application.server}).
 */
final class Placement {

  /** Instances in {@code host:port} order. */
  public static final Comparator<HostInfo> BY_NAME = Comparator.comparing(Placement::name);

  private final Map<HostInfo, Map<View, SortedSet<Integer>>> active = new TreeMap<>(BY_NAME);
  private final Map<HostInfo, Map<View, SortedSet<Integer>>> standby = new TreeMap<>(BY_NAME);

  private Placement() {
  }

  /** From {@code KafkaStreams#metadataForAllStreamsClients()}. */
  public static Placement of(Collection<StreamsMetadata> clients) {
    Placement p = new Placement();
    for (StreamsMetadata client : clients) {
      p.active.put(client.hostInfo(), byView(client.topicPartitions()));
      p.standby.put(client.hostInfo(), byView(client.standbyTopicPartitions()));
    }
    return p;
  }

  /** {@code host:port}. */
  public static String name(HostInfo host) {
    return host.host() + ":" + host.port();
  }

  /** Every instance, in {@code host:port} order. */
  public SortedSet<HostInfo> instances() {
    TreeSet<HostInfo> all = new TreeSet<>(BY_NAME);
    all.addAll(active.keySet());
    return all;
  }

  /** The partitions of {@code view} that {@code host} holds as active. */
  public SortedSet<Integer> active(HostInfo host, View view) {
    return active.getOrDefault(host, Map.of()).getOrDefault(view, new TreeSet<>());
  }

  /** The partitions of {@code view} that {@code host} holds as standby. */
  public SortedSet<Integer> standby(HostInfo host, View view) {
    return standby.getOrDefault(host, Map.of()).getOrDefault(view, new TreeSet<>());
  }

  /** The instances holding active partitions of {@code view}, with those partitions. */
  public Map<HostInfo, SortedSet<Integer>> owners(View view) {
    Map<HostInfo, SortedSet<Integer>> out = new LinkedHashMap<>();
    active.forEach((host, views) -> {
      SortedSet<Integer> partitions = views.get(view);
      if (partitions != null && !partitions.isEmpty()) {
        out.put(host, partitions);
      }
    });
    return out;
  }

  private static Map<View, SortedSet<Integer>> byView(Collection<TopicPartition> partitions) {
    Map<View, SortedSet<Integer>> out = new EnumMap<>(View.class);
    for (View view : View.values()) {
      out.put(view, new TreeSet<>());
    }
    for (TopicPartition tp : partitions) {
      for (View view : View.values()) {
        if (view.topic().equals(tp.topic())) {
          out.get(view).add(tp.partition());
        }
      }
    }
    return out;
  }
}
