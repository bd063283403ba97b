package dev.layoffsignals.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layoffsignals.schemas.MarketReaction;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/reactions?ticker=&from=&to=&limit=}: market reactions whose {@code day0} (taken as
 * 00:00 New York of that date) is in the range, of one ticker or all, latest day 0 first, then by
 * {@code announcement_id}.
 *
 * @param ticker the exact ticker, or empty for every reaction
 * @param range the range of {@code day0}
 * @param limit the most items returned
 */
record ReactionQuery(Optional<String> ticker, TimeRange range, int limit) implements ListQuery<MarketReaction> {

  public static final Set<String> PARAMETERS = Set.of("ticker", "from", "to", "limit");

  /** From the request's parameters; 400 on a bad one. */
  public static ReactionQuery parse(QueryParameters parameters) {
    parameters.allowOnly(PARAMETERS);
    return new ReactionQuery(parameters.ticker("ticker"), parameters.range(), parameters.limit());
  }

  @Override
  public View view() {
    return View.REACTIONS;
  }

  @Override
  public boolean matches(MarketReaction r) {
    return (ticker.isEmpty() || ticker.get().equals(r.getTicker())) && range.contains(r.getDay0());
  }

  @Override
  public Comparator<Ranked> order() {
    return Ranked.NEWEST_FIRST;
  }

  @Override
  public Ranked rank(JsonNode item) {
    return new Ranked(LocalDate.parse(item.path("day0").asText()).toEpochDay(), item.path("announcement_id").asText(), item);
  }
}
