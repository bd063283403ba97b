package dev.layoffsignals.streams.events;

import dev.layoffsignals.schemas.LayoffAnnouncement;
import java.util.Objects;

/** One report of a layoff: a structured record, or what the extractor found in one article. */
public record Report(LayoffAnnouncement report) implements TickerEvent {

  public Report {
    Objects.requireNonNull(report, "report");
  }
}
