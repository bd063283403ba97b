package dev.layoffsignals.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sentence splitting, tokens and language detection. */
class TextBasicsTest {

  @Test
  void splitsSentencesButNotAbbreviationsDecimalsOrDomains() {
    List<Sentence> s =
        SentenceSplitter.split(
            "Amazon.com Inc. will cut 1.5 percent of staff. M. Dupont a confirmé. Le titre a pris 2,3 %.",
            false);
    assertThat(s)
        .extracting(Sentence::text)
        .containsExactly(
            "Amazon.com Inc. will cut 1.5 percent of staff.",
            "M. Dupont a confirmé.",
            "Le titre a pris 2,3 %.");
  }

  @Test
  void blankLineEndsASentence() {
    assertThat(SentenceSplitter.split("Headline without dot\n\nBody starts here.", false))
        .extracting(Sentence::text)
        .containsExactly("Headline without dot", "Body starts here.");
  }

  @Test
  void foldingRemovesAccentsAndCase() {
    assertThat(TextFolding.fold("Société Générale ŒUVRE")).isEqualTo("societe generale oeuvre");
  }

  @Test
  void tokenizerDropsApostrophesAndHyphens() {
    assertThat(Tokenizer.tokenize("d'environ dix-sept"))
        .extracting(Token::norm)
        .containsExactly("d", "environ", "dix", "sept");
  }

  @Test
  void detectsFrenchAndEnglish() {
    assertThat(LanguageDetector.detect("Le groupe va supprimer des postes dans le monde."))
        .isEqualTo(Language.FR);
    assertThat(LanguageDetector.detect("The company will cut jobs in the US."))
        .isEqualTo(Language.EN);
    assertThat(Language.parse("fr-FR")).contains(Language.FR);
    assertThat(Language.parse("de")).isEmpty();
  }
}
