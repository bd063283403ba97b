package dev.layoffsignals.producers.articles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.layoffsignals.producers.BadInputException;
import dev.layoffsignals.producers.BadRecord;
import dev.layoffsignals.producers.ConcatenatedSource;
import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.EventSource;
import dev.layoffsignals.producers.InputStats;
import dev.layoffsignals.producers.ListSource;
import dev.layoffsignals.producers.Rejects;
import dev.layoffsignals.producers.Utf8Text;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.topics.Topics;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Opens article inputs by what they are:
 * <ul>
 *   <li>a directory: its {@code .txt}, {@code .json}, {@code .jsonl}/{@code .ndjson} and
 *       {@code .xml}/{@code .rss}/{@code .atom} files, in name order (not recursive; other files are rejected);</li>
 *   <li>{@code .jsonl}/{@code .ndjson}: JSON lines; {@code .json}: one article object or an array of them;
 *       {@code .txt}: one plain-text article ({@link TextArticles}); {@code .xml}/{@code .rss}/{@code .atom}: a feed;</li>
 *   <li>anything else, and standard input ({@code -}): by the first character, {@code <} a feed,
 *       otherwise JSON lines.</li>
 * </ul>
 */
public final class ArticleSources {

  public static final String STDIN = "-";

  private ArticleSources() {
  }

  public static EventSource open(String argument, InputStream stdin, Rejects rejects) throws IOException {
    if (argument.equals(STDIN)) {
      return sniffed("<stdin>", stdin, rejects, new InputStats("<stdin>"));
    }
    Path path = Path.of(argument);
    if (Files.isDirectory(path)) {
      return directory(path, rejects);
    }
    if (!Files.isReadable(path)) {
      throw new BadInputException("Cannot read " + path + ": no such file or not readable");
    }
    InputStats stats = new InputStats(path.toString());
    return fileSource(path, stats, rejects);
  }

  private static EventSource fileSource(Path path, InputStats stats, Rejects rejects) throws IOException {
    String file = path.toString();
    switch (extension(path)) {
      case "jsonl", "ndjson" -> {
        return new JsonLinesArticleSource(file, Utf8Text.reader(path), rejects, stats);
      }
      case "json" -> {
        return new ListSource(stats, jsonFile(path, stats, rejects), false);
      }
      case "txt" -> {
        stats.countRead();
        try {
          String text;
          try (BufferedReader reader = Utf8Text.reader(path)) {
            StringBuilder sb = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) >= 0; ) {
              sb.append(buffer, 0, n);
            }
            text = sb.toString();
          }
          int malformed = Utf8Text.malformedAt(text);
          if (malformed > 0) {
            int line = 1 + (int) text.substring(0, malformed - 1).chars().filter(c -> c == '\n').count();
            rejects.reject(stats, file, line, "not UTF-8 text: an invalid byte sequence on line " + line, "");
            return new ListSource(stats, List.of(), true);
          }
          Article a = TextArticles.parse(text, Files.getLastModifiedTime(path).toMillis());
          stats.countEvent();
          return new ListSource(stats, List.of(event(a, 1, stats)), true);
        } catch (BadRecord e) {
          rejects.reject(stats, file, 1, e.getMessage(), "");
          return new ListSource(stats, List.of(), true);
        }
      }
      case "xml", "rss", "atom" -> {
        try (InputStream in = Files.newInputStream(path)) {
          return new ListSource(stats, FeedParser.parse(file, in, stats, rejects), false);
        }
      }
      default -> {
        return sniffed(file, Files.newInputStream(path), rejects, stats);
      }
    }
  }

  private static EventSource sniffed(String name, InputStream raw, Rejects rejects, InputStats stats) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw);
    in.mark(4096);
    int c;
    do {
      c = in.read();
    } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
    in.reset();
    if (c == '<') {
      try (in) {
        return new ListSource(stats, FeedParser.parse(name, in, stats, rejects), false);
      }
    }
    return new JsonLinesArticleSource(name, Utf8Text.reader(in), rejects, stats);
  }

  private static List<Event> jsonFile(Path path, InputStats stats, Rejects rejects) throws IOException {
    String file = path.toString();
    JsonNode root;
    try {
      root = JsonLinesArticleSource.JSON.readTree(path.toFile());
    } catch (JsonProcessingException e) {
      stats.countRead();
      long line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      rejects.reject(stats, file, line, "unparseable JSON: " + e.getOriginalMessage(), "");
      return List.of();
    }
    List<JsonNode> nodes = new ArrayList<>();
    if (root != null && root.isArray()) {
      root.forEach(nodes::add);
    } else {
      nodes.add(root);
    }
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      stats.countRead();
      try {
        Article a = ArticleJson.toArticle(nodes.get(i));
        stats.countEvent();
        events.add(event(a, i + 1, stats));
      } catch (BadRecord e) {
        // item i of the array (1-based) stands in for a line: JSON trees do not keep line numbers
        rejects.reject(stats, file, i + 1, e.getMessage() + (nodes.size() > 1 ? " (array element " + (i + 1) + ")" : ""),
            String.valueOf(nodes.get(i)));
      }
    }
    return events;
  }

  /** Every supported file of a directory, in name order, counted as one input. */
  private static EventSource directory(Path dir, Rejects rejects) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    }
    InputStats stats = new InputStats(dir.toString());
    return new ConcatenatedSource() {
      private int index;

      @Override
      public InputStats stats() {
        return stats;
      }

      @Override
      protected EventSource openNext() throws IOException {
        while (index < files.size()) {
          Path f = files.get(index++);
          switch (extension(f)) {
            case "jsonl", "ndjson", "json", "txt", "xml", "rss", "atom" -> {
              return fileSource(f, stats, rejects);
            }
            default -> {
              stats.countRead();
              rejects.reject(stats, f.toString(), 0, "unsupported file type (expected .txt, .json, .jsonl, .xml, .rss or .atom)", "");
            }
          }
        }
        return null;
      }
    };
  }

  private static Event event(Article a, long line, InputStats stats) {
    return new Event(Topics.ARTICLES, a.getArticleId(), a, a.getPublishedAt().toEpochMilli(), line, stats);
  }

  private static String extension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
