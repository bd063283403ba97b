package dev.layoffsignals.deployment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A docker-compose file as Docker Compose reads it, for checks and rehearsals without Docker: YAML
 * with anchors and merge keys ({@code <<: *x}), duplicate keys refused, then every string value
 * interpolated ({@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code $VAR},
 * {@code $$} for a literal {@code $}) from the given variables.
 *
 * <p>Only what the stack uses is modelled: services with their image, build, command, environment,
 * profiles, ports, volumes, healthcheck and dependencies. Everything else stays reachable in
 * {@link Service#definition()}.
 */
public final class ComposeFile {

  private static final Pattern VARIABLE = Pattern.compile(
      "\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

  private final Path path;
  private final Map<String, Object> root;

  private ComposeFile(Path path, Map<String, Object> root) {
    this.path = path;
    this.root = root;
  }

  /**
   * Reads and interpolates a compose file.
   *
   * @param variables what the shell would give Compose; a variable absent here takes its default
   */
  public static ComposeFile load(Path file, Map<String, String> variables) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object loaded = yaml.load(reader);
      if (!(loaded instanceof Map<?, ?>)) {
        throw new IllegalArgumentException(file + " is not a YAML mapping");
      }
      return new ComposeFile(file, asMap(interpolate(loaded, variables), file.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Compose's interpolation of one string. */
  public static String interpolate(String value, Map<String, String> variables) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) != null) {
        replacement = "$";
      } else if (m.group(5) != null) {
        replacement = variables.getOrDefault(m.group(5), "");
      } else {
        String set = variables.get(m.group(2));
        String operator = m.group(3);
        if (operator == null) {
          replacement = set == null ? "" : set;
        } else if (operator.equals(":-")) {
          replacement = set == null || set.isEmpty() ? m.group(4) : set;
        } else {
          replacement = set == null ? m.group(4) : set;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Object interpolate(Object node, Map<String, String> variables) {
    if (node instanceof String s) {
      return interpolate(s, variables);
    }
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), interpolate(v, variables)));
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(interpolate(v, variables)));
      return out;
    }
    return node;
  }

  /** The file it was read from. */
  public Path path() {
    return path;
  }

  /** The whole interpolated document. */
  public Map<String, Object> root() {
    return Collections.unmodifiableMap(root);
  }

  /** Service names in file order. */
  public List<String> serviceNames() {
    return List.copyOf(servicesMap().keySet());
  }

  /** Every service, in file order. */
  public List<Service> services() {
    return serviceNames().stream().map(this::service).toList();
  }

  /** The named service. */
  public Service service(String name) {
    Object definition = servicesMap().get(name);
    if (definition == null) {
      throw new IllegalArgumentException("No service '" + name + "' in " + path + "; services: " + servicesMap().keySet());
    }
    return new Service(name, asMap(definition, "service " + name));
  }

  /** Top-level named volumes. */
  public List<String> namedVolumes() {
    Object volumes = root.get("volumes");
    return volumes == null ? List.of() : List.copyOf(asMap(volumes, "volumes").keySet());
  }

  private Map<String, Object> servicesMap() {
    return asMap(root.get("services"), "services");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object node, String what) {
    if (!(node instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(what + " is not a mapping: " + node);
    }
    return (Map<String, Object>) node;
  }

  private static String scalar(Object node) {
    return node == null ? null : String.valueOf(node);
  }

  /** A published port: {@code hostIp} and {@code published} empty when Docker chooses. */
  public record Port(Optional<String> hostIp, Optional<String> published, int target, String protocol) {
  }

  /** A volume: {@code source} empty for an anonymous volume. */
  public record Volume(Optional<String> source, String target, boolean readOnly) {
  }

  /**
   * A healthcheck: {@code test} as Compose runs it ({@code ["CMD", ...]}, {@code ["CMD-SHELL", "..."]} or
   * {@code ["NONE"]}), and its timings as written.
   */
  public record Healthcheck(List<String> test, Map<String, Object> definition) {
    /** The URL an HTTP-probe test asks for ({@code curl} or {@code wget}), if it is one. */
    public Optional<String> url() {
      return test.stream().filter(a -> a.startsWith("http://") || a.startsWith("https://")).findFirst();
    }
  }

  /** One service of the file. */
  public record Service(String name, Map<String, Object> definition) {

    public Service {
      Objects.requireNonNull(name, "name");
      definition = Collections.unmodifiableMap(definition);
    }

    /** {@code image}, if set. */
    public Optional<String> image() {
      return Optional.ofNullable(scalar(definition.get("image")));
    }

    /** Whether Compose builds the image ({@code build} set). */
    public boolean built() {
      return definition.containsKey("build");
    }

    /** The {@code build} section: {@code context} and {@code dockerfile}. */
    public Map<String, String> build() {
      Object build = definition.get("build");
      if (build == null) {
        return Map.of();
      }
      if (build instanceof String context) {
        return Map.of("context", context);
      }
      Map<String, String> out = new LinkedHashMap<>();
      asMap(build, "build of " + name).forEach((k, v) -> out.put(k, scalar(v)));
      return out;
    }

    /** {@code command} in exec form; a string command is split on white space. */
    public List<String> command() {
      return words(definition.get("command"));
    }

    /** {@code entrypoint} in exec form, empty when the image's is used. */
    public List<String> entrypoint() {
      return words(definition.get("entrypoint"));
    }

    /** The environment given to the container, in file order (list or mapping form). */
    public Map<String, String> environment() {
      Object env = definition.get("environment");
      Map<String, String> out = new LinkedHashMap<>();
      if (env instanceof Map<?, ?> map) {
        map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : scalar(v)));
      } else if (env instanceof List<?> list) {
        for (Object item : list) {
          String entry = String.valueOf(item);
          int eq = entry.indexOf('=');
          out.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
      } else if (env != null) {
        throw new IllegalArgumentException("environment of " + name + " is neither a mapping nor a list");
      }
      return out;
    }

    /** Profiles; empty when the service always starts. */
    public List<String> profiles() {
      return words(definition.get("profiles"));
    }

    /** {@code depends_on}: service name to condition ({@code service_started} when only named). */
    public Map<String, String> dependsOn() {
      Object deps = definition.get("depends_on");
      Map<String, String> out = new LinkedHashMap<>();
      if (deps instanceof List<?> list) {
        list.forEach(d -> out.put(String.valueOf(d), "service_started"));
      } else if (deps instanceof Map<?, ?> map) {
        map.forEach((k, v) -> {
          Object condition = v instanceof Map<?, ?> m ? m.get("condition") : null;
          out.put(String.valueOf(k), condition == null ? "service_started" : String.valueOf(condition));
        });
      }
      return out;
    }

    /** Published ports, short or long syntax. */
    public List<Port> ports() {
      Object ports = definition.get("ports");
      if (ports == null) {
        return List.of();
      }
      List<Port> out = new ArrayList<>();
      for (Object p : (List<?>) ports) {
        if (p instanceof Map<?, ?> m) {
          out.add(new Port(Optional.ofNullable(scalar(m.get("host_ip"))), Optional.ofNullable(scalar(m.get("published"))),
              Integer.parseInt(scalar(m.get("target"))), Optional.ofNullable(scalar(m.get("protocol"))).orElse("tcp")));
        } else {
          out.add(shortPort(String.valueOf(p)));
        }
      }
      return out;
    }

    private static Port shortPort(String spec) {
      String protocol = "tcp";
      int slash = spec.indexOf('/');
      if (slash >= 0) {
        protocol = spec.substring(slash + 1);
        spec = spec.substring(0, slash);
      }
      int last = spec.lastIndexOf(':');
      if (last < 0) {
        return new Port(Optional.empty(), Optional.empty(), Integer.parseInt(spec), protocol);
      }
      int target = Integer.parseInt(spec.substring(last + 1));
      String host = spec.substring(0, last);
      int sep = host.lastIndexOf(':');
      Optional<String> ip = sep < 0 ? Optional.empty() : Optional.of(host.substring(0, sep));
      String published = sep < 0 ? host : host.substring(sep + 1);
      return new Port(ip, published.isEmpty() ? Optional.empty() : Optional.of(published), target, protocol);
    }

    /** Volumes, short ({@code source:target[:ro]} or an anonymous {@code target}) or long syntax. */
    public List<Volume> volumes() {
      Object volumes = definition.get("volumes");
      if (volumes == null) {
        return List.of();
      }
      List<Volume> out = new ArrayList<>();
      for (Object v : (List<?>) volumes) {
        if (v instanceof Map<?, ?> m) {
          out.add(new Volume(Optional.ofNullable(scalar(m.get("source"))), scalar(m.get("target")),
              Boolean.TRUE.equals(m.get("read_only"))));
        } else {
          String[] parts = String.valueOf(v).split(":");
          if (parts.length == 1) {
            out.add(new Volume(Optional.empty(), parts[0], false));
          } else {
            out.add(new Volume(Optional.of(parts[0]), parts[1], parts.length > 2 && parts[2].contains("ro")));
          }
        }
      }
      return out;
    }

    /** The healthcheck, if the service has one. */
    public Optional<Healthcheck> healthcheck() {
      Object hc = definition.get("healthcheck");
      if (hc == null) {
        return Optional.empty();
      }
      Map<String, Object> map = asMap(hc, "healthcheck of " + name);
      Object test = map.get("test");
      List<String> words = test instanceof String s ? List.of("CMD-SHELL", s) : words(test);
      return Optional.of(new Healthcheck(words, Collections.unmodifiableMap(map)));
    }

    /** {@code restart}, {@code no} when not set. */
    public String restart() {
      return Optional.ofNullable(scalar(definition.get("restart"))).orElse("no");
    }

    private static List<String> words(Object node) {
      if (node == null) {
        return List.of();
      }
      if (node instanceof List<?> list) {
        return list.stream().map(String::valueOf).toList();
      }
      String s = String.valueOf(node).trim();
      return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
    }
  }
}
