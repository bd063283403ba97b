package dev.layoffsignals.producers.articles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layoffsignals.producers.BadRecord;
import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.EventSource;
import dev.layoffsignals.producers.InputStats;
import dev.layoffsignals.producers.Rejects;
import dev.layoffsignals.producers.Utf8Text;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Articles from JSON lines (the corpus format), one object per line; blank lines are skipped. Read
 * the text with {@link Utf8Text#reader}: a line that is not UTF-8 is then rejected, not fatal.
 */
public final class JsonLinesArticleSource implements EventSource {

  static final ObjectMapper JSON = new ObjectMapper();

  private final String file;
  private final BufferedReader reader;
  private final Rejects rejects;
  private final InputStats stats;
  private long line;

  public JsonLinesArticleSource(String file, Reader reader, Rejects rejects) {
    this(file, reader, rejects, new InputStats(file));
  }

  /** A source that counts into the given stats (a directory counts all its files together). */
  JsonLinesArticleSource(String file, Reader reader, Rejects rejects, InputStats stats) {
    this.file = file;
    this.reader = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    this.rejects = rejects;
    this.stats = stats;
  }

  @Override
  public InputStats stats() {
    return stats;
  }

  @Override
  public Event next() throws IOException {
    String text;
    while ((text = reader.readLine()) != null) {
      line++;
      if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
        text = text.substring(1);   // a byte-order mark is not part of the first record
      }
      if (text.isBlank()) {
        continue;
      }
      stats.countRead();
      try {
        int malformed = Utf8Text.malformedAt(text);
        if (malformed > 0) {
          throw new BadRecord("not UTF-8 text: an invalid byte sequence at column " + malformed);
        }
        Article a = parse(text);
        stats.countEvent();
        return new Event(Topics.ARTICLES, a.getArticleId(), a, a.getPublishedAt().toEpochMilli(), line, stats);
      } catch (BadRecord e) {
        rejects.reject(stats, file, line, e.getMessage(), text);
      }
    }
    return null;
  }

  static Article parse(String json) throws BadRecord {
    try {
      return ArticleJson.toArticle(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new BadRecord("unparseable JSON: " + e.getOriginalMessage());
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
