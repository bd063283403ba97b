package dev.layoffsignals.streams.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.eventstudy.CloseHistory;
import dev.layoffsignals.schemas.AnnouncementSource;
import dev.layoffsignals.schemas.HeadcountQualifier;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.ReturnModel;
import dev.layoffsignals.schemas.SourceKind;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.schemas.WindowDimension;
import dev.layoffsignals.schemas.WindowPeriod;
import dev.layoffsignals.schemas.WindowStatus;
import dev.layoffsignals.streams.dedup.ReportSets;
import dev.layoffsignals.streams.events.Close;
import dev.layoffsignals.streams.events.MemberChange;
import dev.layoffsignals.streams.events.Report;
import dev.layoffsignals.streams.events.TickerEvent;
import dev.layoffsignals.streams.events.TickerEvents;
import dev.layoffsignals.streams.events.Watermark;
import dev.layoffsignals.streams.events.WindowEvent;
import dev.layoffsignals.streams.events.WindowEvents;
import dev.layoffsignals.streams.reaction.CloseHistories;
import dev.layoffsignals.streams.reaction.OpenAnnouncement;
import dev.layoffsignals.streams.reaction.OpenAnnouncements;
import dev.layoffsignals.streams.windows.CalendarWindow;
import dev.layoffsignals.streams.windows.Member;
import dev.layoffsignals.streams.windows.WindowAggregate;
import dev.layoffsignals.streams.windows.WindowRef;
import dev.layoffsignals.streams.windows.WindowState;
import dev.layoffsignals.streams.windows.WindowStates;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The binary formats of the internal topics and stores: round trips, and loud failures on bytes they do not know. */
class InternalSerdesTest {

  static final Instant T = Instant.parse("2022-11-09T05:00:00Z");
  static final WindowRef WEEK = new WindowRef(WindowDimension.SECTOR, "Internet",
      CalendarWindow.containing(WindowPeriod.WEEK, LocalDate.of(2022, 11, 9)));
  static final Member META = new Member("m1", "Meta", "META", 11_000, 0.07, null, false);

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("ticker event: close", TickerEvents.serde(), new Close("META", LocalDate.of(2022, 11, 9), 100.77)),
        Arguments.of("ticker event: report", TickerEvents.serde(), new Report(announcement())),
        Arguments.of("ticker event: watermark", TickerEvents.serde(), new Watermark(5, T.toEpochMilli())),
        Arguments.of("window event: member", WindowEvents.serde(), new MemberChange(WEEK, "m1", META, T)),
        Arguments.of("window event: member left", WindowEvents.serde(), MemberChange.left(WEEK, "m1")),
        Arguments.of("window event: watermark", WindowEvents.serde(), new Watermark(0, 0)),
        Arguments.of("report set", ReportSets.serde(), List.of(announcement(), announcement())),
        Arguments.of("close history", CloseHistories.serde(),
            CloseHistory.of(142, new int[] {19305, 19306, 19309}, new double[] {95.2, 96.0, 100.77})),
        Arguments.of("open announcements", OpenAnnouncements.serde(), List.of(
            new OpenAnnouncement(announcement(), null, null),
            new OpenAnnouncement(announcement(), reaction(), new OpenAnnouncement.Membership(List.of(WEEK),
                new Member("lfyi-1", "Meta", "META", 11_000, 0.07, null, false), T)))),
        Arguments.of("window state", WindowStates.serde(), new WindowState(WEEK,
            Map.of("m1", new WindowState.Entry(META, T)),
            WindowAggregate.of(WEEK.dimension(), WEEK.value(), WEEK.window(), List.of(META), WindowStatus.PROVISIONAL, T))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  @DisplayName("what is written is read back equal, behind format byte 1")
  <T> void roundTrip(String what, Serde<T> serde, T value) {
    byte[] bytes = serde.serializer().serialize("topic", value);

    assertThat(bytes[0]).isEqualTo((byte) 1);
    assertThat(serde.deserializer().deserialize("topic", bytes)).isEqualTo(value);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  @DisplayName("another format byte, or bytes cut short, fail with what was being read")
  <T> void unknownFormatAndTruncation(String what, Serde<T> serde, T value) {
    byte[] bytes = serde.serializer().serialize("topic", value);
    byte[] otherFormat = bytes.clone();
    otherFormat[0] = 2;
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1);
    byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);

    assertThatThrownBy(() -> serde.deserializer().deserialize("topic", otherFormat))
        .isInstanceOf(SerializationException.class).hasMessageStartingWith("Unknown format 2 of ")
        .hasMessageEndingWith("on topic (this version reads format 1)");
    assertThatThrownBy(() -> serde.deserializer().deserialize("topic", truncated))
        .isInstanceOf(SerializationException.class).hasMessageStartingWith("Malformed ");
    assertThatThrownBy(() -> serde.deserializer().deserialize("topic", trailing))
        .isInstanceOf(SerializationException.class).hasMessageStartingWith("Malformed ");
  }

  @Test
  @DisplayName("null is written and read as null (tombstones, deleted entries)")
  void nulls() {
    Serde<TickerEvent> serde = TickerEvents.serde();
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  @DisplayName("an unknown event kind is rejected, not misread")
  void unknownKind() {
    Serde<WindowEvent> serde = WindowEvents.serde();
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 9}))
        .isInstanceOf(SerializationException.class).hasMessage("Malformed window event: unknown event kind 9");
  }

  static LayoffAnnouncement announcement() {
    return LayoffAnnouncement.newBuilder()
        .setAnnouncementId("lfyi-1").setCompany("Meta").setTicker("META").setSector("Internet")
        .setAnnouncedAt(T).setTimePrecision(TimePrecision.DATE).setHeadcount(11_000)
        .setHeadcountQualifier(HeadcountQualifier.EXACT).setWorkforcePct(13.0).setConfidence(1.0)
        .setSources(new ArrayList<>(List.of(AnnouncementSource.newBuilder().setSourceId("lfyi-1")
            .setKind(SourceKind.LAYOFFS_FYI).setUrl("https://example/1").setPublishedAt(T).build())))
        .build();
  }

  static MarketReaction reaction() {
    return MarketReaction.newBuilder()
        .setAnnouncementId("lfyi-1").setCompany("Meta").setTicker("META").setAnnouncedAt(T).setBenchmark("QQQ")
        .setDay0(LocalDate.of(2022, 11, 9)).setStatus(ReactionStatus.PROVISIONAL).setModel(ReturnModel.MARKET_MODEL)
        .setAlpha(0.001).setBeta(1.2).setEstimationReturns(120).setDay0Return(0.0518).setAsOf(T)
        .build();
  }

}
