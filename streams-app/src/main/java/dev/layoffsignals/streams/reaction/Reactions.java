package dev.layoffsignals.streams.reaction;

import dev.layoffsignals.eventstudy.EventSession;
import dev.layoffsignals.eventstudy.Reaction;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionSession;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.ReturnModel;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** The event study's {@link Reaction} as the {@code MarketReaction} record of market-reactions. */
public final class Reactions {

  private Reactions() {
  }

  /**
   * The output record of a reaction. Built with setters on a new instance rather than Avro's
   * builder, which validates and copies field by field through Avro's generic code: this runs for
   * every reaction emitted, and every field is set.
   */
  public static MarketReaction toRecord(LayoffAnnouncement announcement, Reaction reaction, ReactionStatus status,
      String benchmark) {
    List<ReactionSession> sessions = new ArrayList<>(reaction.sessions().size());
    for (EventSession s : reaction.sessions()) {
      ReactionSession session = new ReactionSession();
      session.setOffset(s.offset());
      session.setDate(s.date());
      session.setClose(value(s.close()));
      session.setSymbolReturn(value(s.symbolReturn()));
      session.setBenchmarkReturn(value(s.benchmarkReturn()));
      session.setAbnormalReturn(value(s.abnormalReturn()));
      sessions.add(session);
    }
    MarketReaction r = new MarketReaction();
    r.setAnnouncementId(announcement.getAnnouncementId());
    r.setCompany(announcement.getCompany());
    r.setTicker(announcement.getTicker());
    r.setSector(announcement.getSector());
    r.setAnnouncedAt(announcement.getAnnouncedAt());
    r.setHeadcount(announcement.getHeadcount());
    r.setBenchmark(benchmark);
    r.setDay0(reaction.day0());
    r.setStatus(status);
    r.setModel(ReturnModel.valueOf(reaction.model().kind().name()));
    r.setAlpha(reaction.model().alpha());
    r.setBeta(reaction.model().beta());
    r.setEstimationReturns(reaction.model().estimationReturns());
    r.setReferenceClose(reaction.referenceClose());
    r.setDay0Return(value(reaction.day0Return()));
    r.setDay0BenchmarkReturn(value(reaction.day0BenchmarkReturn()));
    r.setCarM1P1(value(reaction.carM1P1()));
    r.setCar00(value(reaction.car00()));
    r.setCar0P1(value(reaction.car0P1()));
    r.setCar0P5(value(reaction.car0P5()));
    r.setRawReturn0P5(value(reaction.rawReturn0P5()));
    r.setSessions(sessions);
    r.setAsOf(reaction.asOf());
    return r;
  }

  /** The settled status of a reaction the event study calls FINAL or INCOMPLETE. */
  public static ReactionStatus settledStatus(Reaction reaction) {
    return ReactionStatus.valueOf(reaction.status().name());
  }

  static Double value(OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }
}
