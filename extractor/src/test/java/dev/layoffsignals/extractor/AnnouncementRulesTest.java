package dev.layoffsignals.extractor;

import static dev.layoffsignals.extractor.ExtractorTestSupport.extract;
import static dev.layoffsignals.extractor.ExtractorTestSupport.extractBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Figures, shares, round-ups, divisions, reasons and evidence of real announcements. */
class AnnouncementRulesTest {

  private static LayoffMention only(List<LayoffMention> found) {
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void headcountQualifierAndShareFromOneSentence() {
    LayoffMention m =
        only(
            extractBody(
                "Meta Platforms said it will lay off more than 11,000 employees, "
                    + "about 13% of its workforce."));
    assertThat(m.companyName()).isEqualTo("Meta");
    assertThat(m.ticker()).isEqualTo("META");
    assertThat(m.sector()).isEqualTo("Internet");
    assertThat(m.headcount()).isEqualTo(11000);
    assertThat(m.headcountQualifier()).isEqualTo(HeadcountQualifier.AT_LEAST);
    assertThat(m.workforcePct()).isEqualTo(13.0);
    assertThat(m.evidence())
        .isEqualTo(
            "Meta Platforms said it will lay off more than 11,000 employees, "
                + "about 13% of its workforce.");
  }

  @Test
  void frenchFiguresWithNoBreakSpaces() {
    LayoffMention m =
        only(
            extractBody(
                "Zoom va licencier environ 1\u202f300 salariés, soit près de 15\u00a0% de ses effectifs."));
    assertThat(m.headcount()).isEqualTo(1300);
    assertThat(m.headcountQualifier()).isEqualTo(HeadcountQualifier.APPROX);
    assertThat(m.workforcePct()).isEqualTo(15.0);
  }

  @Test
  void shareFromTheNextSentenceWithoutCompanyName() {
    LayoffMention m =
        only(
            extractBody(
                "Microsoft will reduce its workforce by 10,000 jobs. "
                    + "The cuts amount to less than 5% of the roughly 221,000 people the company employs."));
    assertThat(m.headcount()).isEqualTo(10000);
    assertThat(m.workforcePct()).isEqualTo(5.0);
  }

  @Test
  void percentageOnlyAnnouncementHasNoHeadcountNorQualifier() {
    LayoffMention m =
        only(extractBody("Salesforce said it would lay off about 10% of its employees."));
    assertThat(m.headcount()).isNull();
    assertThat(m.headcountQualifier()).isNull();
    assertThat(m.workforcePct()).isEqualTo(10.0);
  }

  @Test
  void fractionWordsAreWorkforceShares() {
    assertThat(only(extractBody("Twitter a licencié la moitié de ses effectifs.")).workforcePct())
        .isEqualTo(50.0);
    assertThat(only(extractBody("Unity va supprimer un quart de ses effectifs.")).workforcePct())
        .isEqualTo(25.0);
    assertThat(only(extractBody("Typeform is cutting a third of its staff.")).workforcePct())
        .isEqualTo(33.3);
    assertThat(only(extractBody("Peloton will lay off a quarter of its employees.")).workforcePct())
        .isEqualTo(25.0);
    assertThat(only(extractBody("Snap will halve its workforce.")).workforcePct()).isEqualTo(50.0);
  }

  @Test
  void vagueCountsGiveMagnitudeWithoutHeadcount() {
    LayoffMention m =
        only(extractBody("Google is laying off hundreds of employees in its hardware teams."));
    assertThat(m.headcount()).isNull();
    assertThat(m.headcountQualifier()).isEqualTo(HeadcountQualifier.HUNDREDS);
    m = only(extractBody("Oracle licencie des milliers de salariés."));
    assertThat(m.headcountQualifier()).isEqualTo(HeadcountQualifier.THOUSANDS);
  }

  @Test
  void numberInWordsIsAHeadcount() {
    LayoffMention m = only(extractBody("Zalando va supprimer environ deux cents postes."));
    assertThat(m.headcount()).isEqualTo(200);
    assertThat(m.headcountQualifier()).isEqualTo(HeadcountQualifier.APPROX);
    m = only(extractBody("Peloton will cut about four hundred jobs."));
    assertThat(m.headcount()).isEqualTo(400);
  }

  @Test
  void roundUpReportsEachCompany() {
    List<LayoffMention> found =
        extractBody(
            "Amazon will eliminate 9,000 more positions. "
                + "That came a week after Meta said it would cut 10,000 more jobs. "
                + "On Thursday, Accenture said it would lay off 19,000 people, about 2.5% of its staff.");
    assertThat(found)
        .extracting(LayoffMention::companyName)
        .containsExactly("Amazon", "Meta", "Accenture");
    assertThat(found).extracting(LayoffMention::headcount).containsExactly(9000, 10000, 19000);
    assertThat(found.get(2).workforcePct()).isEqualTo(2.5);
  }

  @Test
  void roundUpInOneSentenceGivesEachFigureToTheCompanyBeforeIt() {
    List<LayoffMention> found =
        extractBody(
            "Stripe is cutting 1,100 jobs while Lyft will lay off 683 people and Twitter dismissed about half of its staff.");
    assertThat(found)
        .extracting(LayoffMention::companyName)
        .containsExactly("Stripe", "Lyft", "Twitter");
    assertThat(found).extracting(LayoffMention::headcount).containsExactly(1100, 683, null);
    assertThat(found.get(2).workforcePct()).isEqualTo(50.0);
  }

  @Test
  void divisionFromGazetteerAlias() {
    LayoffMention m =
        only(extractBody("Amazon will cut several hundred jobs at AWS, its cloud unit."));
    assertThat(m.companyName()).isEqualTo("Amazon");
    assertThat(m.division()).isEqualTo("AWS");
    m = only(extractBody("Meta is laying off 600 people in Reality Labs."));
    assertThat(m.division()).isEqualTo("Reality Labs");
    m = only(extractBody("Amazon cuts hundreds of jobs in Prime Video and Amazon MGM Studios."));
    assertThat(m.division()).isEqualTo("Prime Video");
  }

  @Test
  void divisionFromWording() {
    assertThat(
            only(extractBody("Oracle licencie des centaines de salariés dans sa division cloud."))
                .division())
        .isEqualTo("cloud");
    assertThat(
            only(extractBody(
                    "Google a licencié des centaines de salariés de sa division « Plateformes et appareils »."))
                .division())
        .isEqualTo("Plateformes et appareils");
    assertThat(
            only(extractBody("Intel will lay off 500 people in its networking unit.")).division())
        .isEqualTo("networking");
  }

  @Test
  void reasonsFromTheArticleWithNegationRespected() {
    LayoffMention m =
        only(
            extractBody(
                "Block is laying off 931 employees as part of a reorganization. "
                    + "Dorsey said the cuts were not about replacing people with AI."));
    assertThat(m.reasons()).containsExactly(LayoffReason.RESTRUCTURING);
    m =
        only(
            extractBody(
                "Amazon will cut 14,000 roles as it leans on artificial intelligence to cut costs."));
    assertThat(m.reasons()).containsExactly(LayoffReason.AI_AUTOMATION, LayoffReason.COST_CUTTING);
    m =
        only(
            extractBody(
                "Dell plans to cut 6,650 jobs as it faces a sharp drop in demand for PCs."));
    assertThat(m.reasons()).containsExactly(LayoffReason.FALLING_DEMAND);
    m =
        only(
            extractBody(
                "Stripe is cutting 14% of its staff; Collison said the company had overhired."));
    assertThat(m.reasons()).containsExactly(LayoffReason.OVER_HIRING);
    m = only(extractBody("SAP va supprimer 3 000 postes dans le cadre d'une restructuration."));
    assertThat(m.reasons()).containsExactly(LayoffReason.RESTRUCTURING);
    m = only(extractBody("IBM will cut 3,900 jobs as part of asset divestments."));
    assertThat(m.reasons()).containsExactly(LayoffReason.OTHER);
  }

  @Test
  void companyNamedByProductOrFormerName() {
    assertThat(
            only(extractBody("La maison mère de Snapchat va licencier 10 % de ses effectifs."))
                .companyName())
        .isEqualTo("Snap");
    assertThat(only(extractBody("Facebook will lay off 11,000 employees.")).companyName())
        .isEqualTo("Meta");
    assertThat(only(extractBody("Square is laying off 1,000 employees.")).companyName())
        .isEqualTo("Block");
  }

  @Test
  void privateCompanyHasNoTicker() {
    LayoffMention m = only(extractBody("Twitter a commencé à licencier environ 3 700 salariés."));
    assertThat(m.companyName()).isEqualTo("Twitter");
    assertThat(m.ticker()).isNull();
  }

  @Test
  void headlineAloneGivesALowerConfidenceAnnouncement() {
    LayoffMention fromTitle =
        only(extract("Dropbox cuts 500 jobs", "The company did not comment further."));
    LayoffMention fromBody = only(extract("", "Dropbox said on Wednesday it would cut 500 jobs."));
    assertThat(fromTitle.headcount()).isEqualTo(500);
    assertThat(fromTitle.confidence()).isLessThan(fromBody.confidence());
    assertThat(fromBody.confidence()).isBetween(0.0, 1.0);
  }

  @Test
  void bodyFiguresWinOverHeadlineFigures() {
    LayoffMention m =
        only(extract("Meta to cut 11,000 jobs", "Meta will lay off more than 11,000 employees."));
    assertThat(m.headcountQualifier()).isEqualTo(HeadcountQualifier.AT_LEAST);
  }

  @Test
  void articleWithoutLayoffGivesNothing() {
    assertThat(
            extract(
                "Nvidia soars", "Nvidia shares jumped 6% after revenue of $26 billion, up 262%."))
        .isEmpty();
    assertThat(extract("", "")).isEmpty();
  }
}
