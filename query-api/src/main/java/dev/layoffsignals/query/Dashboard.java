package dev.layoffsignals.query;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the dashboard's static files come from: a classpath directory (the default,
 * {@value #CLASSPATH_DIRECTORY}, in this module's jar) or a directory on disk. They are served at
 * {@code /}: {@code index.html} is {@code GET /}, {@code app.js} is {@code GET /app.js}.
 *
 * @param directory a classpath directory ({@code /dashboard}) or an absolute directory path
 * @param onClasspath whether {@code directory} is on the classpath
 */
public record Dashboard(String directory, boolean onClasspath) {

  public static final String CLASSPATH_DIRECTORY = "/dashboard";

  /** The dashboard shipped in the jar. */
  public static final Dashboard BUNDLED = classpath(CLASSPATH_DIRECTORY);

  public Dashboard {
    Objects.requireNonNull(directory, "directory");
  }

  /** Files of a classpath directory, such as {@code /dashboard}. */
  public static Dashboard classpath(String directory) {
    return new Dashboard(directory.startsWith("/") ? directory : "/" + directory, true);
  }

  /** Files of a directory on disk (while developing the page: edits show without a rebuild). */
  public static Dashboard directory(Path directory) {
    return new Dashboard(directory.toAbsolutePath().normalize().toString(), false);
  }
}
