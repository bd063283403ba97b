package dev.layoffsignals.extractor;

/** A gazetteer line that cannot be read; says which source and line. */
public final class GazetteerFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  public GazetteerFormatException(String source, int line, String reason) {
    super(source + ":" + line + ": " + reason);
    this.source = source;
    this.line = line;
  }

  /** Name of the file or resource. */
  public String source() {
    return source;
  }

  /** 1-based line number. */
  public int line() {
    return line;
  }
}
