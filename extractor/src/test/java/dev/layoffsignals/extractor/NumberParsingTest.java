package dev.layoffsignals.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberParsingTest {

  private static List<Quantity> quantities(String text) {
    return QuantityFinder.find(SentenceSplitter.split(text, false).get(0));
  }

  private static double onlyValue(String text) {
    List<Quantity> q = quantities(text);
    assertThat(q).as(text).hasSize(1);
    return q.get(0).value();
  }

  @ParameterizedTest(name = "{0} reads as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "cut 11,000 jobs | 11000",
        "supprimer 11 000 postes | 11000",
        "supprimer 11\u00a0000 postes | 11000",
        "supprimer 11\u202f000 postes | 11000",
        "supprimer 11\u2009000 postes | 11000",
        "supprimer 9.100 emplois | 9100",
        "cut 1,234,567 jobs | 1234567",
        "cut 12k jobs | 12000",
        "cut 12K jobs | 12000",
        "a 1.5 billion charge | 1500000000",
        "employait 1,5 million de personnes | 1500000",
        "cut 931 employees | 931",
      })
  void digitsWithEverySeparatorStyle(String text, double expected) {
    assertThat(onlyValue(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is {1} percent")
  @CsvSource(
      delimiter = '|',
      value = {
        "soit 2,5 % de ses effectifs | 2.5",
        "about 2.5% of its staff | 2.5",
        "13% of its workforce | 13",
        "15 percent of its workforce | 15",
        "15 per cent of staff | 15",
        "15 pour cent des salariés | 15",
        "80\u00a0% des effectifs | 80",
      })
  void percentagesWithDecimalCommaAndWords(String text, double expected) {
    List<Quantity> q = quantities(text);
    assertThat(q).hasSize(1);
    assertThat(q.get(0).percent()).isTrue();
    assertThat(q.get(0).value()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} reads as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "onze mille postes | 11000",
        "deux cents postes | 200",
        "deux mille cinq cents emplois | 2500",
        "quatre-vingt-dix salariés | 90",
        "dix-sept salariés | 17",
        "vingt et un salariés | 21",
        "a thousand jobs | 1000",
        "four hundred jobs | 400",
        "one hundred and twenty jobs | 120",
        "twelve thousand jobs | 12000",
        "forty-one employees | 41",
      })
  void numbersInWordsInBothLanguages(String text, double expected) {
    assertThat(onlyValue(text)).isEqualTo(expected);
  }

  @Test
  void aLoneArticleIsNotTheNumberOne() {
    assertThat(quantities("un plan de départs et une annonce")).isEmpty();
    assertThat(quantities("one of the largest cuts")).isEmpty();
  }

  @Test
  void sentenceEndingDotAndDomainNamesAreNotDecimals() {
    assertThat(onlyValue("It employed 228,000 people.")).isEqualTo(228000);
    assertThat(quantities("Booking.com said")).isEmpty();
  }

  @Test
  void yearFollowedByCountStaysTwoNumbers() {
    List<Quantity> q = quantities("en 2023 500 personnes");
    assertThat(q).extracting(Quantity::value).containsExactly(2023.0, 500.0);
  }

  @Test
  void moneyIsFlaggedByCurrencySymbolScaleOrCurrencyWord() {
    assertThat(quantities("a $500 million charge").get(0).money()).isTrue();
    assertThat(quantities("8 milliards de dollars").get(0).money()).isTrue();
    assertThat(quantities("200 millions d'euros").get(0).money()).isTrue();
    assertThat(quantities("500 jobs").get(0).money()).isFalse();
  }

  @Test
  void vagueCountsHaveNoValueAndTheirMagnitudeAsQualifier() {
    assertThat(quantities("hundreds of employees").get(0).qualifier())
        .isEqualTo(HeadcountQualifier.HUNDREDS);
    assertThat(quantities("des centaines de salariés").get(0).qualifier())
        .isEqualTo(HeadcountQualifier.HUNDREDS);
    assertThat(quantities("plusieurs centaines de postes").get(0).qualifier())
        .isEqualTo(HeadcountQualifier.HUNDREDS);
    assertThat(quantities("thousands of workers").get(0).qualifier())
        .isEqualTo(HeadcountQualifier.THOUSANDS);
    assertThat(quantities("des milliers d'emplois").get(0).qualifier())
        .isEqualTo(HeadcountQualifier.THOUSANDS);
    assertThat(quantities("tens of thousands of jobs").get(0).qualifier())
        .isEqualTo(HeadcountQualifier.THOUSANDS);
    assertThat(quantities("several hundred jobs").get(0).qualifier())
        .isEqualTo(HeadcountQualifier.HUNDREDS);
    assertThat(quantities("hundreds of employees").get(0).isVague()).isTrue();
  }

  @Test
  void uneCentaineIsApproximatelyOneHundred() {
    Quantity q = quantities("une centaine de salariés").get(0);
    assertThat(q.value()).isEqualTo(100.0);
    assertThat(q.qualifier()).isEqualTo(HeadcountQualifier.APPROX);
  }

  @ParameterizedTest(name = "{0} is {1} percent")
  @CsvSource(
      delimiter = '|',
      value = {
        "half of its staff | 50.0",
        "la moitié des salariés | 50.0",
        "un tiers de ses effectifs | 33.3",
        "a third of its workforce | 33.3",
        "two-thirds of employees | 66.7",
        "a quarter of its employees | 25.0",
        "un quart de ses effectifs | 25.0",
        "trois quarts des salariés | 75.0",
        "a fifth of its team | 20.0",
        "halve its workforce | 50.0",
      })
  void fractionsAreShares(String text, double expected) {
    Quantity q = quantities(text).get(0);
    assertThat(q.percent()).isTrue();
    assertThat(q.fraction()).isTrue();
    assertThat(q.value()).isEqualTo(expected);
  }

  @Test
  void ordinalThirdIsNotAFraction() {
    assertThat(quantities("the third round of layoffs")).isEmpty();
  }
}
