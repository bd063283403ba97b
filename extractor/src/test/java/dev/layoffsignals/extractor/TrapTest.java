package dev.layoffsignals.extractor;

import static dev.layoffsignals.extractor.ExtractorTestSupport.extractBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers of layoff articles that are not layoff figures. */
class TrapTest {

  private static LayoffMention only(List<LayoffMention> found) {
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void sharePriceMoveIsNotTheWorkforceShare() {
    LayoffMention m =
        only(extractBody("Cisco will cut about 4,000 jobs. Shares rose 5% in early trading."));
    assertThat(m.workforcePct()).isNull();
    m = only(extractBody("Cisco va supprimer 4 000 emplois. L'action a chuté de 11 % mardi."));
    assertThat(m.workforcePct()).isNull();
    assertThat(m.headcount()).isEqualTo(4000);
  }

  @Test
  void sharePriceMoveAloneIsNoAnnouncement() {
    assertThat(extractBody("L'action Alphabet a chuté de 11 % après la publication des résultats."))
        .isEmpty();
  }

  @Test
  void moneyIsNotAHeadcount() {
    LayoffMention m =
        only(
            extractBody(
                "Intel will lay off 15,000 workers as part of a $10 billion cost reduction plan."));
    assertThat(m.headcount()).isEqualTo(15000);
    assertThat(
            extractBody(
                "Intel will cut costs by $10 billion and spend 8 milliards de dollars on plants."))
        .isEmpty();
  }

  @Test
  void totalStaffIsNotAHeadcount() {
    assertThat(
            only(extractBody(
                    "Microsoft, which employs 221,000 people, will lay off 10,000 workers."))
                .headcount())
        .isEqualTo(10000);
    assertThat(only(extractBody("Tesla will cut 10% of its 140,000 employees.")).headcount())
        .isNull();
    LayoffMention cisco =
        only(
            extractBody(
                "Cisco had around 84,900 employees as of July and will lay off 7% of them."));
    assertThat(cisco.headcount()).isNull();
    assertThat(cisco.workforcePct()).isEqualTo(7.0);
    assertThat(
            only(extractBody("Atos, qui compte 70 000 salariés, va licencier 2 500 personnes."))
                .headcount())
        .isEqualTo(2500);
  }

  @Test
  void hiringIsNotALayoff() {
    assertThat(extractBody("Capgemini prévoit de recruter 5 000 personnes en France cette année."))
        .isEmpty();
    LayoffMention m =
        only(
            extractBody(
                "Google will cut 200 jobs in sales and hire 500 engineers for its AI teams."));
    assertThat(m.headcount()).isEqualTo(200);
  }

  @Test
  void unfilledRolesAreNotLayoffs() {
    LayoffMention m =
        only(
            extractBody(
                "Meta said it would cut 10,000 jobs and close 5,000 open roles it had not yet filled."));
    assertThat(m.headcount()).isEqualTo(10000);
    assertThat(
            extractBody("Meta will close 5,000 open positions and no employees will be laid off."))
        .isEmpty();
    m =
        only(
            extractBody(
                "Meta va supprimer 10 000 postes et ne pas pourvoir 5 000 postes ouverts."));
    assertThat(m.headcount()).isEqualTo(10000);
  }

  @Test
  void surveyStatisticIsNotAnAnnouncement() {
    assertThat(
            extractBody(
                "Selon une étude, l'IA pourrait supprimer 40 % des demandes clients traitées par des humains."))
        .isEmpty();
    assertThat(
            extractBody(
                "Forty percent of employers expect to reduce their workforce because of AI, a survey found."))
        .isEmpty();
  }

  @Test
  void productivityShareIsNotAWorkforceShare() {
    LayoffMention m =
        only(
            extractBody(
                "Klarna va supprimer 700 postes ; son assistant traite 40 % des demandes clients."));
    assertThat(m.workforcePct()).isNull();
    assertThat(m.headcount()).isEqualTo(700);
  }

  @Test
  void hypotheticalIsNotAnAnnouncement() {
    assertThat(extractBody("Si tu pouvais virer 50 % de ta boîte demain, tu le ferais ?"))
        .isEmpty();
    assertThat(extractBody("If you could lay off half your staff tomorrow, would you?")).isEmpty();
  }

  @Test
  void industryWideTotalIsNoCompanysAnnouncement() {
    assertThat(
            extractBody(
                "Plus de 60 000 suppressions d'emplois ont été annoncées dans la tech en 2025."))
        .isEmpty();
    List<LayoffMention> found =
        extractBody(
            "Amazon va supprimer 14 000 postes. "
                + "Le secteur a perdu plus de 60 000 emplois depuis janvier, selon Layoffs.fyi.");
    assertThat(only(found).headcount()).isEqualTo(14000);
  }

  @Test
  void negatedLayoffIsNotAnAnnouncement() {
    assertThat(extractBody("Apple has not laid off any employees this year.")).isEmpty();
    assertThat(extractBody("Orange n'envisage aucun licenciement en France.")).isEmpty();
    assertThat(extractBody("Klarna shrank through attrition rather than layoffs.")).isEmpty();
  }

  @Test
  void olderEventAloneIsNotAnnounced() {
    assertThat(
            extractBody(
                "Spotify raised prices. The company, which cut 1,500 jobs in December 2023, is profitable."))
        .isEmpty();
    assertThat(extractBody("Meta avait déjà licencié 11 000 personnes en novembre.")).isEmpty();
  }

  @Test
  void olderEventDoesNotOverrideTheCurrentFigure() {
    LayoffMention m =
        only(
            extractBody(
                "Cisco will lay off about 7% of its workforce. "
                    + "In February it said it would cut roughly 4,000 jobs."));
    assertThat(m.headcount()).isNull();
    assertThat(m.workforcePct()).isEqualTo(7.0);
  }

  @Test
  void subsetOfTheFigureIsNotTheFigure() {
    LayoffMention m =
        only(
            extractBody(
                "Ericsson va supprimer 8 500 emplois dans le monde, dont environ 1 400 en Suède."));
    assertThat(m.headcount()).isEqualTo(8500);
    assertThat(m.headcountQualifier()).isEqualTo(HeadcountQualifier.EXACT);
  }

  @Test
  void staffLevelsAreNotTheCut() {
    List<LayoffMention> found =
        extractBody(
            "Salesforce reduced its support staff from 9,000 to about 5,000. "
                + "That amounts to roughly 4,000 job cuts.");
    LayoffMention m = only(found);
    assertThat(m.headcount()).isEqualTo(4000);
    assertThat(m.headcountQualifier()).isEqualTo(HeadcountQualifier.APPROX);
  }

  @Test
  void shareOfStaffDoingSomethingElseIsNotACut() {
    assertThat(
            extractBody(
                "Environ 30 % des salariés d'Orange ont suivi mardi l'appel à la grève lancé par "
                    + "les syndicats pour protester contre la réduction des effectifs prévue d'ici 2025."))
        .isEmpty();
  }

  @Test
  void attritionIsNotALayoff() {
    assertThat(extractBody("Klarna expects to reduce headcount by 500 people through attrition."))
        .isEmpty();
    assertThat(extractBody("Orange va réduire ses effectifs de 2 000 postes par départs naturels."))
        .isEmpty();
  }

  @Test
  void workEquivalentIsNotAHeadcount() {
    assertThat(
            extractBody(
                "Klarna said its assistant does the equivalent of 700 agents and will reduce staff."))
        .isEmpty();
  }

  @Test
  void figureInAnEarlierClauseIsNotTheNextCompanys() {
    assertThat(
            extractBody(
                "Malgré la suppression de 2 000 postes chez un concurrent, Capgemini prévoit "
                    + "d'embaucher 10 000 personnes en Inde."))
        .isEmpty();
    LayoffMention m = only(extractBody("Some 3,900 IBM employees will lose their jobs."));
    assertThat(m.companyName()).isEqualTo("IBM");
    assertThat(m.headcount()).isEqualTo(3900);
  }

  @Test
  void formerEmployeesAndPerfectInfinitiveTellOlderLayoffs() {
    assertThat(
            extractBody(
                "Former Twitter employees who were laid off after the takeover won an arbitration ruling."))
        .isEmpty();
    assertThat(
            extractBody(
                "Salesforce a publié un bénéfice record, un an après avoir supprimé 10 % de ses effectifs."))
        .isEmpty();
  }

  @Test
  void formerlyInANameDoesNotMakeTheNewsOld() {
    assertThat(extractBody("X, formerly Twitter, will lay off 1,000 employees."))
        .extracting(LayoffMention::companyName)
        .containsExactly("Twitter");
  }
}
