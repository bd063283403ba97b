package dev.layoffsignals.serde;

import dev.layoffsignals.schemas.AnnouncementSource;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.HeadcountQualifier;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.LayoffReason;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionSession;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.ReturnModel;
import dev.layoffsignals.schemas.SourceKind;
import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.schemas.TickKind;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.schemas.WindowDimension;
import dev.layoffsignals.schemas.WindowMember;
import dev.layoffsignals.schemas.WindowPeriod;
import dev.layoffsignals.schemas.WindowStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One instance of every schema with every optional field set, and one with every optional field
 * null (and every defaulted array empty), at fixed event times. Shared with the schema-registry
 * module's tests through the test jar.
 */
public final class SampleRecords {

  /** 2023-02-01T21:00:00Z: the Meta announcement after the close, used throughout. */
  public static final Instant ANNOUNCED_AT = Instant.parse("2023-02-01T21:00:00Z");

  private SampleRecords() {
  }

  /** (description, record) pairs: both variants of all five schemas. */
  public static Stream<Arguments> everySchemaFullAndEmpty() {
    return Stream.of(
        Arguments.of("Article with optional fields", articleFull()),
        Arguments.of("Article with null optional fields", articleEmpty()),
        Arguments.of("StockTick", stockTick()),
        Arguments.of("LayoffAnnouncement with optional fields", announcementFull()),
        Arguments.of("LayoffAnnouncement with null optional fields", announcementEmpty()),
        Arguments.of("MarketReaction with optional fields", reactionFull()),
        Arguments.of("MarketReaction with null optional fields", reactionEmpty()),
        Arguments.of("ReactionWindow with optional fields", windowFull()),
        Arguments.of("ReactionWindow with null optional fields", windowEmpty()));
  }

  /** The class of a sample, for the deserializer. */
  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> Class<T> classOf(T record) {
    return (Class<T>) record.getClass();
  }

  public static Article articleFull() {
    return Article.newBuilder()
        .setArticleId("a-1")
        .setPublishedAt(ANNOUNCED_AT)
        .setTitle("Meta to cut 10,000 jobs — « année de l'efficacité »")
        .setBody("Meta said on Tuesday it would cut about 10,000 jobs.")
        .setLanguage("en")
        .setUrl("https://example.com/meta-layoffs")
        .setSource("example-wire")
        .build();
  }

  public static Article articleEmpty() {
    return Article.newBuilder()
        .setArticleId("a-2")
        .setPublishedAt(ANNOUNCED_AT)
        .setTitle("")
        .setBody("")
        .build();
  }

  public static StockTick stockTick() {
    return StockTick.newBuilder()
        .setSymbol("META")
        .setTradedAt(Instant.parse("2023-02-01T21:00:00Z")) // 16:00 New York: the official close
        .setPrice(153.12)
        .setVolume(48_290_000L)
        .setKind(TickKind.CLOSE)
        .build();
  }

  public static LayoffAnnouncement announcementFull() {
    return LayoffAnnouncement.newBuilder()
        .setAnnouncementId("ann-1")
        .setCompany("Meta Platforms")
        .setTicker("META")
        .setSector("Communication Services")
        .setAnnouncedAt(ANNOUNCED_AT)
        .setTimePrecision(TimePrecision.INSTANT)
        .setHeadcount(10_000)
        .setHeadcountQualifier(HeadcountQualifier.APPROX)
        .setWorkforcePct(13.0)
        .setDivision("Reality Labs")
        .setReasons(List.of(LayoffReason.COST_CUTTING, LayoffReason.RESTRUCTURING))
        .setEvidence("Meta said it would cut about 10,000 jobs.")
        .setConfidence(0.93)
        .setSources(List.of(
            AnnouncementSource.newBuilder().setSourceId("a-1").setKind(SourceKind.ARTICLE)
                .setUrl("https://example.com/meta-layoffs").setPublishedAt(ANNOUNCED_AT).build(),
            AnnouncementSource.newBuilder().setSourceId("fyi-77").setKind(SourceKind.LAYOFFS_FYI)
                .setUrl(null).setPublishedAt(ANNOUNCED_AT.plusSeconds(3600)).build()))
        .setSourceCount(2)
        .setVersion(2)
        .build();
  }

  public static LayoffAnnouncement announcementEmpty() {
    return LayoffAnnouncement.newBuilder()
        .setAnnouncementId("ann-2")
        .setCompany("Unlisted Startup")
        .setAnnouncedAt(Instant.parse("2023-02-01T05:00:00Z")) // 00:00 New York: a date-only source
        .setTimePrecision(TimePrecision.DATE)
        .setConfidence(1.0)
        .build();
  }

  public static MarketReaction reactionFull() {
    return MarketReaction.newBuilder()
        .setAnnouncementId("ann-1")
        .setCompany("Meta Platforms")
        .setTicker("META")
        .setSector("Communication Services")
        .setAnnouncedAt(ANNOUNCED_AT)
        .setHeadcount(10_000)
        .setBenchmark("QQQ")
        .setDay0(LocalDate.of(2023, 2, 1))
        .setStatus(ReactionStatus.FINAL)
        .setModel(ReturnModel.MARKET_MODEL)
        .setAlpha(0.0004)
        .setBeta(1.21)
        .setEstimationReturns(120)
        .setReferenceClose(148.97)
        .setDay0Return(0.0279)
        .setDay0BenchmarkReturn(0.0203)
        .setCarM1P1(0.2150)
        .setCar00(0.0031)
        .setCar0P1(0.2080)
        .setCar0P5(0.2511)
        .setRawReturn0P5(0.2890)
        .setSessions(List.of(
            ReactionSession.newBuilder().setOffset(-1).setDate(LocalDate.of(2023, 1, 31)).setClose(148.97)
                .setSymbolReturn(0.0104).setBenchmarkReturn(0.0152).setAbnormalReturn(-0.0088).build(),
            ReactionSession.newBuilder().setOffset(0).setDate(LocalDate.of(2023, 2, 1)).setClose(153.12)
                .setSymbolReturn(0.0279).setBenchmarkReturn(0.0203).setAbnormalReturn(0.0031).build()))
        .setAsOf(Instant.parse("2023-02-08T21:00:00Z"))
        .build();
  }

  public static MarketReaction reactionEmpty() {
    return MarketReaction.newBuilder()
        .setAnnouncementId("ann-3")
        .setCompany("Tiny Corp")
        .setTicker("TINY")
        .setAnnouncedAt(ANNOUNCED_AT)
        .setBenchmark("QQQ")
        .setDay0(LocalDate.of(2023, 2, 1))
        .setStatus(ReactionStatus.PROVISIONAL)
        .setModel(ReturnModel.MARKET_ADJUSTED)
        .setAlpha(0.0)
        .setBeta(1.0)
        .setEstimationReturns(0)
        .setAsOf(ANNOUNCED_AT)
        .build();
  }

  public static ReactionWindow windowFull() {
    return ReactionWindow.newBuilder()
        .setDimension(WindowDimension.SECTOR)
        .setDimensionValue("Communication Services")
        .setPeriod(WindowPeriod.MONTH)
        .setWindowStart(Instant.parse("2023-02-01T05:00:00Z"))
        .setWindowEnd(Instant.parse("2023-03-01T05:00:00Z"))
        .setStatus(WindowStatus.FINAL)
        .setAnnouncementCount(3)
        .setTotalHeadcount(21_000L)
        .setWithHeadcount(2)
        .setReactionCount(2)
        .setMeanCar0P1(0.1010)
        .setMedianCar0P1(0.1010)
        .setMeanCar0P5(0.1200)
        .setMedianCar0P5(0.1200)
        .setNegativeCar0P1Share(0.5)
        .setHeadcountWeightedCar0P5(0.1800)
        .setLargest(List.of(
            WindowMember.newBuilder().setAnnouncementId("ann-9").setCompany("Alphabet").setTicker("GOOGL")
                .setHeadcount(12_000).build(),
            WindowMember.newBuilder().setAnnouncementId("ann-1").setCompany("Meta Platforms").setTicker(null)
                .setHeadcount(9_000).build()))
        .setAsOf(Instant.parse("2023-02-28T21:00:00Z"))
        .build();
  }

  public static ReactionWindow windowEmpty() {
    return ReactionWindow.newBuilder()
        .setDimension(WindowDimension.MARKET)
        .setDimensionValue("ALL")
        .setPeriod(WindowPeriod.WEEK)
        .setWindowStart(Instant.parse("2023-01-30T05:00:00Z"))
        .setWindowEnd(Instant.parse("2023-02-06T05:00:00Z"))
        .setStatus(WindowStatus.PROVISIONAL)
        .setAnnouncementCount(0)
        .setTotalHeadcount(0L)
        .setWithHeadcount(0)
        .setReactionCount(0)
        .setAsOf(Instant.parse("2023-01-30T05:00:00Z"))
        .build();
  }
}
