package dev.layoffsignals.localkafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath this JVM really loads from, to hand to a child JVM.
 *
 * <p>{@code java.class.path} is not always it: Maven Surefire and Failsafe launch tests with a
 * manifest-only booter jar, and {@code java -jar app.jar} puts only {@code app.jar} there, its
 * dependencies being in the jar manifest's {@code Class-Path}. So every jar is expanded with the entries
 * of its manifest, recursively, as the JVM does: they are space-separated relative URLs resolved
 * against the jar's own location (so {@code lib/a.jar}, {@code ../x/} and {@code file:/abs/b.jar} all
 * work, with %-escapes). The jar itself is kept: it may hold classes too.
 */
public final class EffectiveClasspath {

  private EffectiveClasspath() {}

  /** This JVM's effective classpath, as a {@link File#pathSeparator}-separated string. */
  public static String ofThisJvm() {
    List<Path> entries = expand(System.getProperty("java.class.path", ""));
    Path ownLocation = codeSource(EffectiveClasspath.class);
    if (ownLocation != null && !entries.contains(ownLocation)) {
      // loaded by a class loader other than the application one (an IDE runner, exec:java):
      // the child needs at least this library to find its main class
      entries.add(ownLocation);
    }
    return join(entries);
  }

  /** The entries of {@code classpath} with the manifest Class-Path of each jar expanded after it. */
  static List<Path> expand(String classpath) {
    Set<Path> result = new LinkedHashSet<>();
    for (String element : classpath.split(File.pathSeparator)) {
      if (!element.isBlank()) {
        addWithManifestEntries(Path.of(element).toAbsolutePath().normalize(), result);
      }
    }
    return new ArrayList<>(result);
  }

  static String join(List<Path> entries) {
    List<String> parts = new ArrayList<>();
    entries.forEach(entry -> parts.add(entry.toString()));
    return String.join(File.pathSeparator, parts);
  }

  private static void addWithManifestEntries(Path entry, Set<Path> result) {
    if (!result.add(entry) || !isJar(entry)) {
      return;
    }
    for (Path manifestEntry : manifestClassPath(entry)) {
      addWithManifestEntries(manifestEntry, result);
    }
  }

  private static boolean isJar(Path entry) {
    return Files.isRegularFile(entry)
        && entry.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
  }

  /** The Class-Path entries of a jar's manifest, resolved against the jar, non-file URLs left out. */
  static List<Path> manifestClassPath(Path jar) {
    List<Path> entries = new ArrayList<>();
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      Manifest manifest = jarFile.getManifest();
      String classPath =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (classPath == null) {
        return entries;
      }
      URI base = jar.toUri();
      for (String url : classPath.trim().split("\\s+")) {
        if (url.isEmpty()) {
          continue;
        }
        URI resolved = base.resolve(url);
        if ("file".equals(resolved.getScheme())) {
          entries.add(Path.of(resolved).normalize());
        }
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the manifest of " + jar, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid Class-Path entry in the manifest of " + jar + ": " + e.getMessage(), e);
    }
  }

  private static Path codeSource(Class<?> type) {
    var source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      URI location = source.getLocation().toURI();
      return "file".equals(location.getScheme())
          ? Path.of(location).toAbsolutePath().normalize()
          : null;
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Unexpected code source location " + source.getLocation(), e);
    }
  }
}
