package dev.layoffsignals.streams.windows;

/**
 * One announcement as a window sees it: what it adds to the counts, and its reaction so far.
 *
 * @param car01 CAR[0,+1], null while unknown or when the announcement has no reaction
 * @param car05 CAR[0,+5], null while unknown
 * @param settled true when nothing more will change: its reaction is FINAL or INCOMPLETE, or it has none
 */
public record Member(
    String announcementId,
    String company,
    String ticker,
    Integer headcount,
    Double car01,
    Double car05,
    boolean settled) {
}
