package dev.layoffsignals.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExtractCommandTest {

  private static final String META_JSON =
      "{\"id\": \"en-meta\", \"lang\": \"en\", \"published_at\": \"2022-11-09T12:05:00Z\", "
          + "\"title\": \"Meta to cut 11,000 jobs\", \"body\": \"Meta said it will lay off more than 11,000 employees, "
          + "about 13% of its workforce. Shares rose 5%.\"}";
  private static final String TRAP_JSON =
      "{\"id\": \"trap\", \"lang\": \"fr\", \"title\": \"Capgemini recrute\", "
          + "\"body\": \"Capgemini prévoit de recruter 5 000 personnes.\"}";

  private final ObjectMapper mapper = new ObjectMapper();

  private record Result(int exitCode, List<JsonNode> lines, String err) {}

  private Result run(String stdin, String... args) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd =
        new CommandLine(
            new ExtractCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().lines().toList()) {
      lines.add(mapper.readTree(line));
    }
    return new Result(code, lines, err.toString());
  }

  @Test
  void jsonLinesFileGivesOneObjectPerAnnouncementWithExactlyTheContractFields(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("articles.jsonl");
    Files.writeString(file, META_JSON + "\n\n" + TRAP_JSON + "\n");
    Result r = run("", file.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.lines()).hasSize(1);
    JsonNode m = r.lines().get(0);
    List<String> fields = new ArrayList<>();
    Iterator<String> it = m.fieldNames();
    it.forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "article_id",
            "company",
            "ticker",
            "sector",
            "headcount",
            "headcount_qualifier",
            "workforce_pct",
            "division",
            "reasons",
            "evidence",
            "confidence");
    assertThat(m.get("article_id").asText()).isEqualTo("en-meta");
    assertThat(m.get("company").asText()).isEqualTo("Meta");
    assertThat(m.get("ticker").asText()).isEqualTo("META");
    assertThat(m.get("sector").asText()).isEqualTo("Internet");
    assertThat(m.get("headcount").asInt()).isEqualTo(11000);
    assertThat(m.get("headcount_qualifier").asText()).isEqualTo("AT_LEAST");
    assertThat(m.get("workforce_pct").asDouble()).isEqualTo(13.0);
    assertThat(m.get("division").isNull()).isTrue();
    assertThat(m.get("reasons").isArray()).isTrue();
    assertThat(m.get("evidence").asText())
        .isEqualTo(
            "Meta said it will lay off more than 11,000 employees, about 13% of its workforce.");
    assertThat(m.get("confidence").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void plainTextFileUsesItsFileNameAsArticleIdAndDetectsFrench(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("spotify.txt");
    Files.writeString(
        file,
        "Spotify supprime 17 % de ses effectifs\n\n"
            + "Spotify va supprimer environ 1\u00a0500 postes, soit 17 % de ses effectifs. Le titre gagnait 7 %.\n");
    Result r = run("", file.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.lines()).hasSize(1);
    assertThat(r.lines().get(0).get("article_id").asText()).isEqualTo("spotify.txt");
    assertThat(r.lines().get(0).get("headcount").asInt()).isEqualTo(1500);
    assertThat(r.lines().get(0).get("headcount_qualifier").asText()).isEqualTo("APPROX");
    assertThat(r.lines().get(0).get("ticker").asText()).isEqualTo("SPOT");
  }

  @Test
  void noFileReadsJsonLinesFromStandardInput() throws IOException {
    Result r = run(META_JSON + "\n" + TRAP_JSON + "\n");
    assertThat(r.exitCode()).isZero();
    assertThat(r.lines()).extracting(n -> n.get("article_id").asText()).containsExactly("en-meta");
  }

  @Test
  void noFileReadsAPlainTextArticleFromStandardInput() throws IOException {
    Result r = run("Intel will cut more than 15% of its workforce, or roughly 15,000 positions.\n");
    assertThat(r.exitCode()).isZero();
    assertThat(r.lines()).hasSize(1);
    assertThat(r.lines().get(0).get("article_id").asText()).isEqualTo("stdin");
    assertThat(r.lines().get(0).get("headcount").asInt()).isEqualTo(15000);
    assertThat(r.lines().get(0).get("workforce_pct").asDouble()).isEqualTo(15.0);
  }

  @Test
  void badLineIsReportedWithFileAndLineAndTheRestIsStillProcessed(@TempDir Path dir)
      throws IOException {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, META_JSON + "\n{not json\n{\"title\": \"no id\"}\n");
    Path good = dir.resolve("good.txt");
    Files.writeString(good, "Dropbox said it would cut 528 employees, about 20% of its workforce.");
    Result r = run("", bad.toString(), good.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.lines())
        .extracting(n -> n.get("article_id").asText())
        .containsExactly("en-meta", "good.txt");
    List<String> errors = r.err().lines().toList();
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).startsWith(bad + ":2: not valid JSON");
    assertThat(errors.get(1)).isEqualTo(bad + ":3: missing string field 'id'");
  }

  @Test
  void missingFileIsReportedAndOtherFilesStillProcessed(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("missing.jsonl");
    Path good = dir.resolve("good.jsonl");
    Files.writeString(good, META_JSON + "\n");
    Result r = run("", missing.toString(), good.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(missing + ": cannot read: no such file");
    assertThat(r.lines()).hasSize(1);
  }

  @Test
  void userGazetteerOptionAddsCompanies(@TempDir Path dir) throws IOException {
    Path tsv = dir.resolve("extra.tsv");
    Files.writeString(tsv, "Acme Cloud\tACME\tNASDAQ\tSoftware\tAcme\n");
    Result r = run("Acme will lay off 120 employees.\n", "--gazetteer", tsv.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.lines()).extracting(n -> n.get("ticker").asText()).containsExactly("ACME");
  }
}
