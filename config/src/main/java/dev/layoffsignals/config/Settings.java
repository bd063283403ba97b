package dev.layoffsignals.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Configuration of one command, built in layers where each one overrides the one before:
 * <ol>
 *   <li>the defaults file shipped in the jar (a classpath resource),</li>
 *   <li>the user's file ({@code --config FILE}, Java properties format),</li>
 *   <li>environment variables (see {@link EnvironmentMapping}),</li>
 *   <li>command-line flags.</li>
 * </ol>
 * Keys are the Kafka / Kafka Streams / Schema Registry property names themselves
 * ({@code bootstrap.servers}, {@code security.protocol}, {@code schema.registry.url}, ...), so every
 * standard client setting, SASL and SSL included, passes through without code of ours.
 */
public final class Settings {

  private static final Pattern SECRET_KEY = Pattern.compile(
      "(?i).*(password|passphrase|secret|jaas|user\\.info|credentials|token|key\\.pem|private).*"
          + "|(?i).*\\bkeystore\\.key"); // ssl.keystore.key: a private key in PEM
  /** The {@code user:password@} of a URL ({@code https://user:pw@registry:8081}), in any value. */
  private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/@\\s,]+@");
  private static final String MASK = "[hidden]";

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** Builder starting from the defaults resource; a missing resource is a packaging bug. */
  public static Builder defaults(String classpathResource) {
    return new Builder().withResource(classpathResource);
  }

  public static Builder empty() {
    return new Builder();
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public String require(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new ConfigException("Missing setting '" + key + "' (set it in the config file, the environment or on the command line)");
    }
    return value;
  }

  public int getInt(String key, int fallback) {
    return get(key).map(v -> parse(key, v, Integer::parseInt)).orElse(fallback);
  }

  public long getLong(String key, long fallback) {
    return get(key).map(v -> parse(key, v, Long::parseLong)).orElse(fallback);
  }

  public boolean getBoolean(String key, boolean fallback) {
    return get(key).map(v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new ConfigException("Setting '" + key + "' must be true or false, not '" + v + "'");
    }).orElse(fallback);
  }

  /** Every setting, for handing to Kafka clients (which ignore keys they do not know). */
  public Map<String, String> asMap() {
    return values;
  }

  /** Every setting as Properties, for Kafka client constructors. */
  public Properties asProperties() {
    Properties p = new Properties();
    p.putAll(values);
    return p;
  }

  /**
   * The settings whose key is one of {@code keys}: for a Kafka client, its own config names, so that
   * the other components' settings are not handed to it (it would log each as unknown).
   */
  public Map<String, String> only(Set<String> keys) {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> {
      if (keys.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The settings whose key starts with the prefix, with the prefix removed. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  /**
   * Every setting with secrets (passwords, JAAS configs, private keys, registry credentials, and the
   * credentials of a URL such as {@code https://user:pw@registry:8081}) replaced by a mask: safe to log.
   */
  public Map<String, String> masked() {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> out.put(k, isSecret(k) ? MASK : maskUrlCredentials(v)));
    return out;
  }

  /** {@code value} with the user info of every URL in it masked: {@code https://[hidden]@registry:8081}. */
  public static String maskUrlCredentials(String value) {
    return value == null ? null : URL_USER_INFO.matcher(value).replaceAll(MASK + "@");
  }

  /** Whether a key names a secret that must never be logged or served. */
  public static boolean isSecret(String key) {
    return SECRET_KEY.matcher(key).matches();
  }

  /** The masked settings, one {@code key=value} per line, sorted. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    masked().forEach((k, v) -> sb.append("  ").append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }

  @Override
  public String toString() {
    return masked().toString();
  }

  private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
    try {
      return parser.apply(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("Setting '" + key + "' must be a number, not '" + value + "'", e);
    }
  }

  /** Accumulates layers; later layers win. */
  public static final class Builder {
    private final Map<String, String> values = new TreeMap<>();

    private Builder() {
    }

    public Builder withResource(String classpathResource) {
      try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(classpathResource)) {
        if (in == null) {
          throw new ConfigException("Defaults resource '" + classpathResource + "' is not on the classpath");
        }
        Properties p = new Properties();
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k).trim()));
        return this;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read defaults resource " + classpathResource, e);
      }
    }

    /** Adds a user properties file; a missing or unreadable file is a clear error. */
    public Builder withFile(Path file) {
      Objects.requireNonNull(file, "file");
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("Config file " + file + " does not exist or is not a file");
      }
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        Properties p = new Properties();
        p.load(reader);
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k).trim()));
        return this;
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage(), e);
      }
    }

    public Builder withOptionalFile(Optional<Path> file) {
      file.ifPresent(this::withFile);
      return this;
    }

    /** Adds the settings that environment variables carry (see {@link EnvironmentMapping}). */
    public Builder withEnvironment(Map<String, String> environment) {
      values.putAll(EnvironmentMapping.settingsFrom(environment));
      return this;
    }

    /** Adds one explicit setting (a command-line flag); null values are ignored. */
    public Builder with(String key, Object value) {
      if (value != null) {
        values.put(key, String.valueOf(value));
      }
      return this;
    }

    public Builder withAll(Map<String, String> settings) {
      values.putAll(settings);
      return this;
    }

    public Settings build() {
      return new Settings(values);
    }
  }
}
