package dev.layoffsignals.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.localkafka.LocalKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topic creator against a real KRaft broker. */
class TopicCreatorIntegrationTest {

  @TempDir
  static Path workDir;

  static LocalKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = LocalKafka.startInProcess(workDir);
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void createsTheCatalogueOnceAndReportsWhatExistsAfterwards() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicCreator creator = new TopicCreator(admin, 30_000);

      List<TopicCreator.Result> first = creator.ensure(Topics.ALL, Optional.of(3), (short) 1);
      List<TopicCreator.Result> second = creator.ensure(Topics.ALL, Optional.of(3), (short) 1);

      assertThat(first).extracting(TopicCreator.Result::outcome).containsOnly(TopicCreator.Outcome.CREATED);
      assertThat(second).extracting(TopicCreator.Result::outcome).containsOnly(TopicCreator.Outcome.EXISTS);
      assertThat(first).filteredOn(r -> r.topic().equals("market-reactions")).singleElement()
          .satisfies(r -> {
            assertThat(r.partitions()).isEqualTo(3);
            assertThat(r.cleanupPolicy()).isEqualTo("compact");
          });
      assertThat(first).filteredOn(r -> r.topic().equals("dead-letters")).singleElement()
          .satisfies(r -> assertThat(r.partitions()).as("error topics keep their own count").isEqualTo(1));
    }
  }

  @Test
  void reportsButDoesNotAlterATopicWithOtherSettings() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      Topic<?, ?> compacted = new Topic<>("mismatch-test", "a compacted topic created as delete",
          org.apache.kafka.common.serialization.Serdes::String, org.apache.kafka.common.serialization.Serdes::String,
          String.class, 2, CleanupPolicy.COMPACT);
      admin.createTopics(List.of(new NewTopic("mismatch-test", 1, (short) 1))).all().get();

      List<TopicCreator.Result> results = new TopicCreator(admin, 30_000).ensure(List.of(compacted), Optional.empty(), (short) 1);

      assertThat(results).singleElement().satisfies(r -> {
        assertThat(r.outcome()).isEqualTo(TopicCreator.Outcome.MISMATCH);
        assertThat(r.detail()).isEqualTo("has 1 partitions, expected 2; has cleanup.policy=delete, expected compact");
      });
    }
  }
}
