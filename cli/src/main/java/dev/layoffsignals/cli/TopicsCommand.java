package dev.layoffsignals.cli;

import dev.layoffsignals.config.Settings;
import dev.layoffsignals.topics.TopicCreator;
import dev.layoffsignals.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code create-topics}: creates every topic of the catalogue with its partitions and cleanup policy. */
@Command(
    name = "create-topics",
    mixinStandardHelpOptions = true,
    description = "Create every topic of the catalogue (idempotent) and check the existing ones.")
public final class TopicsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(names = "--config", description = "Properties file with client settings (SASL, SSL, ...).")
  Path config;

  @Option(names = "--partitions", description = "Partitions of every data topic (default: the catalogue's, 6).")
  Integer partitions;

  @Option(names = "--replication-factor", defaultValue = "1", description = "Replication factor (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(names = "--timeout-ms", defaultValue = "60000", description = "How long to wait for the broker (default: ${DEFAULT-VALUE}).")
  long timeoutMs;

  /** The environment; tests replace it. */
  Map<String, String> environment = System.getenv();

  /** The admin client's settings: the defaults, --config FILE (SASL, SSL, ...), the environment, the flag. */
  Settings settings() {
    return Settings.defaults("layoff-signals-cli.properties")
        .withOptionalFile(Optional.ofNullable(config))
        .withEnvironment(environment)
        .with(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)
        .build();
  }

  @Override
  public Integer call() {
    Settings settings = settings();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Admin admin = Admin.create(settings.asProperties())) {
      List<TopicCreator.Result> results = new TopicCreator(admin, timeoutMs)
          .ensure(Topics.ALL, Optional.ofNullable(partitions), replicationFactor);
      boolean mismatch = false;
      for (TopicCreator.Result r : results) {
        out.printf("%-22s %-8s partitions=%d cleanup.policy=%s%s%n", r.topic(), r.outcome(), r.partitions(),
            r.cleanupPolicy(), r.detail().isEmpty() ? "" : "  (" + r.detail() + ")");
        mismatch |= r.outcome() == TopicCreator.Outcome.MISMATCH;
      }
      out.flush();
      if (mismatch) {
        err.println("Some topics exist with other settings; fix or delete them (see docs/operations.md).");
        return 1;
      }
      return 0;
    }
  }
}
