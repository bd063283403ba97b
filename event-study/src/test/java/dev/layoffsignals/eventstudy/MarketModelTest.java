package dev.layoffsignals.eventstudy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.layoffsignals.eventstudy.MarketModel.Kind;
import org.junit.jupiter.api.Test;

class MarketModelTest {

  /*
   * By hand:  Rm = -0.02, 0.00, 0.02, 0.04   mean 0.01   deviations -0.03 -0.01 0.01 0.03   Sxx = 0.0020
   *           R  = -0.03, 0.01, 0.02, 0.06   mean 0.015  deviations -0.045 -0.005 0.005 0.045
   *           Sxy = 0.00135 + 0.00005 + 0.00005 + 0.00135 = 0.0028
   *           beta = 0.0028 / 0.0020 = 1.4    alpha = 0.015 - 1.4 * 0.01 = 0.001
   */
  private static final double[] RM = {-0.02, 0.00, 0.02, 0.04};
  private static final double[] R = {-0.03, 0.01, 0.02, 0.06};

  @Test
  void fitsAlphaAndBetaByOrdinaryLeastSquares() {
    MarketModel model = MarketModel.fit(R, RM, 4);

    assertThat(model.kind()).isEqualTo(Kind.MARKET_MODEL);
    assertThat(model.alpha()).isCloseTo(0.001, within(1e-15));
    assertThat(model.beta()).isCloseTo(1.4, within(1e-13));
    assertThat(model.estimationReturns()).isEqualTo(4);
    // AR = R - (alpha + beta * Rm): -0.03 - (0.001 - 0.028) = -0.003
    assertThat(model.abnormalReturn(-0.03, -0.02)).isCloseTo(-0.003, within(1e-15));
  }

  @Test
  void fallsBackToMarketAdjustedWithFewerReturnsThanTheMinimum() {
    MarketModel model = MarketModel.fit(R, RM, 5);

    assertThat(model).isEqualTo(new MarketModel(Kind.MARKET_ADJUSTED, 0.0, 1.0, 4));
    assertThat(model.abnormalReturn(0.05, 0.02)).isCloseTo(0.03, within(1e-15));
  }

  @Test
  void fallsBackToMarketAdjustedWhenTheBenchmarkDoesNotMove() {
    assertThat(MarketModel.fit(R, new double[] {0.01, 0.01, 0.01, 0.01}, 3))
        .isEqualTo(MarketModel.marketAdjusted(4));
  }
}
