package dev.layoffsignals.extractor;

import java.util.Set;

/**
 * The fixed sector vocabulary of the gazetteer. Kept small on purpose: sectors are used to group
 * signals, and a free-text sector would split one group into many spellings.
 */
public final class Sector {

  /** Every sector name a gazetteer line may use. */
  public static final Set<String> NAMES =
      Set.of(
          "Software",
          "Semiconductors",
          "Internet",
          "Hardware",
          "E-commerce",
          "Retail",
          "Fintech",
          "Telecom",
          "Media",
          "Gaming",
          "Transportation",
          "Food Delivery",
          "Travel",
          "Crypto",
          "IT Services",
          "Real Estate",
          "Education",
          "Healthcare",
          "Energy",
          "Aerospace");

  private Sector() {}
}
