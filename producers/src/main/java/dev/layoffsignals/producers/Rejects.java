package dev.layoffsignals.producers;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where malformed records go: each one is counted on its input, reported on the error stream with
 * file, line and reason, and written to the rejects file when there is one. Strict rejects turn
 * the first malformed record into a {@link BadInputException} instead.
 *
 * <p>The rejects file is tab-separated with a header: {@code file, line, reason, record}; tabs and
 * line breaks inside a value are written as spaces so every rejection stays on one line, and bytes
 * that were not UTF-8 as U+FFFD, so the file is always valid UTF-8.
 */
public final class Rejects implements Closeable {

  /** Rejections printed on the error stream before the rest are only counted (they all go to the file). */
  static final int MAX_PRINTED = 50;

  private final boolean strict;
  private final PrintWriter err;
  private final BufferedWriter file;
  private final List<Rejection> kept;
  private long count;

  private Rejects(boolean strict, PrintWriter err, BufferedWriter file, List<Rejection> kept) {
    this.strict = strict;
    this.err = err;
    this.file = file;
    this.kept = kept;
  }

  /**
   * Rejects for a command run.
   *
   * @param rejectsFile where to write rejections, or null for none (created or truncated)
   * @param strict      whether the first rejection is fatal
   * @param err         where rejections are reported
   */
  public static Rejects open(Path rejectsFile, boolean strict, PrintWriter err) {
    BufferedWriter writer = null;
    if (rejectsFile != null) {
      try {
        Path parent = rejectsFile.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        writer = Files.newBufferedWriter(rejectsFile, StandardCharsets.UTF_8);
        writer.write("file\tline\treason\trecord\n");
      } catch (IOException e) {
        throw new BadInputException("Cannot write rejects file " + rejectsFile + ": " + e.getMessage(), e);
      }
    }
    return new Rejects(strict, err, writer, null);
  }

  /** Rejects that keep every rejection in memory and print nothing: for parser tests. */
  public static Rejects collecting() {
    return new Rejects(false, null, null, new ArrayList<>());
  }

  /** Strict rejects that print nothing: for parser tests of --strict. */
  public static Rejects strictCollecting() {
    return new Rejects(true, null, null, new ArrayList<>());
  }

  /**
   * Refuses one record.
   *
   * @throws BadInputException when strict
   */
  public void reject(InputStats input, String file, long line, String reason, String record) {
    Rejection r = new Rejection(file, line, reason, record == null ? "" : record);
    input.countRejected();
    count++;
    if (kept != null) {
      kept.add(r);
    }
    if (err != null && !strict) {
      if (count <= MAX_PRINTED) {
        err.println("rejected " + r.describe());
      } else if (count == MAX_PRINTED + 1) {
        err.println("more rejections are counted but not printed" + (this.file != null ? " (all are in the rejects file)" : ""));
      }
      err.flush();
    }
    if (this.file != null) {
      try {
        this.file.write(clean(r.file()) + '\t' + r.line() + '\t' + clean(r.reason()) + '\t' + clean(r.record()) + '\n');
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the rejects file", e);
      }
    }
    if (strict) {
      // the command reports it once, as the error that ends the run
      throw new BadInputException(r.describe() + " (--strict: stopping at the first bad record)");
    }
  }

  /** How many records were rejected so far. */
  public long count() {
    return count;
  }

  public boolean strict() {
    return strict;
  }

  /** The rejections kept by {@link #collecting()} rejects; empty otherwise. */
  public List<Rejection> rejections() {
    return kept == null ? List.of() : Collections.unmodifiableList(kept);
  }

  @Override
  public void close() {
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close the rejects file", e);
      }
    }
  }

  /** One line of valid text: tabs and line breaks as spaces, what was not UTF-8 as U+FFFD. */
  private static String clean(String s) {
    return Utf8Text.printable(s).replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
