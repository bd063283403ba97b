package dev.layoffsignals.streams.time;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Where an input task resumes: the offsets its application's consumer group has committed. Under
 * exactly-once they are committed in the same transaction as the state, so a task's restored
 * stores and these offsets describe the same moment; the input clock reads them when its task
 * starts, instead of writing its offsets to its store after every record.
 */
public interface CommittedOffsets {

  /** Not known here (a topology test driver, a tool): the input clock stores its offsets after every record. */
  CommittedOffsets UNKNOWN = new CommittedOffsets() {
    @Override
    public boolean known() {
      return false;
    }

    @Override
    public Map<TopicPartition, Long> of(String groupId, Set<TopicPartition> partitions) {
      throw new UnsupportedOperationException("committed offsets are not known here");
    }
  };

  /** Whether {@link #of} can answer. */
  boolean known();

  /**
   * The offsets {@code groupId} has committed for {@code partitions}, the next offset it reads in
   * each; a partition without a committed offset is left out.
   *
   * @throws org.apache.kafka.streams.errors.StreamsException when they cannot be read
   */
  Map<TopicPartition, Long> of(String groupId, Set<TopicPartition> partitions);
}
