package dev.layoffsignals.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/announcements?ticker=&from=&to=&limit=}: announcements whose {@code announced_at}
 * is in the range, of one ticker or all, latest first, then by {@code announcement_id}.
 *
 * @param ticker the exact ticker, or empty for every announcement (with a ticker or not)
 * @param range the range of {@code announced_at}
 * @param limit the most items returned
 */
record AnnouncementQuery(Optional<String> ticker, TimeRange range, int limit)
    implements ListQuery<LayoffAnnouncement> {

  public static final Set<String> PARAMETERS = Set.of("ticker", "from", "to", "limit");

  /** From the request's parameters; 400 on a bad one. */
  public static AnnouncementQuery parse(QueryParameters parameters) {
    parameters.allowOnly(PARAMETERS);
    return new AnnouncementQuery(parameters.ticker("ticker"), parameters.range(), parameters.limit());
  }

  @Override
  public View view() {
    return View.ANNOUNCEMENTS;
  }

  @Override
  public boolean matches(LayoffAnnouncement a) {
    return (ticker.isEmpty() || ticker.get().equals(a.getTicker())) && range.contains(a.getAnnouncedAt());
  }

  @Override
  public Comparator<Ranked> order() {
    return Ranked.NEWEST_FIRST;
  }

  @Override
  public Ranked rank(JsonNode item) {
    return new Ranked(Instant.parse(item.path("announced_at").asText()).toEpochMilli(),
        item.path("announcement_id").asText(), item);
  }
}
