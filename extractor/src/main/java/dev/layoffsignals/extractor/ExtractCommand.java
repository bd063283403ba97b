package dev.layoffsignals.extractor;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code layoff-signals extract [FILE...]}: prints one JSON object per layoff announcement found.
 * A FILE ending in .txt is one plain-text article (its file name is the article id); any other
 * FILE is JSON lines in the corpus format. With no FILE, standard input is read, as JSON lines
 * when it starts with "{" and as one plain-text article otherwise. A file or line that cannot be
 * read is reported on stderr with its name, line and reason; the other files and lines are still
 * processed and the exit code is 2.
 */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Find layoff announcements in French and English articles.",
      "FILE: a .txt article, or JSON lines of articles (id, lang, published_at, title, body).",
      "No FILE: read standard input. Prints one JSON object per announcement."
    })
public final class ExtractCommand implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_BAD_INPUT = 2;
  private static final String STDIN_ID = "stdin";

  @Spec private CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "FILE",
      description = "articles: .txt, or JSON lines (.jsonl)")
  private List<Path> files = new ArrayList<>();

  @Option(
      names = "--gazetteer",
      paramLabel = "TSV",
      description =
          "extra companies in the gazetteer format, added to (or replacing) the built-in ones")
  private Path gazetteerFile;

  private final InputStream stdin;
  private final ObjectMapper mapper = new ObjectMapper();

  public ExtractCommand() {
    this(System.in);
  }

  /** For tests and embedding: reads {@code stdin} when no FILE is given. */
  public ExtractCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LayoffExtractor extractor;
    try {
      CompanyGazetteer gazetteer = CompanyGazetteer.loadDefault();
      extractor =
          new LayoffExtractor(
              gazetteerFile == null ? gazetteer : gazetteer.withExtensions(gazetteerFile));
    } catch (IOException e) {
      err.println(gazetteerFile + ": cannot read gazetteer: " + e.getMessage());
      err.flush();
      return EXIT_BAD_INPUT;
    } catch (GazetteerFormatException e) {
      err.println(e.getMessage());
      err.flush();
      return EXIT_BAD_INPUT;
    }
    Run run = new Run(extractor, out, err);
    if (files.isEmpty()) {
      run.stdin();
    } else {
      for (Path f : files) {
        run.file(f);
      }
    }
    out.flush();
    err.flush();
    return run.failed ? EXIT_BAD_INPUT : EXIT_OK;
  }

  /** State of one invocation. */
  private final class Run {
    private final LayoffExtractor extractor;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ArticleReader reader = new ArticleReader(mapper);
    private final MentionJson json = new MentionJson(mapper);
    private boolean failed;

    Run(LayoffExtractor extractor, PrintWriter out, PrintWriter err) {
      this.extractor = extractor;
      this.out = out;
      this.err = err;
    }

    void stdin() {
      String text;
      try {
        text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        fail("<stdin>: cannot read: " + e.getMessage());
        return;
      }
      if (text.stripLeading().startsWith("{")) {
        jsonLines(text, "<stdin>");
      } else if (!text.isBlank()) {
        emit(reader.readPlainText(STDIN_ID, text));
      }
    }

    void file(Path f) {
      String text;
      try {
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (CharacterCodingException e) {
        fail(f + ": cannot read: not UTF-8 text");
        return;
      } catch (IOException e) {
        fail(f + ": cannot read: " + describe(e));
        return;
      }
      if (f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".txt")) {
        if (text.isBlank()) {
          fail(f + ": empty article");
          return;
        }
        emit(reader.readPlainText(f.getFileName().toString(), text));
      } else {
        jsonLines(text, f.toString());
      }
    }

    private void jsonLines(String text, String source) {
      List<String> lines = text.lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        try {
          emit(reader.readJsonLine(lines.get(i), source, i + 1));
        } catch (ArticleFormatException e) {
          fail(e.getMessage());
        }
      }
    }

    private void emit(Article a) {
      for (LayoffMention m : extractor.extract(a)) {
        out.println(json.toLine(m));
      }
    }

    private void fail(String message) {
      err.println(message);
      failed = true;
    }

    private String describe(IOException e) {
      if (e instanceof java.nio.file.NoSuchFileException) {
        return "no such file";
      }
      if (e instanceof java.nio.file.AccessDeniedException) {
        return "permission denied";
      }
      return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
  }
}
