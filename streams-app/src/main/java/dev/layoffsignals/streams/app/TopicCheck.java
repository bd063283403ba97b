package dev.layoffsignals.streams.app;

import dev.layoffsignals.streams.TopologySettings;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * What the topology needs from the broker before it starts: every topic of the catalogue exists,
 * and the inputs have one partition count, which is the number of input tasks whose watermarks
 * make the clock ({@value TopologySettings#INPUT_PARTITIONS}). Read from the broker rather than
 * trusted from configuration: a wrong count would stop results from ever settling.
 */
public final class TopicCheck {

  private TopicCheck() {
  }

  /**
   * The input partition count.
   *
   * @param configured the {@value TopologySettings#INPUT_PARTITIONS} the user set, if any; it must agree
   * @throws InputTopicsException when a topic is missing, the inputs disagree, or the configured count differs
   */
  public static int inputPartitions(Admin admin, Optional<Integer> configured, long timeoutMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Integer> partitions = describe(admin, timeoutMs);
    TreeSet<String> missing = new TreeSet<>();
    for (Topic<?, ?> t : Topics.ALL) {
      if (!partitions.containsKey(t.name())) {
        missing.add(t.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new InputTopicsException("Missing topics " + missing + ": create them first (./layoff-signals create-topics,"
          + " or the create-topics job of docker-compose); automatic creation would give them the wrong partitions.");
    }
    Map<String, Integer> inputs = new TreeMap<>();
    for (Topic<?, ?> t : Topics.INPUTS) {
      inputs.put(t.name(), partitions.get(t.name()));
    }
    if (new TreeSet<>(inputs.values()).size() != 1) {
      throw new InputTopicsException("The input topics must have equal partition counts (they are co-partitioned by"
          + " ticker), but they have " + inputs);
    }
    int count = inputs.values().iterator().next();
    if (configured.isPresent() && configured.get() != count) {
      throw new InputTopicsException(TopologySettings.INPUT_PARTITIONS + "=" + configured.get()
          + " is configured, but the input topics have " + count + " partitions " + inputs.keySet()
          + ": remove the setting (it is read from the broker) or fix the topics.");
    }
    return count;
  }

  private static Map<String, Integer> describe(Admin admin, long timeoutMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> names = Topics.ALL.stream().map(Topic::name).toList();
    Map<String, Integer> out = new TreeMap<>();
    var existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
    List<String> present = names.stream().filter(existing::contains).toList();
    Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
    described.forEach((name, d) -> out.put(name, d.partitions().size()));
    return out;
  }
}
