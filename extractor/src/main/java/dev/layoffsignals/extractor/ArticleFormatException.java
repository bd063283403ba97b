package dev.layoffsignals.extractor;

/** An input line that is not an article in the corpus format; says which source and line. */
public final class ArticleFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  public ArticleFormatException(String source, int line, String reason, Throwable cause) {
    super(source + ":" + line + ": " + reason, cause);
    this.source = source;
    this.line = line;
  }

  public String source() {
    return source;
  }

  /** 1-based line number. */
  public int line() {
    return line;
  }
}
