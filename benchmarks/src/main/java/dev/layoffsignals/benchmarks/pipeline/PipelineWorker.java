package dev.layoffsignals.benchmarks.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layoffsignals.benchmarks.pipeline.StoreSizes.StoreSize;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.serde.AvroSerdeConfig;
import dev.layoffsignals.streams.StreamsConfigs;
import dev.layoffsignals.streams.app.Backlog;
import dev.layoffsignals.streams.app.LayoffSignalsApp;
import dev.layoffsignals.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The JVM that does the work being measured, started by the benchmark with its own heap limit
 * ({@code -Xmx}), so its heap is the application's alone. One of:
 * <ul>
 *   <li>{@code floor}: a bare consumer reads and Avro-decodes every tick;</li>
 *   <li>{@code pass-through}: {@link PassThroughTopology} under Kafka Streams;</li>
 *   <li>{@code full}: the application, {@link LayoffSignalsApp}, as the {@code streams} command runs it.</li>
 * </ul>
 * With {@code until=done} it stops once everything is processed (Kafka Streams: {@link Backlog}
 * empty); with {@code until=stopped}, when the parent writes {@code stop} on its standard input.
 * It reports on standard output, one JSON object per line: {@code {"event":"running"}} once
 * reading, then {@code {"event":"done","result":{...}}} ({@link WorkerResult}). Anything else it
 * or a library prints goes to standard error. A closed standard input means the parent is gone:
 * the worker exits at once.
 *
 * <p>Arguments are {@code key=value}: {@code mode}, {@code until}, {@code bootstrap},
 * {@code registry}, {@code app-id}, {@code state-dir}, and any number of {@code set.KEY=VALUE}
 * (Kafka Streams or topology settings over the shipped defaults).
 */
public final class PipelineWorker {

  static final String FLOOR = "floor";
  static final String PASS_THROUGH = "pass-through";
  static final String FULL = "full";

  private static final Duration RUNNING_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(30);
  private static final long BACKLOG_POLL_MS = 100;
  private static final long ADMIN_TIMEOUT_MS = 30_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> args;
  private final PrintStream report;
  private final CountDownLatch stop = new CountDownLatch(1);
  /** Set once the result is out: the parent may then close our input while the JVM exits (a flight recording is being written). */
  private volatile boolean exiting;

  private PipelineWorker(Map<String, String> args, PrintStream report) {
    this.args = args;
    this.report = report;
  }

  public static void main(String[] argv) throws Exception {
    PrintStream report = System.out;
    System.setOut(System.err); // standard output carries the reports only
    Map<String, String> args = new LinkedHashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, not " + a);
      }
      args.put(a.substring(0, eq), a.substring(eq + 1));
    }
    PipelineWorker worker = new PipelineWorker(args, report);
    worker.watchParent();
    WorkerResult result;
    try (HeapSampler heap = HeapSampler.start()) {
      result = switch (worker.arg("mode")) {
        case FLOOR -> worker.floor(heap);
        case PASS_THROUGH, FULL -> worker.streams(heap);
        default -> throw new IllegalArgumentException("unknown mode " + worker.arg("mode"));
      };
    }
    Map<String, Object> done = new LinkedHashMap<>();
    done.put("event", "done");
    done.put("result", result);
    worker.exiting = true;
    worker.emit(done);
    System.exit(0);
  }

  private String arg(String key) {
    String value = args.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing argument " + key);
    }
    return value;
  }

  private boolean untilDone() {
    return arg("until").equals("done");
  }

  /** Reads the parent's commands: {@code stop}; the end of the stream means the parent is gone. */
  private void watchParent() {
    Thread thread = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.strip().equals("stop")) {
            stop.countDown();
          }
        }
      } catch (Exception e) {
        System.err.println("pipeline worker: standard input failed: " + e);
      }
      if (!exiting) {
        System.err.println("pipeline worker: the parent is gone; exiting");
        Runtime.getRuntime().halt(3);
      }
    }, "parent-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private synchronized void emit(Map<String, Object> event) throws Exception {
    report.println(JSON.writeValueAsString(event));
    report.flush();
  }

  private void running() throws Exception {
    emit(Map.of("event", "running"));
  }

  private WorkerResult floor(HeapSampler heap) throws Exception {
    Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, arg("registry"));
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, arg("bootstrap"));
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000); // as Kafka Streams sets it
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    long started = System.nanoTime();
    try (KafkaConsumer<byte[], StockTick> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        Topics.STOCK_TICKS.valueSerde(serdeConfig).deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.STOCK_TICKS.name()).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      running();
      long readingFrom = System.nanoTime();
      long cpuFrom = processCpuNanos();
      long compiledFrom = compileMillis();
      long compilerCpuFrom = CompilerCpu.nanos();
      long ticks = 0;
      long volume = 0; // uses every decoded value, so no decoding can be skipped
      long deadline = readingFrom + PROCESSING_TIMEOUT.toNanos();
      while (!caughtUp(consumer, ends)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the floor consumer has not read the ticks within " + PROCESSING_TIMEOUT);
        }
        ConsumerRecords<byte[], StockTick> records = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], StockTick> r : records) {
          ticks++;
          volume += r.value().getVolume();
        }
      }
      long done = System.nanoTime();
      double cpu = (processCpuNanos() - cpuFrom) / 1e9;
      double jit = secondsCompiledSince(compiledFrom);
      double jitCpu = CompilerCpu.secondsSince(compilerCpuFrom);
      System.err.println("floor: " + ticks + " ticks, total volume " + volume);
      return new WorkerResult(FLOOR, ticks, (readingFrom - started) / 1e9, (done - readingFrom) / 1e9, cpu, jit, jitCpu,
          -1, heap.heap(), 0, Map.of());
    }
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private WorkerResult streams(HeapSampler heap) throws Exception {
    String mode = arg("mode");
    String applicationId = arg("app-id");
    Path stateDir = Path.of(arg("state-dir"));
    Map<String, Object> overrides = new HashMap<>();
    overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, arg("bootstrap"));
    overrides.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, arg("registry"));
    overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    args.forEach((k, v) -> {
      if (k.startsWith("set.")) {
        overrides.put(k.substring("set.".length()), v);
      }
    });

    long started = System.nanoTime();
    KafkaStreams streams;
    Topology topology;
    LayoffSignalsApp app = null;
    if (mode.equals(FULL)) {
      app = LayoffSignalsApp.start(overrides, new SimpleMeterRegistry());
      streams = app.streams();
      topology = app.topology();
    } else {
      topology = PassThroughTopology.build(overrides);
      streams = new KafkaStreams(topology, passThroughConfig(overrides));
      streams.start();
    }
    // the application has its own state listener; the state is polled (startup time is measured)
    long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (streams.state().hasCompletedShutdown() || streams.state() == KafkaStreams.State.PENDING_ERROR
          || System.nanoTime() > deadline) {
        throw new IllegalStateException("Kafka Streams is " + streams.state() + ", not RUNNING; see the log");
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
    running();
    long runningAt = System.nanoTime();
    long cpuFrom = processCpuNanos();
    long compiledFrom = compileMillis();
    long compilerCpuFrom = CompilerCpu.nanos();
    Map<Long, Long> streamThreadCpuFrom = StreamThreadCpu.snapshot();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, arg("bootstrap")))) {
      if (untilDone()) {
        awaitProcessed(admin, applicationId, topology, streams);
      } else {
        // what is left to process, once a second, in the log: where a latency comes from; and how
        // long the JIT has compiled, for the parent to see when it settles
        emit(Map.of("event", "jit", "compileMillis", compileMillis()));
        while (!stop.await(1, TimeUnit.SECONDS)) {
          emit(Map.of("event", "jit", "compileMillis", compileMillis()));
          System.err.println("pipeline worker: backlog " + Backlog.measure(admin, applicationId, topology, ADMIN_TIMEOUT_MS)
              + "; " + threadMetrics(streams));
        }
      }
      long done = System.nanoTime();
      double cpu = (processCpuNanos() - cpuFrom) / 1e9;
      double jit = secondsCompiledSince(compiledFrom);
      double jitCpu = CompilerCpu.secondsSince(compilerCpuFrom);
      double streamThreadCpu = StreamThreadCpu.secondsSince(streamThreadCpuFrom);
      Map<String, StoreSize> stores = mode.equals(FULL) ? StoreSizes.measure(streams) : Map.of();
      long ticks = committedTicks(admin, applicationId);
      HeapSampler.Heap heapFigures = heap.heap();
      if (app != null) {
        app.close();
      } else {
        streams.close(Duration.ofSeconds(30));
      }
      return new WorkerResult(mode, ticks, (runningAt - started) / 1e9, (done - runningAt) / 1e9, cpu, jit, jitCpu,
          streamThreadCpu, heapFigures, StoreSizes.directoryBytes(stateDir), stores);
    }
  }

  /** The stream threads' commit, poll and process figures, for the log. */
  private static String threadMetrics(KafkaStreams streams) {
    StringBuilder out = new StringBuilder();
    streams.metrics().forEach((name, metric) -> {
      if ((name.group().equals("stream-thread-metrics") && List.of("commit-latency-avg", "commit-latency-max", "commit-rate",
          "poll-latency-avg", "process-rate", "process-records-avg", "poll-records-avg", "punctuate-latency-avg",
          "process-ratio", "commit-ratio", "poll-ratio").contains(name.name()))
          || (name.group().equals("producer-metrics") && List.of("txn-commit-time-ns-total", "flush-time-ns-total",
          "txn-send-offsets-time-ns-total", "txn-begin-time-ns-total", "request-latency-avg").contains(name.name()))
          || (name.group().equals("consumer-fetch-manager-metrics") && name.tags().size() == 1
          && name.tags().getOrDefault("client-id", "").endsWith("StreamThread-1-consumer")
          && List.of("records-lag-max", "fetch-latency-avg", "fetch-rate", "records-consumed-rate", "fetch-size-avg",
          "records-per-request-avg").contains(name.name()))) {
        out.append(name.name()).append('=').append(metric.metricValue()).append(' ');
      }
    });
    return out.toString();
  }

  /** The pass-through's settings: the application's guarantee and commit interval, nothing of its logic. */
  private static Properties passThroughConfig(Map<String, Object> overrides) {
    Map<String, Object> effective = StreamsConfigs.with(overrides);
    Properties p = new Properties();
    for (String key : List.of(StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
        StreamsConfig.STATE_DIR_CONFIG, StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, StreamsConfig.NUM_STREAM_THREADS_CONFIG,
        AvroSerdeConfig.SCHEMA_REGISTRY_URL)) {
      if (effective.get(key) != null) {
        p.put(key, effective.get(key));
      }
    }
    return p;
  }

  private void awaitProcessed(Admin admin, String applicationId, Topology topology, KafkaStreams streams)
      throws Exception {
    long deadline = System.nanoTime() + PROCESSING_TIMEOUT.toNanos();
    while (!Backlog.measure(admin, applicationId, topology, ADMIN_TIMEOUT_MS).isEmpty()) {
      if (streams.state().hasCompletedShutdown() || streams.state() == KafkaStreams.State.PENDING_ERROR) {
        throw new IllegalStateException("Kafka Streams is " + streams.state() + " before the end of the input; see the log");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the input is not processed within " + PROCESSING_TIMEOUT);
      }
      TimeUnit.MILLISECONDS.sleep(BACKLOG_POLL_MS); // polling interval; bounds the error on the end time
    }
  }

  private static long committedTicks(Admin admin, String applicationId) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
        .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    return committed.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(Topics.STOCK_TICKS.name()) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  /**
   * How long this JVM's just-in-time compilers have compiled in all, in milliseconds (elapsed time
   * of the compilations, summed over the compiler threads), or -1 if the JVM does not say.
   */
  private static long compileMillis() {
    CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : -1;
  }

  /** Seconds compiled since {@code compiledFrom} ({@link #compileMillis}), or -1 if the JVM does not say. */
  private static double secondsCompiledSince(long compiledFrom) {
    return compiledFrom < 0 ? -1 : (compileMillis() - compiledFrom) / 1e3;
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }
}
