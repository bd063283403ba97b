package dev.layoffsignals.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GazetteerTest {

  private static final CompanyGazetteer GAZETTEER = CompanyGazetteer.loadDefault();

  private static String canonical(String name) {
    return GAZETTEER.lookup(name).map(Company::canonicalName).orElse(null);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Google | Alphabet",
        "Alphabet Inc. | Alphabet",
        "Facebook | Meta",
        "Meta Platforms, Inc. | Meta",
        "AWS | Amazon",
        "Amazon Web Services | Amazon",
        "Twitch | Amazon",
        "Snapchat | Snap",
        "Square | Block",
        "Cash App | Block",
        "X Corp | Twitter",
        "LinkedIn | Microsoft",
        "Activision Blizzard | Microsoft",
        "Instagram | Meta",
        "Reality Labs | Meta",
        "TikTok | ByteDance",
        "Bytedance | ByteDance",
        "VMware | Broadcom",
        "Cerner | Oracle",
        "Indeed + Glassdoor | Recruit Holdings",
        "Applied Material | Applied Materials",
        "Stone | StoneCo",
        "BYJU'S | Byju's",
        "société générale des ZOOM VIDEO COMMUNICATIONS | ",
        "ZOOM VIDEO COMMUNICATIONS | Zoom",
        "Dassault Systemes | Dassault Systèmes",
        "dassault systèmes | Dassault Systèmes",
      })
  void lookupResolvesAliasesFormerNamesAndDatasetSpellings(String name, String expected) {
    assertThat(canonical(name)).isEqualTo(expected);
  }

  @Test
  void lookupIgnoresBlankAndUnknownNames() {
    assertThat(GAZETTEER.lookup("")).isEmpty();
    assertThat(GAZETTEER.lookup(null)).isEmpty();
    assertThat(GAZETTEER.lookup("Acme Widgets of Nowhere")).isEmpty();
  }

  @Test
  void companyRecordCarriesTickerExchangeSectorAndAliases() {
    Company block = GAZETTEER.lookup("Block").orElseThrow();
    assertThat(block.ticker()).isEqualTo("XYZ");
    assertThat(block.exchange()).isEqualTo("NYSE");
    assertThat(block.sector()).isEqualTo("Fintech");
    assertThat(block.aliases()).contains("Square", "Cash App");
    Company twitter = GAZETTEER.lookup("Twitter").orElseThrow();
    assertThat(twitter.ticker()).isNull();
    assertThat(twitter.isListed()).isFalse();
  }

  @Test
  void coversAtLeastOneHundredFiftyCompaniesWithKnownSectors() {
    assertThat(GAZETTEER.size()).isGreaterThanOrEqualTo(150);
    for (Company c : GAZETTEER.companies()) {
      assertThat(Sector.NAMES).as(c.canonicalName()).contains(c.sector());
      if (c.ticker() != null) {
        assertThat(c.ticker()).as(c.canonicalName()).matches("[0-9A-Z.\\-]{1,15}");
        assertThat(c.exchange()).as(c.canonicalName()).isNotNull();
      }
    }
  }

  @Test
  void everyCompanyOfLayoffsCsvWithAThousandOrMoreLaidOffResolves() throws IOException {
    List<String> missing = new ArrayList<>();
    TreeSet<String> checked = new TreeSet<>();
    // the data set the project ships (data/historical), read where it is rather than copied
    Path shipped = Path.of("..", "data", "historical", "layoffs.csv");
    {
      assertThat(shipped).as("the shipped layoffs.fyi export").isRegularFile();
      List<String> lines = Files.readAllLines(shipped, StandardCharsets.UTF_8);
      List<String> header = parseCsvLine(lines.get(0));
      int company = header.indexOf("company");
      int total = header.indexOf("total_laid_off");
      for (String line : lines.subList(1, lines.size())) {
        List<String> row = parseCsvLine(line);
        String laidOff = row.get(total);
        if (!laidOff.isEmpty()
            && Double.parseDouble(laidOff) >= 1000
            && checked.add(row.get(company))) {
          if (GAZETTEER.lookup(row.get(company)).isEmpty()) {
            missing.add(row.get(company));
          }
        }
      }
    }
    assertThat(checked).hasSize(109);
    assertThat(missing).isEmpty();
  }

  @Test
  void ambiguousAliasesMatchInRunningTextOnlyWithTheirCapital() {
    assertThat(
            ExtractorTestSupport.extractBody("The block will lay off 500 workers, the union said."))
        .isEmpty();
    assertThat(ExtractorTestSupport.extractBody("A meta analysis says firms cut 500 jobs."))
        .isEmpty();
    assertThat(ExtractorTestSupport.extractBody("Block will lay off 500 workers."))
        .extracting(LayoffMention::companyName)
        .containsExactly("Block");
    assertThat(
            ExtractorTestSupport.extractBody(
                "Un plaid et une orange : la boîte va supprimer 50 postes."))
        .isEmpty();
  }

  @Test
  void userFileAddsCompaniesAndReplacesKnownOnes(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mine.tsv");
    Files.writeString(
        file,
        "# my companies\n"
            + "Acme Cloud\tACME\tNASDAQ\tSoftware\tAcme|=AC\n"
            + "Twitter\t\t\tInternet\tX Corp|=X\n");
    CompanyGazetteer extended = GAZETTEER.withExtensions(file);
    assertThat(extended.size()).isEqualTo(GAZETTEER.size() + 1);
    assertThat(extended.lookup("acme").map(Company::ticker)).isEqualTo(Optional.of("ACME"));
    assertThat(extended.lookup("X").map(Company::canonicalName)).isEqualTo(Optional.of("Twitter"));
    assertThat(GAZETTEER.lookup("Acme")).isEmpty();
    List<LayoffMention> found =
        new LayoffExtractor(extended)
            .extract(Article.of("a", "", "Acme Cloud will lay off 120 employees."));
    assertThat(found).extracting(LayoffMention::companyName).containsExactly("Acme Cloud");
  }

  @Test
  void malformedUserLineIsReportedWithItsLine() {
    assertThatThrownBy(
            () ->
                CompanyGazetteer.read(
                    new StringReader("Ok\tOK\tNYSE\tSoftware\t\nBad line\n"), "mine.tsv"))
        .isInstanceOf(GazetteerFormatException.class)
        .hasMessage(
            "mine.tsv:2: expected 4 or 5 TAB-separated columns (name, ticker, exchange, sector, aliases), got 1");
    assertThatThrownBy(
            () -> CompanyGazetteer.read(new StringReader("Acme\t\t\tWidgets\t\n"), "mine.tsv"))
        .isInstanceOf(GazetteerFormatException.class)
        .hasMessageStartingWith("mine.tsv:1: unknown sector 'Widgets'");
  }

  /** Minimal RFC 4180 reader: quoted fields may hold commas and doubled quotes. */
  private static List<String> parseCsvLine(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }
}
