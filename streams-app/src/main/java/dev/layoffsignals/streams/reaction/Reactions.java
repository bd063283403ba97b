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

  public static MarketReaction toRecord(LayoffAnnouncement announcement, Reaction reaction, ReactionStatus status,
      String benchmark) {
    List<ReactionSession> sessions = new ArrayList<>(reaction.sessions().size());
    for (EventSession s : reaction.sessions()) {
      sessions.add(ReactionSession.newBuilder()
          .setOffset(s.offset())
          .setDate(s.date())
          .setClose(value(s.close()))
          .setSymbolReturn(value(s.symbolReturn()))
          .setBenchmarkReturn(value(s.benchmarkReturn()))
          .setAbnormalReturn(value(s.abnormalReturn()))
          .build());
    }
    return MarketReaction.newBuilder()
        .setAnnouncementId(announcement.getAnnouncementId())
        .setCompany(announcement.getCompany())
        .setTicker(announcement.getTicker())
        .setSector(announcement.getSector())
        .setAnnouncedAt(announcement.getAnnouncedAt())
        .setHeadcount(announcement.getHeadcount())
        .setBenchmark(benchmark)
        .setDay0(reaction.day0())
        .setStatus(status)
        .setModel(ReturnModel.valueOf(reaction.model().kind().name()))
        .setAlpha(reaction.model().alpha())
        .setBeta(reaction.model().beta())
        .setEstimationReturns(reaction.model().estimationReturns())
        .setReferenceClose(reaction.referenceClose())
        .setDay0Return(value(reaction.day0Return()))
        .setDay0BenchmarkReturn(value(reaction.day0BenchmarkReturn()))
        .setCarM1P1(value(reaction.carM1P1()))
        .setCar00(value(reaction.car00()))
        .setCar0P1(value(reaction.car0P1()))
        .setCar0P5(value(reaction.car0P5()))
        .setRawReturn0P5(value(reaction.rawReturn0P5()))
        .setSessions(sessions)
        .setAsOf(reaction.asOf())
        .build();
  }

  /** The settled status of a reaction the event study calls FINAL or INCOMPLETE. */
  public static ReactionStatus settledStatus(Reaction reaction) {
    return ReactionStatus.valueOf(reaction.status().name());
  }

  static Double value(OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }
}
