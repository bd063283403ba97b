package dev.layoffsignals.extractor;

import static dev.layoffsignals.extractor.ExtractorTestSupport.extract;
import static dev.layoffsignals.extractor.ExtractorTestSupport.extractBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownCompanyTest {

  @Test
  void unknownSubjectWithAFigureIsReportedWithoutTickerOrSector() {
    List<LayoffMention> found =
        extractBody("Acme Robotics will lay off 120 employees, about 30% of its staff.");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).companyName()).isEqualTo("Acme Robotics");
    assertThat(found.get(0).ticker()).isNull();
    assertThat(found.get(0).sector()).isNull();
    assertThat(found.get(0).headcount()).isEqualTo(120);
    assertThat(found.get(0).workforcePct()).isEqualTo(30.0);
  }

  @Test
  void frenchUnknownSubjectAfterADescriptor() {
    List<LayoffMention> found =
        extractBody("La start-up Zenchef va supprimer 40 postes, soit 20 % de ses effectifs.");
    assertThat(found).extracting(LayoffMention::companyName).containsExactly("Zenchef");
  }

  @Test
  void peopleWhoSayThingsAreNotCompanies() {
    assertThat(extractBody("Jassy said the company would cut 14,000 jobs.")).isEmpty();
  }

  @Test
  void knownCompanyOfTheHeadlineWinsOverAGuess() {
    List<LayoffMention> found =
        extract("Meta to cut jobs", "Zuckerberg will cut 5% of the workforce.");
    assertThat(found).extracting(LayoffMention::companyName).containsExactly("Meta");
  }

  @Test
  void unknownSubjectWithoutFigureIsNotAnnounced() {
    assertThat(extractBody("Acme Robotics is laying off staff.")).isEmpty();
  }

  @Test
  void unknownSubjectFollowedByAnApposition() {
    List<LayoffMention> found =
        extractBody(
            "Lydia, l'application de paiement, va se séparer de 80 % des effectifs "
                + "de sa filiale Sumeria.");
    assertThat(found).extracting(LayoffMention::companyName).containsExactly("Lydia");
    assertThat(found.get(0).workforcePct()).isEqualTo(80.0);
  }
}
