package dev.layoffsignals.query;

import dev.layoffsignals.streams.dedup.RoutingKeys;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of one request, read strictly: a parameter given twice, a parameter the
 * endpoint does not know, a malformed value are answered with 400 and a message that names the
 * parameter and what is expected. An empty value ({@code ticker=}) counts as absent, so a form can
 * send its empty fields.
 */
final class QueryParameters {

  /** Largest {@code limit} of a list. */
  public static final int MAX_LIMIT = 1000;
  /** {@code limit} when none is given. */
  public static final int DEFAULT_LIMIT = 100;

  private final Map<String, List<String>> values;

  public QueryParameters(Map<String, List<String>> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * Refuses parameters outside {@code allowed}.
   *
   * @throws ApiException 400 naming the first unknown parameter and the known ones
   */
  public QueryParameters allowOnly(Set<String> allowed) {
    for (String name : new TreeSet<>(values.keySet())) {
      if (!allowed.contains(name)) {
        throw ApiException.badRequest("unknown query parameter '" + name + "'; expected "
            + (allowed.isEmpty() ? "none" : "one of: " + String.join(", ", new TreeSet<>(allowed))));
      }
    }
    return this;
  }

  /** The value of {@code name}; empty when absent or blank. */
  public Optional<String> get(String name) {
    List<String> given = values.get(name);
    if (given == null || given.isEmpty()) {
      return Optional.empty();
    }
    if (given.size() > 1) {
      throw ApiException.badRequest(name + " is given " + given.size() + " times; expected at most once");
    }
    String value = given.get(0).trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** {@code limit}: a whole number from 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
  public int limit() {
    Optional<String> given = get("limit");
    if (given.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(given.get());
    } catch (NumberFormatException e) {
      limit = 0;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + given.get() + "'");
    }
    return limit;
  }

  /** {@code from} and {@code to}, see {@link TimeRange#parse}. */
  public TimeRange range() {
    return TimeRange.parse(get("from"), get("to"));
  }

  /** {@code name} as a ticker symbol (upper case: {@code META}, {@code BRK.B}), if given. */
  public Optional<String> ticker(String name) {
    Optional<String> ticker = get(name);
    ticker.ifPresent(t -> {
      if (!RoutingKeys.isSymbol(t)) {
        throw ApiException.badRequest(name + " must be an upper-case ticker symbol such as META, not '" + t + "'");
      }
    });
    return ticker;
  }

  /** {@code name} as one of {@code choices}, in any case; the choices are listed in lower case. */
  public <E extends Enum<E>> Optional<E> choice(String name, Class<E> choices) {
    Optional<String> given = get(name);
    if (given.isEmpty()) {
      return Optional.empty();
    }
    for (E e : choices.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(given.get())) {
        return Optional.of(e);
      }
    }
    List<String> names = Arrays.stream(choices.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    throw ApiException.badRequest(name + " must be one of " + String.join(", ", names) + ", not '" + given.get() + "'");
  }
}
