package dev.layoffsignals.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QualifierTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "will cut 10,000 jobs | EXACT",
        "will cut about 10,000 jobs | APPROX",
        "will cut around 10,000 jobs | APPROX",
        "will cut roughly 10,000 jobs | APPROX",
        "will cut approximately 10,000 jobs | APPROX",
        "will cut nearly 10,000 jobs | APPROX",
        "will cut some 10,000 jobs | APPROX",
        "will cut close to 10,000 jobs | APPROX",
        "va supprimer environ 10 000 postes | APPROX",
        "va supprimer près de 9 100 emplois | APPROX",
        "va supprimer quelque 10 000 postes | APPROX",
        "la suppression d'environ 10 000 postes | APPROX",
        "will cut more than 10,000 jobs | AT_LEAST",
        "will cut over 10,000 jobs | AT_LEAST",
        "will cut at least 10,000 jobs | AT_LEAST",
        "va supprimer plus de 10 000 postes | AT_LEAST",
        "va supprimer au moins 10 000 postes | AT_LEAST",
        "will cut up to 10,000 jobs | UP_TO",
        "will cut as many as 10,000 jobs | UP_TO",
        "va supprimer jusqu'à 20 000 postes | UP_TO",
        "va supprimer jusqu’à 20 000 postes | UP_TO",
        "will cut fewer than 100 jobs | UP_TO",
      })
  void qualifierBeforeTheNumber(String text, HeadcountQualifier expected) {
    List<Quantity> q = QuantityFinder.find(SentenceSplitter.split(text, false).get(0));
    assertThat(q).hasSize(1);
    assertThat(q.get(0).qualifier()).isEqualTo(expected);
  }
}
