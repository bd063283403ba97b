package dev.layoffsignals.eventstudy;

import java.util.Objects;

/**
 * The model of a symbol's normal return: {@code E[R] = alpha + beta * Rm}.
 *
 * @param kind MARKET_MODEL (alpha and beta by OLS) or MARKET_ADJUSTED (alpha 0, beta 1)
 * @param alpha intercept
 * @param beta slope on the benchmark return
 * @param estimationReturns how many (R, Rm) pairs the estimation window held; with fewer than the
 *     minimum the model is MARKET_ADJUSTED and this says how many there were
 */
public record MarketModel(Kind kind, double alpha, double beta, int estimationReturns) {

  /** Names as in the {@code ReturnModel} Avro enum. */
  public enum Kind {
    /** alpha and beta by ordinary least squares of R on Rm over the estimation window. */
    MARKET_MODEL,
    /** alpha = 0, beta = 1: too few estimation returns, or no variation in Rm. */
    MARKET_ADJUSTED
  }

  public MarketModel {
    Objects.requireNonNull(kind, "kind");
    if (estimationReturns < 0) {
      throw new IllegalArgumentException("estimationReturns must not be negative");
    }
  }

  /** The market-adjusted model (alpha 0, beta 1), noting how many estimation returns there were. */
  public static MarketModel marketAdjusted(int estimationReturns) {
    return new MarketModel(Kind.MARKET_ADJUSTED, 0.0, 1.0, estimationReturns);
  }

  /**
   * Fits the model to paired returns ({@code symbolReturns[i]} and {@code benchmarkReturns[i]}
   * of the same session): OLS when there are at least {@code minimumReturns} pairs and the
   * benchmark returns vary, market-adjusted otherwise. Sums run in array order (two passes: means,
   * then centred cross-products), so the result is a pure function of the arrays.
   */
  public static MarketModel fit(double[] symbolReturns, double[] benchmarkReturns, int minimumReturns) {
    if (symbolReturns.length != benchmarkReturns.length) {
      throw new IllegalArgumentException(symbolReturns.length + " symbol returns but "
          + benchmarkReturns.length + " benchmark returns");
    }
    int n = symbolReturns.length;
    if (n < minimumReturns || n < 2) {
      return marketAdjusted(n);
    }
    double sumX = 0;
    double sumY = 0;
    for (int i = 0; i < n; i++) {
      sumX += benchmarkReturns[i];
      sumY += symbolReturns[i];
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double dx = benchmarkReturns[i] - meanX;
      sxx += dx * dx;
      sxy += dx * (symbolReturns[i] - meanY);
    }
    if (sxx == 0) {
      return marketAdjusted(n);
    }
    double beta = sxy / sxx;
    return new MarketModel(Kind.MARKET_MODEL, meanY - beta * meanX, beta, n);
  }

  /** The normal return given the benchmark's: alpha + beta * Rm. */
  public double expectedReturn(double benchmarkReturn) {
    return alpha + beta * benchmarkReturn;
  }

  /** AR = R - (alpha + beta * Rm). */
  public double abnormalReturn(double symbolReturn, double benchmarkReturn) {
    return symbolReturn - expectedReturn(benchmarkReturn);
  }
}
