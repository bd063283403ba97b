package dev.layoffsignals.producers;

/**
 * A malformed record: where it is and why it was refused.
 *
 * @param file   the file (or {@code <stdin>}) the record is in
 * @param line   1-based line of the record (for XML feeds: the line of the item's start tag); 0 when none
 * @param reason why it was refused, e.g. {@code negative price -1.5 in Close}
 * @param record the record as read (CSV fields re-joined with commas), or empty when not available
 */
public record Rejection(String file, long line, String reason, String record) {

  /** {@code file:line: reason}, the form compilers use, so editors can jump to it. */
  public String describe() {
    return file + ":" + line + ": " + reason;
  }
}
