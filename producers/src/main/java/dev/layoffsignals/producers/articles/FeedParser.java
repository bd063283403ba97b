package dev.layoffsignals.producers.articles;

import dev.layoffsignals.producers.BadRecord;
import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.Fields;
import dev.layoffsignals.producers.InputStats;
import dev.layoffsignals.producers.Rejects;
import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.topics.Topics;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Articles from an RSS 2.0 or Atom 1.0 feed, read with the JDK's StAX parser with DTDs and
 * external entities disabled (a feed is untrusted input: no XXE, no entity expansion bombs).
 *
 * <p>RSS {@code <item>}: id = {@code guid}, url = {@code link}, time = {@code pubDate} (RFC 822) or
 * {@code dc:date}, body = {@code content:encoded} else {@code description}. Atom {@code <entry>}:
 * id = {@code id}, url = the {@code alternate} link, time = {@code published} else {@code updated},
 * body = {@code content} else {@code summary}. The feed's title is the article source and its
 * language (RSS {@code language}, Atom {@code xml:lang}) the article language. HTML in titles and
 * bodies is reduced to text. An item is rejected at the line of its start tag.
 */
public final class FeedParser {

  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style)[^>]*>.*?</\\1>");
  private static final Pattern BLOCK = Pattern.compile("(?i)<(br|/p|/div|/li|/h[1-6])[^>]*>");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\u00A0]+");

  private FeedParser() {
  }

  /** Parses a whole feed; malformed items go to the rejects, a broken document ends the parse. */
  public static List<Event> parse(String file, InputStream in, InputStats stats, Rejects rejects) {
    List<Map<String, String>> items = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    Map<String, String> feed = new HashMap<>();
    String kind = null;
    XMLStreamReader r = null;
    try {
      r = factory().createXMLStreamReader(in);
      int depth = 0;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String name = r.getLocalName();
          if (kind == null) {
            kind = switch (name) {
              case "rss", "RDF" -> "rss";
              case "feed" -> "atom";
              default -> throw new BadRecord("not an RSS 2.0 or Atom feed (root element <" + name + ">)");
            };
            String lang = r.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
            if (lang != null) {
              feed.put("language", lang);
            }
          } else if (name.equals("item") || name.equals("entry")) {
            lines.add((long) r.getLocation().getLineNumber());
            items.add(readItem(r));
            depth--;
          } else if ((kind.equals("rss") && depth == 3) || (kind.equals("atom") && depth == 2)) {
            // channel-level (RSS: rss/channel/x) or feed-level (Atom: feed/x) metadata
            if (name.equals("title") || name.equals("language")) {
              feed.putIfAbsent(name, text(r));
              depth--;
            }
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
      if (kind == null) {
        throw new BadRecord("empty document: not an RSS 2.0 or Atom feed");
      }
    } catch (XMLStreamException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      stats.countRead();
      rejects.reject(stats, file, line, "malformed XML: " + firstLine(e.getMessage()) + " (rest of the file skipped)", "");
    } catch (BadRecord e) {
      stats.countRead();
      rejects.reject(stats, file, r == null ? 0 : r.getLocation().getLineNumber(), e.getMessage(), "");
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // closing a reader we are done with cannot lose data
        }
      }
    }
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      stats.countRead();
      try {
        Article a = toArticle(items.get(i), feed);
        stats.countEvent();
        events.add(new Event(Topics.ARTICLES, a.getArticleId(), a, a.getPublishedAt().toEpochMilli(), lines.get(i), stats));
      } catch (BadRecord e) {
        rejects.reject(stats, file, lines.get(i), e.getMessage(), items.get(i).getOrDefault("title", ""));
      }
    }
    return events;
  }

  static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  /** Children of an item or entry, by local name (first occurrence wins); the reader ends on its end tag. */
  private static Map<String, String> readItem(XMLStreamReader r) throws XMLStreamException {
    Map<String, String> fields = new HashMap<>();
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        String name = r.getLocalName();
        if (name.equals("link") && r.getAttributeValue(null, "href") != null) {
          String rel = r.getAttributeValue(null, "rel");
          if (rel == null || rel.equals("alternate")) {
            fields.putIfAbsent("link", r.getAttributeValue(null, "href"));
          }
        }
        if (name.equals("encoded")) {
          name = "content";      // RSS content:encoded plays the role of Atom's content
        } else if (name.equals("date")) {
          name = "dcdate";
        }
        String text = text(r);   // consumes the element
        if (!text.isBlank()) {
          fields.putIfAbsent(name, text);
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    return fields;
  }

  /** All text inside the current element (nested markup included as text), ending on its end tag. */
  private static String text(XMLStreamReader r) throws XMLStreamException {
    StringBuilder sb = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      switch (ev) {
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> sb.append(r.getText());
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          sb.append('<').append(r.getLocalName()).append('>');
        }
        case XMLStreamConstants.END_ELEMENT -> {
          depth--;
          if (depth > 0) {
            sb.append("</").append(r.getLocalName()).append('>');
          }
        }
        default -> {
        }
      }
    }
    return sb.toString().trim();
  }

  private static Article toArticle(Map<String, String> item, Map<String, String> feed) throws BadRecord {
    String title = htmlToText(item.get("title"));
    String body = htmlToText(item.containsKey("content") ? item.get("content") : item.get("description") != null
        ? item.get("description") : item.get("summary"));
    if (title.isBlank() && body.isBlank()) {
      throw new BadRecord("item has no title and no text");
    }
    String when = item.getOrDefault("pubDate", item.getOrDefault("published",
        item.getOrDefault("dcdate", item.get("updated"))));
    if (when == null) {
      throw new BadRecord("item has no publication date (pubDate, published, updated or dc:date)");
    }
    long at = Fields.eventTime(time(when), "publication date");
    String url = item.get("link");
    String id = ArticleIds.of(item.getOrDefault("guid", item.get("id")), url, title, body);
    return new Article(id, Instant.ofEpochMilli(at), title, body, ArticleJson.language(feed.get("language")),
        ArticleJson.blankToNull(url), ArticleJson.blankToNull(htmlToText(feed.get("title"))));
  }

  /** RFC 822 dates of RSS ({@code Wed, 09 Nov 2022 12:05:00 GMT}) or the ISO 8601 of Atom. */
  static long time(String value) throws BadRecord {
    String v = value.trim();
    try {
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return Fields.instant(v, "date");
      } catch (BadRecord e2) {
        throw new BadRecord("bad date '" + v + "' (expected RFC 822, e.g. Wed, 09 Nov 2022 12:05:00 GMT, or ISO 8601)");
      }
    }
  }

  /** Markup reduced to text: scripts dropped, tags removed, common entities decoded, spaces collapsed. */
  static String htmlToText(String html) {
    if (html == null) {
      return "";
    }
    String s = SCRIPT.matcher(html).replaceAll(" ");
    s = BLOCK.matcher(s).replaceAll("\n");
    s = TAG.matcher(s).replaceAll("");
    s = decodeEntities(s);
    s = SPACES.matcher(s).replaceAll(" ");
    return s.replaceAll(" *\n[ \n]*", "\n").trim();
  }

  private static String decodeEntities(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int semi = c == '&' ? s.indexOf(';', i) : -1;
      if (semi > i && semi - i <= 10) {
        String name = s.substring(i + 1, semi);
        String rep = switch (name.toLowerCase(Locale.ROOT)) {
          case "amp" -> "&";
          case "lt" -> "<";
          case "gt" -> ">";
          case "quot" -> "\"";
          case "apos" -> "'";
          case "nbsp" -> " ";
          default -> numeric(name);
        };
        if (rep != null) {
          sb.append(rep);
          i = semi + 1;
          continue;
        }
      }
      sb.append(c);
      i++;
    }
    return sb.toString();
  }

  private static String numeric(String name) {
    try {
      if (name.startsWith("#x") || name.startsWith("#X")) {
        return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
      }
      if (name.startsWith("#")) {
        return new String(Character.toChars(Integer.parseInt(name.substring(1))));
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return null;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String first = nl >= 0 ? s.substring(nl + 1) : s;   // StAX puts "ParseError at [row,col]:" on the first line
    return first.replace('\n', ' ').trim();
  }
}
