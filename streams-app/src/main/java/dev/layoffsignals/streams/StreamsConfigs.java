package dev.layoffsignals.streams;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The streams app's configuration defaults ({@value #DEFAULTS_RESOURCE} on the classpath) with
 * overrides on top. The application's settings layers (file, environment, flags) are the
 * overrides; tests pass theirs.
 */
public final class StreamsConfigs {

  public static final String DEFAULTS_RESOURCE = "layoff-signals-streams.properties";

  private StreamsConfigs() {
  }

  /** The defaults, as shipped. */
  public static Map<String, String> defaults() {
    try (InputStream in = StreamsConfigs.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Defaults resource " + DEFAULTS_RESOURCE + " is not on the classpath");
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> out = new TreeMap<>();
      p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + DEFAULTS_RESOURCE, e);
    }
  }

  /** The defaults with {@code overrides} applied; values may be objects (an error counter instance). */
  public static Map<String, Object> with(Map<String, ?> overrides) {
    Map<String, Object> out = new TreeMap<>(defaults());
    out.putAll(overrides);
    return out;
  }

  /** As {@link #with}, for the {@code KafkaStreams} constructor. */
  public static Properties properties(Map<String, ?> overrides) {
    Properties p = new Properties();
    p.putAll(with(overrides));
    return p;
  }
}
