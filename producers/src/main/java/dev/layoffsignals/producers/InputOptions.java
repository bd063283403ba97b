package dev.layoffsignals.producers;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to treat bad input and what to show: the options every producing command shares. */
public final class InputOptions {

  @Option(names = "--rejects", paramLabel = "FILE",
      description = "Write every rejected record (file, line, reason, record; tab-separated) to FILE.")
  Path rejectsFile;

  @Option(names = "--strict",
      description = "Stop at the first bad record with exit code 2 (records before it may already be published).")
  boolean strict;

  @Option(names = "--dry-run",
      description = "Parse and count everything, publish nothing.")
  boolean dryRun;

  @Option(names = "--progress", negatable = true,
      description = "Show a progress bar on stderr (default: when attached to a terminal).")
  Boolean progress;
}
