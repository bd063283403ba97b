package dev.layoffsignals.cli;

import dev.layoffsignals.config.ConfigException;
import dev.layoffsignals.config.Settings;
import dev.layoffsignals.streams.StreamsConfigs;
import dev.layoffsignals.topics.Topic;
import dev.layoffsignals.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reset}: puts an application back to before its first record, so that a restart (and a
 * replay) processes everything from scratch. Kafka's application reset tool rewinds the input
 * offsets and deletes internal topics, but leaves the output topics and the local state; this
 * does all of it, for one {@code application.id}:
 *
 * <ol>
 *   <li>refuses while the consumer group has members (an instance is running), after waiting up to
 *       {@code --wait} for them to leave;</li>
 *   <li>deletes the consumer group and with it the committed offsets;</li>
 *   <li>deletes the application's internal topics ({@code <application.id>-...-repartition},
 *       {@code -changelog} and the foreign-key join topics), as Kafka's reset tool recognises them;</li>
 *   <li>deletes and recreates the output topics (and with {@code --inputs} the input topics, with
 *       {@code --error-topics} late-records and dead-letters) with the catalogue's settings and the
 *       partition count and replication factor they had;</li>
 *   <li>with {@code --state-dir DIR}, deletes {@code DIR/<application.id>}, the local state of an
 *       instance that ran on this machine.</li>
 * </ol>
 *
 * <p>Schemas stay in the registry: the same schemas register again under the same ids.
 */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Reset an application to before its first record: delete its consumer group (committed offsets) and internal"
            + " topics, delete and recreate the output topics empty (layoff-announcements, market-reactions,"
            + " reaction-windows), optionally the input and error topics and the local state. Refuses while an"
            + " instance is running. Stop every instance first; start them (and a replay) afterwards.",
        "Settings, later layers winning: the streams app's defaults (application.id layoff-signals-streams),"
            + " --config FILE, environment variables (KAFKA_*, APPLICATION_ID, ...), then the flags below.",
        "Exit codes: 0 reset (or planned, with --dry-run); 1 refused because instances are running, or Kafka failed;"
            + " 2 bad arguments or settings."
    })
public final class ResetCommand implements Callable<Integer> {

  /** The topology's output topics: always recreated. */
  static final List<Topic<?, ?>> OUTPUTS = List.of(
      Topics.LAYOFF_ANNOUNCEMENTS, Topics.MARKET_REACTIONS, Topics.REACTION_WINDOWS);
  /** The error topics: recreated with {@code --error-topics}. */
  static final List<Topic<?, ?>> ERROR_TOPICS = List.of(Topics.LATE_RECORDS, Topics.DEAD_LETTERS);

  private static final String APPLICATION_ID = "application.id";
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  @Spec
  CommandSpec spec;

  @Option(names = "--application-id", paramLabel = "ID",
      description = "The application to reset (application.id; default: the settings', layoff-signals-streams).")
  String applicationId;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka brokers (bootstrap.servers).")
  String bootstrapServers;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings (client settings: SASL, SSL, ...).")
  Path configFile;

  @Option(names = "--inputs", description = "Also delete and recreate the input topics (articles, stock-ticks, layoff-records, heartbeats): everything published is lost.")
  boolean inputs;

  @Option(names = "--error-topics", description = "Also delete and recreate late-records and dead-letters.")
  boolean errorTopics;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Also delete DIR/<application.id>, the local state of an instance that ran here with state.dir DIR (nothing else in DIR).")
  Path stateDir;

  @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT0S",
      description = "How long to wait for the consumer group to have no member before refusing (ISO-8601, e.g. PT1M;"
          + " stopped instances stay members until their session times out, 45 s by default). Default: ${DEFAULT-VALUE}.")
  Duration waitForMembers;

  @Option(names = "--dry-run", description = "Print what would be done and change nothing.")
  boolean dryRun;

  @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "60000",
      description = "How long each Kafka operation may take (default: ${DEFAULT-VALUE}).")
  long timeoutMs;

  /** The environment; tests replace it. */
  Map<String, String> environment = System.getenv();

  /** The consumer group of the application as found on the broker. */
  record Group(boolean exists, GroupType type, List<String> members, int committedPartitions) {
  }

  /** A topic to delete and create again, with the partitions and replicas it has (or the catalogue's when missing). */
  record Recreation(Topic<?, ?> topic, int partitions, short replicationFactor, boolean exists) {
  }

  /** Everything the reset will do. */
  record Plan(String applicationId, Group group, List<String> internalTopics, List<Recreation> recreations,
              Optional<Path> stateDirectory) {
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Settings settings;
    String id;
    try {
      settings = settings();
      id = settings.require(APPLICATION_ID).trim();
    } catch (ConfigException | UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    if (id.isEmpty() || id.equals(".") || id.equals("..") || id.contains("/") || id.contains("\\")) {
      err.println("error: application.id '" + id + "' cannot name a state directory; refusing to reset");
      return 2;
    }
    String bootstrap = settings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG).orElse("?");
    Admin admin;
    try {
      admin = Admin.create(adminConfig(settings, timeoutMs));
    } catch (KafkaException e) {
      err.println("error: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
      return 2;
    }
    try {
      Plan plan = plan(admin, id);
      printPlan(plan, bootstrap, out);
      if (!plan.group().members().isEmpty()) {
        Group group = awaitNoMembers(admin, id, plan.group());
        if (!group.members().isEmpty()) {
          refuse(id, group.members(), err);
          return 1;
        }
        plan = new Plan(plan.applicationId(), group, plan.internalTopics(), plan.recreations(), plan.stateDirectory());
      }
      if (dryRun) {
        out.println("Dry run: nothing was changed.");
        out.flush();
        return 0;
      }
      return execute(admin, plan, out, err);
    } catch (ExecutionException e) {
      err.println("error: " + e.getCause().getMessage() + " (bootstrap.servers=" + bootstrap + ")");
      return 1;
    } catch (TimeoutException e) {
      err.println("error: Kafka did not answer within " + timeoutMs + " ms (is " + bootstrap + " reachable?)");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return 1;
    } catch (UncheckedIOException e) {
      err.println("error: " + e.getMessage() + ": " + e.getCause().getMessage());
      return 1;
    } finally {
      admin.close(CLOSE_TIMEOUT); // a bounded close: calls still pending (a broker down) are abandoned
      out.flush();
      err.flush();
    }
  }

  Settings settings() {
    return Settings.defaults(StreamsConfigs.DEFAULTS_RESOURCE)
        .withOptionalFile(Optional.ofNullable(configFile))
        .withEnvironment(environment)
        .with(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)
        .with(APPLICATION_ID, applicationId)
        .build();
  }

  /**
   * The admin client's settings: the known admin keys, then the {@code admin.}-prefixed ones, as in
   * Kafka Streams; unless set, its API timeout is {@code --timeout-ms} so every call ends in time.
   */
  static Map<String, Object> adminConfig(Settings settings, long timeoutMs) {
    Map<String, Object> config = new HashMap<>(settings.only(AdminClientConfig.configNames()));
    settings.withPrefix("admin.").forEach(config::put);
    config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "layoff-signals-reset");
    config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeoutMs));
    config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(timeoutMs, 30_000)));
    return config;
  }

  /**
   * Whether a topic is one of the application's internal topics: prefixed with the application id
   * and with one of the suffixes Kafka Streams gives them (the rule of Kafka's own reset tool).
   */
  static boolean isInternalTopic(String applicationId, String topic) {
    if (!topic.startsWith(applicationId + "-")) {
      return false;
    }
    return topic.endsWith("-changelog") || topic.endsWith("-repartition")
        || topic.endsWith("-subscription-registration-topic") || topic.endsWith("-subscription-response-topic")
        || topic.matches(".+-KTABLE-FK-JOIN-SUBSCRIPTION-(REGISTRATION|RESPONSE)-\\d+-topic");
  }

  private Plan plan(Admin admin, String id) throws ExecutionException, InterruptedException, TimeoutException {
    Group group = group(admin, id);
    Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
    List<String> internal = existing.stream().filter(t -> isInternalTopic(id, t)).sorted().toList();

    List<Topic<?, ?>> recreate = new ArrayList<>();
    if (inputs) {
      recreate.addAll(Topics.INPUTS);
    }
    recreate.addAll(OUTPUTS);
    if (errorTopics) {
      recreate.addAll(ERROR_TOPICS);
    }
    List<String> present = recreate.stream().map(Topic::name).filter(existing::contains).toList();
    Map<String, TopicDescription> described = present.isEmpty() ? Map.of()
        : admin.describeTopics(present).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
    List<Recreation> recreations = new ArrayList<>();
    for (Topic<?, ?> topic : recreate) {
      TopicDescription d = described.get(topic.name());
      recreations.add(d == null
          ? new Recreation(topic, topic.partitions(), (short) 1, false)
          : new Recreation(topic, d.partitions().size(), (short) d.partitions().get(0).replicas().size(), true));
    }
    Optional<Path> state = Optional.ofNullable(stateDir).map(dir -> dir.resolve(id).toAbsolutePath().normalize());
    return new Plan(id, group, internal, recreations, state);
  }

  private Group group(Admin admin, String id) throws ExecutionException, InterruptedException, TimeoutException {
    Optional<GroupListing> listing = admin.listGroups().all().get(timeoutMs, TimeUnit.MILLISECONDS).stream()
        .filter(g -> g.groupId().equals(id)).findFirst();
    if (listing.isEmpty()) {
      return new Group(false, GroupType.UNKNOWN, List.of(), 0);
    }
    GroupType type = listing.get().type().orElse(GroupType.CLASSIC);
    try {
      if (type == GroupType.STREAMS) {
        StreamsGroupDescription d = admin.describeStreamsGroups(List.of(id)).describedGroups().get(id)
            .get(timeoutMs, TimeUnit.MILLISECONDS);
        List<String> members = d.members().stream().map(m -> m.clientId() + " on " + m.clientHost()).sorted().toList();
        int committed = admin.listStreamsGroupOffsets(Map.of(id, new ListStreamsGroupOffsetsSpec()))
            .partitionsToOffsetAndMetadata(id).get(timeoutMs, TimeUnit.MILLISECONDS).size();
        return new Group(true, type, members, committed);
      }
      ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(id)).describedGroups().get(id)
          .get(timeoutMs, TimeUnit.MILLISECONDS);
      List<String> members = d.members().stream().map(m -> m.clientId() + " on " + m.host()).sorted().toList();
      int committed = admin.listConsumerGroupOffsets(id).partitionsToOffsetAndMetadata()
          .get(timeoutMs, TimeUnit.MILLISECONDS).size();
      return new Group(true, type, members, committed);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return new Group(false, GroupType.UNKNOWN, List.of(), 0);
      }
      throw e;
    }
  }

  /** The group again until it has no member or {@code --wait} is over. */
  private Group awaitNoMembers(Admin admin, String id, Group group) throws ExecutionException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + waitForMembers.toNanos();
    if (!waitForMembers.isZero()) {
      spec.commandLine().getOut().printf("Waiting up to %s for the %d member(s) of consumer group %s to leave...%n",
          waitForMembers, group.members().size(), id);
      spec.commandLine().getOut().flush();
    }
    long backoffMs = 100;
    while (!group.members().isEmpty() && System.nanoTime() < deadline) {
      long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      Thread.sleep(Math.max(1, Math.min(backoffMs, leftMs)));
      backoffMs = Math.min(backoffMs * 2, 1000);
      group = group(admin, id);
    }
    return group;
  }

  private void refuse(String id, List<String> members, PrintWriter err) {
    err.printf("Refusing to reset: application %s is running: its consumer group has %d active member(s): %s.%n",
        id, members.size(), String.join(", ", members));
    err.println("Stop every instance first (docker compose stop streams-app, or Ctrl-C), then run reset again."
        + " Stopped instances stay members until their session times out (session.timeout.ms, 45 s by default):"
        + " --wait PT1M waits for them.");
  }

  private void printPlan(Plan plan, String bootstrap, PrintWriter out) {
    out.printf("%s application %s on %s:%n", dryRun ? "Dry run: the reset of" : "Reset of", plan.applicationId(), bootstrap);
    Group g = plan.group();
    if (g.exists()) {
      out.printf("  delete consumer group   %s (%s, %d member(s), committed offsets on %d partition(s))%n",
          plan.applicationId(), g.type().toString().toLowerCase(Locale.ROOT), g.members().size(), g.committedPartitions());
    } else {
      out.printf("  consumer group          %s does not exist: nothing committed%n", plan.applicationId());
    }
    if (plan.internalTopics().isEmpty()) {
      out.printf("  internal topics         none%n");
    }
    plan.internalTopics().forEach(t -> out.printf("  delete internal topic   %s%n", t));
    for (Recreation r : plan.recreations()) {
      out.printf("  %s %s (%d partitions, replication factor %d, cleanup.policy=%s)%n",
          r.exists() ? "recreate topic         " : "create missing topic   ", r.topic().name(), r.partitions(),
          r.replicationFactor(), r.topic().cleanupPolicy().configValue());
    }
    if (!inputs) {
      out.printf("  keep input topics       %s (--inputs recreates them too)%n", names(Topics.INPUTS));
    }
    if (!errorTopics) {
      out.printf("  keep error topics       %s (--error-topics recreates them too)%n", names(ERROR_TOPICS));
    }
    if (plan.stateDirectory().isPresent()) {
      Path dir = plan.stateDirectory().get();
      out.printf("  %s %s%n", Files.exists(dir) ? "delete state directory " : "state directory        ",
          Files.exists(dir) ? dir : dir + " does not exist: nothing to delete");
    } else {
      out.printf("  local state             not touched (--state-dir DIR deletes DIR/%s)%n", plan.applicationId());
    }
    out.flush();
  }

  private static String names(Collection<Topic<?, ?>> topics) {
    return topics.stream().map(Topic::name).collect(Collectors.joining(", "));
  }

  private int execute(Admin admin, Plan plan, PrintWriter out, PrintWriter err)
      throws ExecutionException, InterruptedException, TimeoutException {
    String id = plan.applicationId();
    if (plan.group().exists()) {
      try {
        KafkaFuture<Void> deleted = plan.group().type() == GroupType.STREAMS
            ? admin.deleteStreamsGroups(List.of(id)).all()
            : admin.deleteConsumerGroups(List.of(id)).all();
        deleted.get(timeoutMs, TimeUnit.MILLISECONDS);
        out.printf("Deleted consumer group %s.%n", id);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof GroupNotEmptyException) {
          refuse(id, group(admin, id).members(), err);
          return 1;
        }
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw e;
        }
        out.printf("Consumer group %s was already gone.%n", id);
      }
    }

    List<String> toDelete = new ArrayList<>(plan.internalTopics());
    plan.recreations().stream().filter(Recreation::exists).map(r -> r.topic().name()).forEach(toDelete::add);
    deleteTopics(admin, toDelete);
    if (!plan.internalTopics().isEmpty()) {
      out.printf("Deleted %d internal topic(s).%n", plan.internalTopics().size());
    }

    createTopics(admin, plan.recreations());
    out.printf("Recreated empty: %s.%n",
        plan.recreations().stream().map(r -> r.topic().name()).collect(Collectors.joining(", ")));

    if (plan.stateDirectory().isPresent() && Files.exists(plan.stateDirectory().get())) {
      deleteRecursively(plan.stateDirectory().get());
      out.printf("Deleted state directory %s.%n", plan.stateDirectory().get());
    }
    out.println("Reset done: start the application" + (inputs ? " and publish (a replay)" : "")
        + " to process everything from the beginning.");
    return 0;
  }

  /** Deletes the topics and waits until the broker no longer lists them. */
  private void deleteTopics(Admin admin, List<String> topics) throws ExecutionException, InterruptedException, TimeoutException {
    if (topics.isEmpty()) {
      return;
    }
    for (Map.Entry<String, KafkaFuture<Void>> e : admin.deleteTopics(topics).topicNameValues().entrySet()) {
      try {
        e.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
      } catch (ExecutionException failed) {
        if (!(failed.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw failed;
        }
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    long backoffMs = 20;
    while (true) {
      Set<String> left = new TreeSet<>(admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS));
      left.retainAll(topics);
      if (left.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("topics still listed after deletion: " + left);
      }
      Thread.sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 500);
    }
  }

  /**
   * Creates the topics with the catalogue's configs, retrying while the broker still finishes the
   * deletion of a topic of the same name, then waits until every one is described with its partitions.
   */
  private void createTopics(Admin admin, List<Recreation> recreations) throws ExecutionException, InterruptedException, TimeoutException {
    Map<String, NewTopic> pending = new LinkedHashMap<>();
    for (Recreation r : recreations) {
      pending.put(r.topic().name(), r.topic().newTopic(Optional.of(r.partitions()), r.replicationFactor()));
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    long backoffMs = 20;
    while (!pending.isEmpty()) {
      for (Map.Entry<String, KafkaFuture<Void>> e : admin.createTopics(pending.values()).values().entrySet()) {
        try {
          e.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
          pending.remove(e.getKey());
        } catch (ExecutionException failed) {
          if (!(failed.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
            throw failed;
          }
        }
      }
      if (!pending.isEmpty()) {
        Thread.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 500);
      }
    }
    List<String> names = recreations.stream().map(r -> r.topic().name()).toList();
    backoffMs = 20;
    while (true) {
      try {
        Map<String, TopicDescription> d = admin.describeTopics(names).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
        if (recreations.stream().allMatch(r -> d.get(r.topic().name()).partitions().size() == r.partitions())) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("recreated topics not visible with their partitions: " + names);
      }
      Thread.sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 500);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
