package dev.layoffsignals.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.WindowDimension;
import dev.layoffsignals.schemas.WindowPeriod;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/windows?dimension=&key=&period=&from=&to=&limit=}: the reaction windows of one
 * dimension whose {@code window_start} is in the range, earliest first, then by dimension, value
 * and period (the order of their keys).
 *
 * @param dimension ticker, sector or market (required)
 * @param key the ticker or sector, or empty for every value; always empty for the market
 * @param period week or month, or empty for both
 * @param range the range of {@code window_start}
 * @param limit the most items returned
 */
record WindowQuery(WindowDimension dimension, Optional<String> key, Optional<WindowPeriod> period, TimeRange range,
    int limit) implements ListQuery<ReactionWindow> {

  public static final Set<String> PARAMETERS = Set.of("dimension", "key", "period", "from", "to", "limit");
  /** The {@code dimension_value} of market-wide windows. */
  public static final String MARKET_KEY = "ALL";

  /** From the request's parameters; 400 on a bad one. */
  public static WindowQuery parse(QueryParameters parameters) {
    parameters.allowOnly(PARAMETERS);
    WindowDimension dimension = parameters.choice("dimension", WindowDimension.class)
        .orElseThrow(() -> ApiException.badRequest("dimension is required: one of ticker, sector, market"));
    Optional<String> key = switch (dimension) {
      case TICKER -> parameters.ticker("key");
      case SECTOR -> parameters.get("key");
      case MARKET -> {
        Optional<String> given = parameters.get("key");
        if (given.isPresent() && !given.get().equals(MARKET_KEY)) {
          throw ApiException.badRequest("key must be ALL or absent for dimension market, not '" + given.get() + "'");
        }
        yield Optional.empty();
      }
    };
    Optional<WindowPeriod> period = parameters.choice("period", WindowPeriod.class);
    return new WindowQuery(dimension, key, period, parameters.range(), parameters.limit());
  }

  @Override
  public View view() {
    return View.WINDOWS;
  }

  @Override
  public boolean matches(ReactionWindow w) {
    return w.getDimension() == dimension
        && (key.isEmpty() || key.get().equals(w.getDimensionValue()))
        && (period.isEmpty() || period.get() == w.getPeriod())
        && range.contains(w.getWindowStart());
  }

  @Override
  public Comparator<Ranked> order() {
    return Ranked.OLDEST_FIRST;
  }

  @Override
  public Ranked rank(JsonNode item) {
    String tie = item.path("dimension").asText() + "|" + item.path("dimension_value").asText() + "|"
        + item.path("period").asText();
    return new Ranked(Instant.parse(item.path("window_start").asText()).toEpochMilli(), tie, item);
  }
}
