package dev.layoffsignals.producers;

import dev.layoffsignals.config.ConfigException;
import dev.layoffsignals.config.Settings;
import dev.layoffsignals.producers.replay.EventTimeMerger;
import dev.layoffsignals.producers.replay.Pacer;
import dev.layoffsignals.producers.replay.ReplayFilter;
import dev.layoffsignals.serde.SchemaRegistryClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Spec;

/**
 * What the four producing commands share: settings, rejects, one idempotent producer, the publish
 * loop with progress bar, heartbeats (see {@link Heartbeats}; with an admin client of the same
 * connection settings, to look up the end offsets they vouch for), and the summary. A subclass only
 * says which inputs to open.
 *
 * <p>Exit codes: 0 everything read was published (or rejected and reported); 1 a send failed;
 * 2 bad input under --strict, an unreadable file, or bad arguments or settings.
 */
public abstract class PublishingCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(PublishingCommand.class);

  public static final int OK = 0;
  public static final int SEND_FAILED = 1;
  public static final int BAD_INPUT = 2;

  /** Opens one input; called when the input is needed, so files are opened one at a time. */
  @FunctionalInterface
  protected interface Opener {
    EventSource open(Rejects rejects) throws IOException;
  }

  @Spec
  protected CommandSpec spec;

  @Mixin
  protected ConnectionOptions connection = new ConnectionOptions();

  @Mixin
  protected InputOptions inputOptions = new InputOptions();

  @Mixin
  protected HeartbeatOptions heartbeatOptions = new HeartbeatOptions();

  // seams for tests: a MockProducer, a fake end-offsets lookup, a fixed environment, a given standard input, a fake clock and sleeps
  Function<Map<String, Object>, Producer<byte[], byte[]>> producerFactory = KafkaProducer::new;
  /** From the admin configuration ({@link ProducerSettings#adminConfig}); made only when heartbeats are sent, closed at the end. */
  Function<Map<String, Object>, EndOffsets> endOffsetsFactory = AdminEndOffsets::create;
  Map<String, String> environment = System.getenv();
  InputStream stdin = System.in;
  LongSupplier nanoTime = System::nanoTime;
  Pacer.Sleeper sleeper = Pacer.THREAD_SLEEP;

  /** The inputs to publish, in order; validate arguments here (throw {@link BadInputException}). */
  protected abstract List<Opener> inputs(Settings settings) throws IOException;

  /** Whether inputs are merged in event-time order (replay) or published one after the other. */
  protected boolean mergeByEventTime() {
    return false;
  }

  protected ReplayFilter filter() {
    return ReplayFilter.ALL;
  }

  protected Pacer pacer() {
    return Pacer.of(0);
  }

  /** Whether the run ends with a heartbeat when neither --heartbeat nor --no-heartbeat is given. */
  protected boolean heartbeatByDefault() {
    return false;
  }

  /** Event time between periodic heartbeats, or null for none (only the final one); asked only when heartbeats are on. */
  protected Duration heartbeatInterval() {
    return null;
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Override
  public final Integer call() {
    Settings settings;
    List<Opener> openers;
    try {
      settings = connection.settings(environment);
      LOG.info("{} settings (secrets masked): {}", spec.name(), settings.masked());
      openers = inputs(settings);
    } catch (ConfigException | BadInputException | IllegalArgumentException e) {
      return fail(e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      return fail("cannot read input: " + e.getMessage());
    }
    try (Rejects rejects = Rejects.open(inputOptions.rejectsFile, inputOptions.strict, err())) {
      return publish(settings, openers, rejects);
    } catch (BadInputException e) {
      return fail(e.getMessage());
    }
  }

  private int publish(Settings settings, List<Opener> openers, Rejects rejects) {
    List<InputStats> inputs = new ArrayList<>();
    Map<String, long[]> perTopic = new LinkedHashMap<>();
    boolean heartbeatsOn = heartbeatOptions.enabled(heartbeatByDefault());
    Duration interval = heartbeatsOn ? heartbeatInterval() : null;
    HeartbeatSchedule schedule = interval == null ? HeartbeatSchedule.finalOnly() : HeartbeatSchedule.every(interval);
    Publisher publisher = null;
    EndOffsets endOffsets = null;
    Heartbeats heartbeats = null;
    String creating = null;
    long start = nanoTime.getAsLong();
    long count = 0;
    int exit = OK;
    String error = null;
    String heartbeatLine = heartbeatsOn ? "heartbeat  not sent: the run did not complete" : null;
    Progress progress = new Progress(err(), showProgress(), nanoTime);
    EventSource stream = null;
    try {
      stream = mergeByEventTime() ? merged(openers, rejects, inputs) : concatenated(openers, rejects, inputs);
      progress.expect(stream.expectedEvents());
      if (!inputOptions.dryRun) {
        SchemaRegistryClientFactory.check(settings.asMap()); // its settings, before anything is sent
        Map<String, Object> producerConfig = ProducerSettings.producerConfig(settings);
        creating = "the producer";
        Producer<byte[], byte[]> producer = producerFactory.apply(producerConfig);
        publisher = new Publisher(producer, settings.asMap(), ProducerSettings.maxRecordBytes(producerConfig));
        if (heartbeatsOn) {
          creating = "the admin client (heartbeats look up end offsets with it)";
          endOffsets = endOffsetsFactory.apply(ProducerSettings.adminConfig(settings));
          creating = null;
          heartbeats = Heartbeats.open(producer, endOffsets, settings.asMap(), spec.name());
        }
        creating = null;
        if (stream instanceof EventTimeMerger merged) {
          // the schema ids of every topic of the run, before its first record (see Publisher#prepare)
          merged.heads().forEach(publisher::prepare);
        }
      }
      ReplayFilter filter = filter();
      Pacer pacer = pacer();
      Event e;
      while ((e = stream.next()) != null) {
        if (!filter.accepts(e)) {
          e.input().countSkipped();
          continue;
        }
        pacer.await(e.timestamp());
        try {
          if (publisher != null && !publisher.send(e)) {
            break;
          }
        } catch (Publisher.RecordTooLarge tooLarge) {
          // a bad record like any other, not a failed run: the broker would never take it
          e.input().retractEvent();
          rejects.reject(e.input(), e.input().name(), e.line(), tooLarge.getMessage(), "");
          continue;
        }
        perTopic.computeIfAbsent(e.topic().name(), t -> new long[1])[0]++;
        progress.update(++count, perTopic);
        OptionalLong due = schedule.published(e.timestamp());
        if (due.isPresent() && heartbeats != null && !periodicHeartbeat(publisher, heartbeats, due.getAsLong())) {
          break;
        }
      }
      if (heartbeatsOn && (publisher == null || !flushFailed(publisher))) {
        heartbeatLine = finalHeartbeat(schedule, publisher, heartbeats);
      }
    } catch (BadInputException ex) {
      exit = BAD_INPUT;
      error = ex.getMessage();
    } catch (IOException | UncheckedIOException ex) {
      exit = BAD_INPUT;
      error = "cannot read input: " + ex.getMessage();
    } catch (InterruptedException | InterruptException ex) {
      Thread.currentThread().interrupt();
      exit = SEND_FAILED;
      error = "interrupted";
    } catch (HeartbeatFailedException ex) {
      exit = SEND_FAILED;
      error = "heartbeat failed: " + ex.getMessage();
      heartbeatLine = "heartbeat  failed: " + ex.getMessage();
    } catch (org.apache.kafka.common.config.ConfigException ex) {
      // a setting the producer, the admin client or the registry client cannot use: nothing was sent
      exit = BAD_INPUT;
      error = "invalid setting: " + ex.getMessage();
    } catch (KafkaException ex) {
      // the producer (or the admin client) could not even be created: nothing was sent
      exit = BAD_INPUT;
      error = "cannot create " + (creating == null ? "the producer" : creating) + ": " + ex.getMessage()
          + (ex.getCause() == null ? "" : " (" + ex.getCause().getMessage() + ")");
    } finally {
      closeQuietly(stream);
      if (publisher != null) {
        publisher.flush();
        publisher.close();
      }
      if (heartbeats != null) {
        heartbeats.close();
      }
      if (endOffsets != null) {
        endOffsets.close();
      }
    }
    progress.finish(count, perTopic);
    if (publisher != null && publisher.failed()) {
      Exception first = publisher.firstFailure();
      err().println("error: publishing failed: " + (first == null ? "unknown error" : first));
      if (exit == OK) {
        exit = SEND_FAILED;
      }
    }
    if (error != null) {
      err().println("error: " + error);
    }
    Summary.print(out(), inputs, perTopic, publisher, inputOptions.dryRun, (nanoTime.getAsLong() - start) / 1e9, heartbeatLine);
    err().flush();
    return exit;
  }

  /** Flushes the data; returns whether a send failed. */
  private static boolean flushFailed(Publisher publisher) {
    publisher.flush();
    return publisher.failed();
  }

  /**
   * A periodic heartbeat, after the data sent so far is acknowledged; it carries, per partition,
   * the offsets it vouches for, so the topology applies it only once it has read those records.
   * Returns false when a data send failed and the run must stop.
   */
  private static boolean periodicHeartbeat(Publisher publisher, Heartbeats heartbeats, long watermark) {
    if (flushFailed(publisher)) {
      return false;
    }
    heartbeats.send(watermark, publisher.acknowledgedEnds());
    return true;
  }

  /** Sends the final heartbeat (the data is flushed), or says what would be sent; the summary's line. */
  private String finalHeartbeat(HeartbeatSchedule schedule, Publisher publisher, Heartbeats heartbeats) {
    OptionalLong watermark = schedule.watermark();
    if (watermark.isEmpty()) {
      return "heartbeat  not sent: nothing was published";
    }
    Instant at = Instant.ofEpochMilli(watermark.getAsLong());
    long n = schedule.periodic();
    String periodic = n == 0 ? "" : ", after " + n + " periodic heartbeat" + (n == 1 ? "" : "s");
    if (heartbeats == null) {
      return "heartbeat  " + at + " would be sent to every partition of " + Heartbeats.topic() + periodic;
    }
    int partitions = heartbeats.send(watermark.getAsLong(), publisher.acknowledgedEnds());
    return "heartbeat  " + at + " to " + partitions + " partitions of " + Heartbeats.topic() + periodic;
  }

  private EventSource merged(List<Opener> openers, Rejects rejects, List<InputStats> inputs) throws IOException {
    List<EventSource> sources = new ArrayList<>();
    for (Opener o : openers) {
      EventSource s = o.open(rejects);
      inputs.add(s.stats());
      sources.add(s);
    }
    return new EventTimeMerger(sources, rejects);
  }

  private static EventSource concatenated(List<Opener> openers, Rejects rejects, List<InputStats> inputs) {
    return new ConcatenatedSource() {
      private int next;

      @Override
      public InputStats stats() {
        return current() == null ? new InputStats("none") : current().stats();
      }

      @Override
      protected EventSource openNext() throws IOException {
        if (next >= openers.size()) {
          return null;
        }
        EventSource opened = openers.get(next++).open(rejects);
        inputs.add(opened.stats());
        return opened;
      }
    };
  }

  private boolean showProgress() {
    return inputOptions.progress != null ? inputOptions.progress : System.console() != null;
  }

  private int fail(String message) {
    err().println("error: " + message);
    err().flush();
    return BAD_INPUT;
  }

  private static void closeQuietly(EventSource s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // every record was read already; a failing close loses nothing
      }
    }
  }
}
