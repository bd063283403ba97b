package dev.layoffsignals.producers.layoffs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.layoffsignals.producers.BadInputException;
import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.Rejects;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GazetteerResolverTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("the extractor's gazetteer: aliases and legal suffixes resolve to the canonical company, ticker and sector")
  void builtIn() {
    CompanyResolver r = GazetteerResolver.load(null);

    assertThat(r.resolve("Meta")).contains(new CompanyResolver.KnownCompany("Meta", "META", "Internet"));
    assertThat(r.resolve("Facebook")).contains(new CompanyResolver.KnownCompany("Meta", "META", "Internet"));
    assertThat(r.resolve("Google")).map(CompanyResolver.KnownCompany::ticker).contains("GOOGL");
    assertThat(r.resolve("Some Startup Nobody Knows")).isEmpty();
  }

  @Test
  @DisplayName("the Meta row of 11/9/2022: company, ticker and sector from the gazetteer, figures from the row")
  void metaRow() throws IOException {
    String csv = LayoffsFyiSourceTest.HEADER
        + "Meta,SF Bay Area,11000.0,11/9/2022,0.13,Consumer,https://www.cnbc.com/x,Post-IPO,26000,United States,11/9/2022\n";
    try (LayoffsFyiSource s = new LayoffsFyiSource("l.csv", new StringReader(csv), GazetteerResolver.load(null), Rejects.collecting())) {
      Event e = s.next();
      LayoffAnnouncement a = (LayoffAnnouncement) e.value();
      assertThat(a.getCompany()).isEqualTo("Meta");
      assertThat(a.getTicker()).isEqualTo("META");
      assertThat(a.getSector()).isEqualTo("Internet");
      assertThat(a.getHeadcount()).isEqualTo(11000);
      assertThat(a.getWorkforcePct()).isEqualTo(13.0);
    }
  }

  @Test
  @DisplayName("a user file adds companies; a missing one is bad input")
  void userFile() throws IOException {
    Path extra = Files.writeString(dir.resolve("extra.tsv"), "Acme Robotics\tACME\tNYSE\tHardware\tAcme\n");
    CompanyResolver r = GazetteerResolver.load(extra);

    assertThat(r.resolve("Acme")).isEqualTo(Optional.of(new CompanyResolver.KnownCompany("Acme Robotics", "ACME", "Hardware")));
    assertThat(r.resolve("Meta")).map(CompanyResolver.KnownCompany::ticker).contains("META");
    assertThatThrownBy(() -> GazetteerResolver.load(dir.resolve("none.tsv")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("none.tsv");
  }
}
