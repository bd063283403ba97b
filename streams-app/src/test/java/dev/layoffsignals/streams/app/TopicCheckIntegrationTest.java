package dev.layoffsignals.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.TopicCreator;
import dev.layoffsignals.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input partition count comes from the broker, and topics that do not fit stop the start. */
class TopicCheckIntegrationTest {

  static final long TIMEOUT_MS = 30_000;

  @TempDir
  static Path tmp;
  static LocalKafka kafka;
  static Admin admin;

  @BeforeAll
  static void start() {
    kafka = LocalKafka.startInProcess(tmp.resolve("kafka"));
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    admin.close();
    kafka.close();
  }

  @Test
  @DisplayName("missing topics are named; unequal inputs and a configured count that differs are refused; otherwise the count")
  void inputPartitions() throws Exception {
    TopicCreator creator = new TopicCreator(admin, TIMEOUT_MS);
    List<Topic<?, ?>> allButHeartbeats = Topics.ALL.stream().filter(t -> t != Topics.HEARTBEATS).toList();
    creator.ensure(allButHeartbeats, Optional.of(4), (short) 1);
    assertThatThrownBy(() -> TopicCheck.inputPartitions(admin, Optional.empty(), TIMEOUT_MS))
        .isInstanceOf(InputTopicsException.class)
        .hasMessageStartingWith("Missing topics [heartbeats]: create them first");

    creator.ensure(List.of(Topics.HEARTBEATS), Optional.of(2), (short) 1);
    assertThatThrownBy(() -> TopicCheck.inputPartitions(admin, Optional.empty(), TIMEOUT_MS))
        .isInstanceOf(InputTopicsException.class)
        .hasMessage("The input topics must have equal partition counts (they are co-partitioned by ticker), but they have"
            + " {articles=4, heartbeats=2, layoff-records=4, stock-ticks=4}");

    admin.createPartitions(Map.of(Topics.HEARTBEATS.name(), org.apache.kafka.clients.admin.NewPartitions.increaseTo(4)))
        .all().get();
    assertThat(TopicCheck.inputPartitions(admin, Optional.empty(), TIMEOUT_MS)).isEqualTo(4);
    assertThat(TopicCheck.inputPartitions(admin, Optional.of(4), TIMEOUT_MS)).isEqualTo(4);
    assertThatThrownBy(() -> TopicCheck.inputPartitions(admin, Optional.of(6), TIMEOUT_MS))
        .isInstanceOf(InputTopicsException.class)
        .hasMessageStartingWith("input.partitions=6 is configured, but the input topics have 4 partitions");
  }
}
