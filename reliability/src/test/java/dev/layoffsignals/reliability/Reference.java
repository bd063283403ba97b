package dev.layoffsignals.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.streams.app.Backlog;
import dev.layoffsignals.streams.app.LayoffSignalsApp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The uninterrupted run every test compares with: a fresh test bed, the {@link Replay} published as
 * fast as possible, month after month, then one instance of the application in this JVM ({@link LayoffSignalsApp}, what the
 * {@code streams} command runs) left alone until it has processed everything, then its outputs.
 * Computed once per JVM and shared by the test classes (it does not depend on them); its broker is
 * stopped once it is read.
 */
final class Reference {

  static final Duration PROCESSING = Duration.ofMinutes(4);
  static final String APPLICATION_ID = "reliability-reference";

  private static Reference instance;

  private final Outputs outputs;
  private final Map<String, Integer> schemaIds;
  private final long inputRecords;
  private final Duration took;

  private Reference(Outputs outputs, Map<String, Integer> schemaIds, long inputRecords, Duration took) {
    this.outputs = outputs;
    this.schemaIds = schemaIds;
    this.inputRecords = inputRecords;
    this.took = took;
  }

  /** Records the replay publishes to the input topics, heartbeats included. */
  long inputRecords() {
    return inputRecords;
  }

  /** The reference outputs, computed on first use. */
  static synchronized Reference get() throws Exception {
    if (instance == null) {
      instance = compute();
    }
    return instance;
  }

  Outputs outputs() {
    return outputs;
  }

  Map<String, Integer> schemaIds() {
    return schemaIds;
  }

  private static Reference compute() throws Exception {
    long start = System.nanoTime();
    Path dir = workDir();
    try (TestBed bed = TestBed.inProcess(dir)) {
      for (Replay.Chunk chunk : Replay.CHUNKS) {
        Replay.Result replay = Replay.run(bed.bootstrapServers(), bed.registryUrl(), chunk, Replay.UNPACED);
        assertThat(replay.exitCode()).as("reference replay: %s", replay).isZero();
      }
      long inputRecords = GroupProgress.inputRecords(bed.admin());
      Map<String, Object> settings = new HashMap<>(settings(bed, APPLICATION_ID, dir.resolve("state")));
      try (LayoffSignalsApp app = LayoffSignalsApp.start(settings, new SimpleMeterRegistry())) {
        Backlog[] last = new Backlog[1];
        Await.until("the reference run to process the replay", PROCESSING, () -> {
          if (app.stopped().isDone()) {
            throw new AssertionError("the reference instance stopped: " + app.stopped().join());
          }
          if (app.streams().state() != KafkaStreams.State.RUNNING) {
            return false;
          }
          last[0] = app.backlog(bed.admin());
          return last[0].isEmpty();
        }, () -> String.valueOf(last[0]));
      }
      Outputs outputs = Outputs.read(bed.bootstrapServers(), bed.serdeConfig());
      // what makes the comparisons worth something: hundreds of results of each kind, and a clean run
      assertThat(outputs.announcements()).as("reference announcements").hasSizeGreaterThan(900);
      assertThat(outputs.settledReactions()).as("reference settled reactions").hasSizeGreaterThan(10);
      assertThat(outputs.finalWindows()).as("reference FINAL windows").hasSizeGreaterThan(500);
      assertThat(outputs.changedFinals()).as("reference: FINAL results that changed").isEmpty();
      assertThat(outputs.repeatedUpdates()).as("reference: updates delivered twice").isEmpty();
      assertThat(outputs.lateRecords()).as("reference late-records").isEmpty();
      assertThat(outputs.deadLetters()).as("reference dead-letters").isEmpty();
      assertThat(outputs.inputDuplicates()).as("reference: input records published twice").isEmpty();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.printf("reliability: reference run in %d s, %d input records: %s%n", took.toSeconds(), inputRecords, outputs.summary());
      return new Reference(outputs, bed.schemaIds(), inputRecords, took);
    }
  }

  /**
   * The settings of an instance of the suite, as flags would give them to {@code streams}: the
   * test bed, the application id, the state directory, and {@link StreamsInstance#SUITE_SETTINGS}.
   */
  static Map<String, String> settings(TestBed bed, String applicationId, Path stateDir) {
    Map<String, String> settings = new HashMap<>();
    settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bed.bootstrapServers());
    settings.put("schema.registry.url", bed.registryUrl());
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    for (String s : StreamsInstance.SUITE_SETTINGS) {
      settings.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
    }
    return settings;
  }

  private static Path workDir() {
    try {
      Path target = Files.createDirectories(Path.of("target", "reliability"));
      return Files.createTempDirectory(target.toAbsolutePath(), "reference-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that a run's outputs are the reference's: the same input records, published once each;
   * the same announcements table, the same settled reactions and FINAL windows, byte for byte
   * (schema ids included); the same error records; no FINAL result that changed and no update
   * delivered twice.
   */
  void assertReproducedBy(Outputs actual, Map<String, ?> serdeConfig, String run) {
    assertReproducedBy(actual, serdeConfig, run, false);
  }

  /**
   * As {@link #assertReproducedBy(Outputs, Map, String)}; with {@code inputDuplicatesAllowed}, input
   * records may be there more than once (each of the reference's once at least, no other): what an
   * idempotent producer can leave behind when the broker dies under it. The heartbeats published
   * after such a duplicate vouch for offsets shifted by it, so they are then compared without their
   * {@code offsets}; the outputs are still compared byte for byte.
   */
  void assertReproducedBy(Outputs actual, Map<String, ?> serdeConfig, String run, boolean inputDuplicatesAllowed) {
    System.out.printf("reliability: %s: %s%n", run, actual.summary());
    if (!actual.inputDuplicates().isEmpty()) {
      System.out.printf("reliability: %s: %d input records published twice: %s%n", run, actual.inputDuplicates().size(),
          actual.inputDuplicates().subList(0, Math.min(10, actual.inputDuplicates().size())));
    }
    if (!inputDuplicatesAllowed) {
      assertThat(actual.inputDuplicates()).as("%s: input records published twice", run).isEmpty();
    }
    assertThat(actual.changedFinals()).as("%s: FINAL results that changed", run).isEmpty();
    assertThat(actual.repeatedUpdates()).as("%s: updates delivered twice", run).isEmpty();
    if (inputDuplicatesAllowed && !actual.distinctInputs().equals(outputs.distinctInputs())) {
      // a duplicate moves the offsets later heartbeats of its partition vouch for; everything else must be equal
      System.out.printf("reliability: %s: heartbeats name other offsets than the reference's (after the duplicates);"
          + " inputs compared without them%n", run);
    }
    assertThat(actual.differencesFrom(outputs, serdeConfig, 20, inputDuplicatesAllowed))
        .as("%s: differences from the uninterrupted run", run).isEmpty();
  }

  Duration took() {
    return took;
  }
}
