package dev.layoffsignals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.localkafka.LocalKafka;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.TopicCreator;
import dev.layoffsignals.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code reset} on a real broker: each effect (group, internal topics, outputs recreated with their
 * partitions, inputs kept or recreated, local state) and each refusal, with what must stay untouched
 * next to it (another application's group, topics and state).
 */
class ResetCommandIntegrationTest {

  private static final String APP = "app-a";
  private static final String OTHER_APP = "app-b";
  /** Not the catalogue's 6: a recreated topic must keep the count it had. */
  private static final int PARTITIONS = 3;
  private static final List<String> APP_INTERNAL = List.of(
      "app-a-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000010-topic",
      "app-a-announcements-by-ticker-repartition",
      "app-a-dedup-store-changelog");
  private static final List<String> NOT_APP_INTERNAL = List.of(
      "app-b-dedup-store-changelog", // another application's
      "app-aa-store-changelog", // a longer application id
      "app-a-notes"); // the prefix without an internal suffix

  @TempDir
  Path tmp;

  private LocalKafka kafka;
  private Admin admin;
  private Path stateDir;

  @BeforeEach
  void startBrokerWithAnApplicationThatRan() throws Exception {
    kafka = LocalKafka.startInProcess(tmp.resolve("kafka"));
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    new TopicCreator(admin, 30_000).ensure(Topics.ALL, Optional.of(PARTITIONS), (short) 1);
    List<NewTopic> internal = new ArrayList<>();
    for (String name : concat(APP_INTERNAL, NOT_APP_INTERNAL)) {
      internal.add(new NewTopic(name, 2, (short) 1));
    }
    admin.createTopics(internal).all().get(30, TimeUnit.SECONDS);

    List<String> everyTopic = concat(Topics.ALL.stream().map(Topic::name).toList(), concat(APP_INTERNAL, NOT_APP_INTERNAL));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String topic : everyTopic) {
        producer.send(new ProducerRecord<>(topic, 0, "k".getBytes(), "v".getBytes())).get(30, TimeUnit.SECONDS);
      }
    }
    commitOffsets(APP, List.of(new TopicPartition("articles", 0), new TopicPartition("stock-ticks", 1)));
    commitOffsets(OTHER_APP, List.of(new TopicPartition("articles", 0)));

    stateDir = tmp.resolve("state");
    Files.createDirectories(stateDir.resolve(APP).resolve("0_0/rocksdb/views"));
    Files.writeString(stateDir.resolve(APP).resolve("0_0/.checkpoint"), "0\n");
    Files.writeString(stateDir.resolve(APP).resolve("kafka-streams-process-metadata"), "{}");
    Files.createDirectories(stateDir.resolve(OTHER_APP).resolve("1_0"));
  }

  @AfterEach
  void stopBroker() {
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void deletesGroupInternalTopicsAndStateAndRecreatesTheOutputsEmptyWithTheirPartitions() throws Exception {
    Result result = reset(Map.of(), "--application-id", APP, "--bootstrap-servers", kafka.bootstrapServers(),
        "--state-dir", stateDir.toString());

    assertThat(result.exit()).as("stderr: %s", result.err()).isZero();
    assertThat(result.err()).isEmpty();
    Path appState = stateDir.resolve(APP).toAbsolutePath().normalize();
    assertThat(result.out()).isEqualTo(String.join("\n",
        "Reset of application app-a on " + kafka.bootstrapServers() + ":",
        "  delete consumer group   app-a (classic, 0 member(s), committed offsets on 2 partition(s))",
        "  delete internal topic   app-a-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000010-topic",
        "  delete internal topic   app-a-announcements-by-ticker-repartition",
        "  delete internal topic   app-a-dedup-store-changelog",
        "  recreate topic          layoff-announcements (3 partitions, replication factor 1, cleanup.policy=compact)",
        "  recreate topic          market-reactions (3 partitions, replication factor 1, cleanup.policy=compact)",
        "  recreate topic          reaction-windows (3 partitions, replication factor 1, cleanup.policy=compact)",
        "  keep input topics       articles, stock-ticks, layoff-records, heartbeats (--inputs recreates them too)",
        "  keep error topics       late-records, dead-letters (--error-topics recreates them too)",
        "  delete state directory  " + appState,
        "Deleted consumer group app-a.",
        "Deleted 3 internal topic(s).",
        "Recreated empty: layoff-announcements, market-reactions, reaction-windows.",
        "Deleted state directory " + appState + ".",
        "Reset done: start the application to process everything from the beginning.",
        ""));

    assertThat(groups()).containsKey(OTHER_APP).doesNotContainKey(APP);
    assertThat(committed(OTHER_APP)).containsOnlyKeys(new TopicPartition("articles", 0));
    assertThat(topics()).doesNotContainAnyElementsOf(APP_INTERNAL).containsAll(NOT_APP_INTERNAL);
    for (Topic<?, ?> output : ResetCommand.OUTPUTS) {
      assertRecreated(output, PARTITIONS);
    }
    for (Topic<?, ?> kept : concat(Topics.INPUTS, ResetCommand.ERROR_TOPICS)) {
      assertThat(records(kept.name())).as("%s keeps its record", kept).isEqualTo(1);
    }
    for (String other : NOT_APP_INTERNAL) {
      assertThat(records(other)).as(other).isEqualTo(1);
    }
    assertThat(stateDir.resolve(APP)).doesNotExist();
    assertThat(stateDir.resolve(OTHER_APP).resolve("1_0")).isDirectory();
  }

  @Test
  void inputsAndErrorTopicsAreRecreatedOnRequestWithSettingsFromTheEnvironment() throws Exception {
    Map<String, String> env = Map.of("APPLICATION_ID", APP, "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());

    Result result = reset(env, "--inputs", "--error-topics");

    assertThat(result.exit()).as("stderr: %s", result.err()).isZero();
    assertThat(result.out())
        .contains("  recreate topic          articles (3 partitions, replication factor 1, cleanup.policy=delete)\n")
        .contains("  recreate topic          dead-letters (1 partitions, replication factor 1, cleanup.policy=delete)\n")
        .contains("  local state             not touched (--state-dir DIR deletes DIR/app-a)\n")
        .doesNotContain("keep input topics", "keep error topics")
        .endsWith("Recreated empty: articles, stock-ticks, layoff-records, heartbeats, layoff-announcements, market-reactions,"
            + " reaction-windows, late-records, dead-letters.\n"
            + "Reset done: start the application and publish (a replay) to process everything from the beginning.\n");
    for (Topic<?, ?> input : Topics.INPUTS) {
      assertRecreated(input, PARTITIONS);
    }
    for (Topic<?, ?> error : ResetCommand.ERROR_TOPICS) {
      assertRecreated(error, 1);
    }
    assertThat(groups()).doesNotContainKey(APP);
    assertThat(stateDir.resolve(APP)).as("no --state-dir: state untouched").isDirectory();
  }

  @Test
  void aDryRunPrintsThePlanAndChangesNothing() throws Exception {
    Result result = reset(Map.of(), "--application-id", APP, "--bootstrap-servers", kafka.bootstrapServers(),
        "--state-dir", stateDir.toString(), "--inputs", "--dry-run");

    assertThat(result.exit()).as("stderr: %s", result.err()).isZero();
    assertThat(result.out())
        .startsWith("Dry run: the reset of application app-a on " + kafka.bootstrapServers() + ":\n"
            + "  delete consumer group   app-a (classic, 0 member(s), committed offsets on 2 partition(s))\n")
        .contains("  recreate topic          heartbeats (3 partitions, replication factor 1, cleanup.policy=delete)\n")
        .endsWith("  delete state directory  " + stateDir.resolve(APP).toAbsolutePath().normalize() + "\n"
            + "Dry run: nothing was changed.\n");
    assertNothingChanged();
  }

  @Test
  void refusesWhileAnInstanceIsAMemberAndWaitsForItToLeaveWhenAsked() throws Exception {
    KafkaConsumer<byte[], byte[]> member = member(APP);
    try {
      Result refused = reset(Map.of(), "--application-id", APP, "--bootstrap-servers", kafka.bootstrapServers(),
          "--state-dir", stateDir.toString());

      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.out()).contains("  delete consumer group   app-a (classic, 1 member(s), committed offsets on 2 partition(s))\n");
      assertThat(refused.err()).isEqualTo(
          "Refusing to reset: application app-a is running: its consumer group has 1 active member(s): reset-test-member on /127.0.0.1.\n"
              + "Stop every instance first (docker compose stop streams-app, or Ctrl-C), then run reset again. Stopped instances"
              + " stay members until their session times out (session.timeout.ms, 45 s by default): --wait PT1M waits for them.\n");
      assertNothingChanged();

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> command(Map.of(), out, err).execute(
          "--application-id", APP, "--bootstrap-servers", kafka.bootstrapServers(), "--wait", "PT30S"));
      await(() -> out.toString().contains("Waiting up to PT30S for the 1 member(s) of consumer group app-a to leave..."),
          "reset waits for the member");
      member.close(); // a plain consumer leaves its group on close

      assertThat(waiting.get(60, TimeUnit.SECONDS)).as("stderr: %s", err).isZero();
      assertThat(out.toString()).contains("Deleted consumer group app-a.\n");
      assertThat(groups()).doesNotContainKey(APP);
    } finally {
      member.close(); // idempotent
    }
  }

  @Test
  void anApplicationIdThatIsNoDirectoryNameIsRefused() throws Exception {
    Result result = reset(Map.of(), "--application-id", "../etc", "--bootstrap-servers", kafka.bootstrapServers(),
        "--state-dir", stateDir.toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("error: application.id '../etc' cannot name a state directory; refusing to reset\n");
    assertThat(result.out()).isEmpty();
    assertNothingChanged();
  }

  private void assertNothingChanged() throws Exception {
    assertThat(groups()).containsKeys(APP, OTHER_APP);
    assertThat(committed(APP)).hasSize(2);
    assertThat(topics()).containsAll(APP_INTERNAL);
    for (Topic<?, ?> topic : Topics.ALL) {
      assertThat(records(topic.name())).as(topic.name()).isEqualTo(1);
    }
    assertThat(stateDir.resolve(APP).resolve("0_0/.checkpoint")).exists();
  }

  private void assertRecreated(Topic<?, ?> topic, int partitions) throws Exception {
    TopicDescription d = admin.describeTopics(List.of(topic.name())).allTopicNames().get(30, TimeUnit.SECONDS).get(topic.name());
    assertThat(d.partitions()).as("%s partitions", topic).hasSize(partitions);
    assertThat(records(topic.name())).as("%s is empty", topic).isZero();
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
    Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    for (Map.Entry<String, String> e : topic.configs().entrySet()) {
      assertThat(config.get(e.getKey()).value()).as("%s %s", topic, e.getKey()).isEqualTo(e.getValue());
    }
  }

  private record Result(int exit, String out, String err) {
  }

  private static CommandLine command(Map<String, String> env, StringWriter out, StringWriter err) {
    ResetCommand reset = new ResetCommand();
    reset.environment = env;
    CommandLine cli = new CommandLine(reset);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }

  private static Result reset(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = command(env, out, err).execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private void commitOffsets(String group, List<TopicPartition> partitions) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
      consumer.assign(partitions);
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      partitions.forEach(tp -> offsets.put(tp, new OffsetAndMetadata(1)));
      consumer.commitSync(offsets, Duration.ofSeconds(30));
    }
  }

  /** A consumer that has joined the group: what a running instance looks like to the broker. */
  private KafkaConsumer<byte[], byte[]> member(String group) {
    KafkaConsumer<byte[], byte[]> consumer = consumer(group);
    consumer.subscribe(List.of("articles"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (consumer.assignment().isEmpty()) {
      assertThat(System.nanoTime()).as("member assigned within 30 s").isLessThan(deadline);
      consumer.poll(Duration.ofMillis(100));
    }
    return consumer;
  }

  private KafkaConsumer<byte[], byte[]> consumer(String group) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.CLIENT_ID_CONFIG, "reset-test-member",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private Map<String, GroupListing> groups() throws Exception {
    return admin.listGroups().all().get(30, TimeUnit.SECONDS).stream()
        .collect(Collectors.toMap(GroupListing::groupId, g -> g, (a, b) -> a, TreeMap::new));
  }

  private Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
    return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
  }

  private Set<String> topics() throws Exception {
    return admin.listTopics().names().get(30, TimeUnit.SECONDS);
  }

  private long records(String topic) throws Exception {
    TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    d.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(i -> i.offset()).sum();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("%s within 30 s", what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
