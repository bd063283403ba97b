package dev.layoffsignals.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveClasspathTest {

  @TempDir Path tempDir;

  @Test
  void expandsManifestClassPathRecursivelyRelativeToEachJar() throws IOException {
    Path app = tempDir.resolve("app");
    Path lib = Files.createDirectories(app.resolve("lib"));
    Path absolute = Files.createDirectories(tempDir.resolve("elsewhere")).resolve("abs.jar");
    jar(absolute, null);
    jar(lib.resolve("a.jar"), "../shared/nested.jar ../app.jar"); // a cycle back to app.jar
    jar(Files.createDirectories(app.resolve("shared")).resolve("nested.jar"), null);
    jar(lib.resolve("with space.jar"), null);
    jar(app.resolve("app.jar"), "lib/a.jar lib/with%20space.jar classes/ " + absolute.toUri());

    List<Path> entries = EffectiveClasspath.expand(app.resolve("app.jar").toString());

    assertThat(entries)
        .containsExactly(
            app.resolve("app.jar"),
            lib.resolve("a.jar"),
            app.resolve("shared").resolve("nested.jar"),
            lib.resolve("with space.jar"),
            app.resolve("classes"),
            absolute);
  }

  @Test
  void keepsDirectoriesJarsWithoutManifestAndOrderAndDropsDuplicates() throws IOException {
    Path classes = Files.createDirectories(tempDir.resolve("classes"));
    Path plain = tempDir.resolve("plain.jar");
    jar(plain, null);
    String classpath =
        String.join(
            File.pathSeparator, classes.toString(), plain.toString(), "", classes.toString());

    assertThat(EffectiveClasspath.expand(classpath)).containsExactly(classes, plain);
  }

  @Test
  void thisJvmsClasspathHasKafkaSlf4jAndThisLibraryEvenUnderAManifestOnlyBooterJar()
      throws URISyntaxException {
    List<Path> entries = EffectiveClasspath.expand(EffectiveClasspath.ofThisJvm());

    assertThat(entries)
        .contains(
            location(kafka.server.KafkaRaftServer.class),
            location(org.apache.kafka.clients.admin.Admin.class),
            location(org.slf4j.Logger.class),
            location(EffectiveClasspath.class));
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toAbsolutePath()
        .normalize();
  }

  private static void jar(Path path, String classPath) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    try (OutputStream file = Files.newOutputStream(path)) {
      new JarOutputStream(file, manifest).finish(); // a manifest is all the test needs
    }
  }
}
