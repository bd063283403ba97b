package dev.layoffsignals.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layoffsignals.schemas.AnnouncementSource;
import dev.layoffsignals.schemas.HeadcountQualifier;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.LayoffReason;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionSession;
import dev.layoffsignals.schemas.ReactionStatus;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.ReturnModel;
import dev.layoffsignals.schemas.SourceKind;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.schemas.WindowDimension;
import dev.layoffsignals.schemas.WindowMember;
import dev.layoffsignals.schemas.WindowPeriod;
import dev.layoffsignals.schemas.WindowStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Records to JSON, compared as compact JSON text: field names and order as in the schema, and the
 * exact rendering of every type.
 */
class AvroJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static MarketReaction metaReaction() {
    return MarketReaction.newBuilder()
        .setAnnouncementId("lfyi-5f0c2a7d9b1e4c38")
        .setCompany("Meta")
        .setTicker("META")
        .setSector(null)
        .setAnnouncedAt(Instant.parse("2022-11-09T05:00:00Z"))
        .setHeadcount(11000)
        .setBenchmark("QQQ")
        .setDay0(LocalDate.of(2022, 11, 9))
        .setStatus(ReactionStatus.FINAL)
        .setModel(ReturnModel.MARKET_MODEL)
        .setAlpha(-0.0021)
        .setBeta(Double.NaN)
        .setEstimationReturns(120)
        .setReferenceClose(95.80079650878906)
        .setDay0Return(0.05182)
        .setDay0BenchmarkReturn(-0.0231)
        .setCarM1P1(Double.POSITIVE_INFINITY)
        .setCar00(0.0922)
        .setCar0P1(null)
        .setCar0P5(null)
        .setRawReturn0P5(null)
        .setSessions(List.of(
            new ReactionSession(-1, LocalDate.of(2022, 11, 8), 95.80079650878906, 0.0088, 0.0108, -0.0012),
            new ReactionSession(0, LocalDate.of(2022, 11, 9), null, null, Double.NEGATIVE_INFINITY, null)))
        .setAsOf(Instant.parse("2022-11-16T21:00:00.250Z"))
        .build();
  }

  @Test
  void marketReactionFieldByField() throws Exception {
    JsonNode expected = JSON.readTree("""
        {"announcement_id":"lfyi-5f0c2a7d9b1e4c38","company":"Meta","ticker":"META","sector":null,
         "announced_at":"2022-11-09T05:00:00Z","headcount":11000,"benchmark":"QQQ","day0":"2022-11-09",
         "status":"FINAL","model":"MARKET_MODEL","alpha":-0.0021,"beta":null,"estimation_returns":120,
         "reference_close":95.80079650878906,"day0_return":0.05182,"day0_benchmark_return":-0.0231,
         "car_m1_p1":null,"car_0_0":0.0922,"car_0_p1":null,"car_0_p5":null,"raw_return_0_p5":null,
         "sessions":[
           {"offset":-1,"date":"2022-11-08","close":95.80079650878906,"symbol_return":0.0088,"benchmark_return":0.0108,"abnormal_return":-0.0012},
           {"offset":0,"date":"2022-11-09","close":null,"symbol_return":null,"benchmark_return":null,"abnormal_return":null}],
         "as_of":"2022-11-16T21:00:00.250Z"}
        """);

    JsonNode actual = AvroJson.toJson(metaReaction());

    assertThat(actual.toString()).isEqualTo(expected.toString());
    // field order is the schema's
    assertThat(actual.fieldNames()).toIterable().containsExactlyElementsOf(
        MarketReaction.getClassSchema().getFields().stream().map(Schema.Field::name).toList());
  }

  @Test
  void reactionWindowWithNestedMembersAndLongs() throws Exception {
    ReactionWindow window = ReactionWindow.newBuilder()
        .setDimension(WindowDimension.SECTOR)
        .setDimensionValue("Internet")
        .setPeriod(WindowPeriod.MONTH)
        .setWindowStart(Instant.parse("2022-11-01T04:00:00Z"))
        .setWindowEnd(Instant.parse("2022-12-01T05:00:00Z"))
        .setStatus(WindowStatus.PROVISIONAL)
        .setAnnouncementCount(3)
        .setTotalHeadcount(12_000_000_000L)
        .setWithHeadcount(2)
        .setReactionCount(1)
        .setMeanCar0P1(0.0518)
        .setMedianCar0P1(null)
        .setMeanCar0P5(Double.NaN)
        .setMedianCar0P5(null)
        .setNegativeCar0P1Share(0.0)
        .setHeadcountWeightedCar0P5(null)
        .setLargest(List.of(new WindowMember("lfyi-1", "Meta", "META", 11000), new WindowMember("lfyi-2", "Stripe", null, 1100)))
        .setAsOf(Instant.parse("2022-11-16T21:00:00Z"))
        .build();

    JsonNode expected = JSON.readTree("""
        {"dimension":"SECTOR","dimension_value":"Internet","period":"MONTH",
         "window_start":"2022-11-01T04:00:00Z","window_end":"2022-12-01T05:00:00Z","status":"PROVISIONAL",
         "announcement_count":3,"total_headcount":12000000000,"with_headcount":2,"reaction_count":1,
         "mean_car_0_p1":0.0518,"median_car_0_p1":null,"mean_car_0_p5":null,"median_car_0_p5":null,
         "negative_car_0_p1_share":0.0,"headcount_weighted_car_0_p5":null,
         "largest":[{"announcement_id":"lfyi-1","company":"Meta","ticker":"META","headcount":11000},
                    {"announcement_id":"lfyi-2","company":"Stripe","ticker":null,"headcount":1100}],
         "as_of":"2022-11-16T21:00:00Z"}
        """);

    assertThat(AvroJson.toJson(window).toString()).isEqualTo(expected.toString());
    assertThat(AvroJson.toJson(window).get("total_headcount").isLong()).isTrue();
  }

  @Test
  void announcementWithEnumUnionAndEnumArray() throws Exception {
    LayoffAnnouncement a = new LayoffAnnouncement("art-1#meta", "Meta", "META", "Internet",
        Instant.parse("2022-11-09T12:31:07Z"), TimePrecision.INSTANT, 11000, HeadcountQualifier.APPROX, 13.0,
        "Reality Labs", List.of(LayoffReason.COST_CUTTING, LayoffReason.OVER_HIRING), "Meta cuts 11,000 jobs.", 0.93,
        List.of(new AnnouncementSource("art-1", SourceKind.ARTICLE, "https://example.com/a", Instant.parse("2022-11-09T12:31:07Z"))),
        1, 2);

    JsonNode expected = JSON.readTree("""
        {"announcement_id":"art-1#meta","company":"Meta","ticker":"META","sector":"Internet",
         "announced_at":"2022-11-09T12:31:07Z","time_precision":"INSTANT","headcount":11000,"headcount_qualifier":"APPROX",
         "workforce_pct":13.0,"division":"Reality Labs","reasons":["COST_CUTTING","OVER_HIRING"],
         "evidence":"Meta cuts 11,000 jobs.","confidence":0.93,
         "sources":[{"source_id":"art-1","kind":"ARTICLE","url":"https://example.com/a","published_at":"2022-11-09T12:31:07Z"}],
         "source_count":1,"version":2}
        """);

    assertThat(AvroJson.toJson(a).toString()).isEqualTo(expected.toString());
    a.setHeadcountQualifier(null);
    assertThat(AvroJson.toJson(a).get("headcount_qualifier").isNull()).isTrue();
  }

  @Test
  void genericRecordsHoldTheUnderlyingLongsAndInts() throws Exception {
    Schema schema = new Schema.Parser().parse("""
        {"type":"record","name":"G","namespace":"t","fields":[
          {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"day","type":{"type":"int","logicalType":"date"}},
          {"name":"maybe_day","type":["null",{"type":"int","logicalType":"date"}]},
          {"name":"kind","type":["null",{"type":"enum","name":"K","symbols":["A","B"]}]},
          {"name":"ratio","type":"float"},
          {"name":"flag","type":"boolean"},
          {"name":"raw","type":"bytes"},
          {"name":"tags","type":{"type":"map","values":"long"}},
          {"name":"plain","type":"long"}]}
        """);
    GenericRecord r = new GenericData.Record(schema);
    r.put("at", 1_667_970_000_000L);
    r.put("day", (int) LocalDate.of(2022, 11, 9).toEpochDay());
    r.put("maybe_day", (int) LocalDate.of(2022, 11, 8).toEpochDay());
    r.put("kind", new GenericData.EnumSymbol(schema.getField("kind").schema().getTypes().get(1), "B"));
    r.put("ratio", Float.NaN);
    r.put("flag", true);
    r.put("raw", ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
    r.put("tags", Map.of("n", 7L));
    r.put("plain", 42L);

    JsonNode expected = JSON.readTree("""
        {"at":"2022-11-09T05:00:00Z","day":"2022-11-09","maybe_day":"2022-11-08","kind":"B","ratio":null,
         "flag":true,"raw":"aGk=","tags":{"n":7},"plain":42}
        """);

    assertThat(AvroJson.toJson(r).toString()).isEqualTo(expected.toString());
  }
}
