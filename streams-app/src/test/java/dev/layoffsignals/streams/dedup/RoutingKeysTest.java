package dev.layoffsignals.streams.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoutingKeysTest {

  @Test
  @DisplayName("isSymbol accepts tickers as published, Yahoo style included, and nothing else")
  void symbols() {
    assertThat(RoutingKeys.isSymbol("META")).isTrue();
    assertThat(RoutingKeys.isSymbol("UBI.PA")).isTrue();
    assertThat(RoutingKeys.isSymbol("^GSPC")).isTrue();
    assertThat(RoutingKeys.isSymbol("BT-A.L")).isTrue();
    assertThat(RoutingKeys.isSymbol("005930.KS")).isTrue();
    assertThat(RoutingKeys.isSymbol("ABCDEFGHIJKLMNO")).isTrue(); // 15 characters
    assertThat(RoutingKeys.isSymbol("ABCDEFGHIJKLMNOP")).isFalse();
    assertThat(RoutingKeys.isSymbol("meta")).isFalse();
    assertThat(RoutingKeys.isSymbol(".PA")).isFalse();
    assertThat(RoutingKeys.isSymbol("")).isFalse();
    assertThat(RoutingKeys.isSymbol(null)).isFalse();
    assertThat(RoutingKeys.isSymbol("~meta")).isFalse();
    assertThat(RoutingKeys.isSymbol("MÉTA")).isFalse();
  }

  @Test
  @DisplayName("isSymbol says what the SYMBOL pattern says, on random strings over the characters that matter")
  void agreesWithThePattern() {
    String alphabet = "AZMaz09.^=-~ É_#";
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(18);
      for (int j = 0; j < length; j++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String candidate = s.toString();
      assertThat(RoutingKeys.isSymbol(candidate)).as(candidate).isEqualTo(RoutingKeys.SYMBOL.matcher(candidate).matches());
    }
  }
}
