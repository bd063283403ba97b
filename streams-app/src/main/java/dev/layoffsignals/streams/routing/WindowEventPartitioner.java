package dev.layoffsignals.streams.routing;

import dev.layoffsignals.streams.events.Watermark;
import dev.layoffsignals.streams.events.WindowEvent;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Partitions window-members: membership changes by window key, watermarks to every partition. */
public final class WindowEventPartitioner implements StreamPartitioner<String, WindowEvent> {

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, WindowEvent value, int numPartitions) {
    return value instanceof Watermark ? Multicast.everyPartition(numPartitions) : Multicast.byKey();
  }
}
