package dev.layoffsignals.extractor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Companies the extractor knows, with every name they go by: brands, products, divisions and
 * former names in English and French (Google → Alphabet, Facebook → Meta, AWS → Amazon,
 * Snapchat → Snap, Square → Block).
 *
 * <p>File format, one company per line, TAB-separated, {@code #} starts a comment:
 * <pre>canonical name &lt;TAB&gt; ticker &lt;TAB&gt; exchange &lt;TAB&gt; sector &lt;TAB&gt; alias|alias|...</pre>
 * An alias may start with markers: {@code =} matches only with this exact case in running text
 * (names that are also ordinary words: Block, Meta, Snap, Square, Unity); {@code @} names a
 * division, brand or subsidiary, reported as the announcement's division; {@code ~} is used by
 * {@link #lookup} only, never in running text (spellings of datasets such as "Stone"). The
 * canonical name is matched in text too, case-sensitively when it is also listed as an
 * {@code =} alias.
 *
 * <p>Immutable and thread-safe once built. {@link #lookup} ignores case, accents, punctuation and
 * legal suffixes ("Meta Platforms, Inc." finds Meta), so the layoffs.fyi importer can use it.
 */
public final class CompanyGazetteer {

  private static final String DEFAULT_RESOURCE = "gazetteer.tsv";
  private static final Set<String> LEGAL_SUFFIXES =
      Set.of(
          "inc",
          "corp",
          "corporation",
          "ltd",
          "llc",
          "plc",
          "sa",
          "se",
          "ag",
          "nv",
          "co",
          "holdings",
          "group",
          "limited",
          "gmbh",
          "sas",
          "company",
          "technologies",
          "the");

  /** One line of a gazetteer file. */
  private record Entry(Company company, List<String> rawAliases) {}

  /** A name as a token sequence, to match against sentence tokens. */
  private record AliasPattern(
      String[] norms, String[] texts, boolean caseSensitive, Company company, String division) {}

  private final List<Entry> entries;
  private final List<Company> companies;
  private final Map<String, Company> byKey;
  private final Map<String, List<AliasPattern>> byFirstToken;

  private CompanyGazetteer(List<Entry> entries) {
    this.entries = List.copyOf(entries);
    List<Company> list = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      list.add(e.company());
    }
    this.companies = Collections.unmodifiableList(list);
    this.byKey = buildKeys(entries);
    this.byFirstToken = buildPatterns(entries);
  }

  /** The gazetteer shipped with the extractor. */
  public static CompanyGazetteer loadDefault() {
    try (InputStream in = CompanyGazetteer.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + DEFAULT_RESOURCE + " missing from the classpath");
      }
      return new CompanyGazetteer(
          parse(new InputStreamReader(in, StandardCharsets.UTF_8), DEFAULT_RESOURCE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /** A gazetteer read from {@code reader} alone; {@code sourceName} appears in error messages. */
  public static CompanyGazetteer read(Reader reader, String sourceName) throws IOException {
    return new CompanyGazetteer(parse(reader, sourceName));
  }

  /**
   * This gazetteer plus the companies of a user file in the same format. A user line whose
   * canonical name is already known replaces that company (to fix a ticker or add aliases);
   * other lines are added.
   */
  public CompanyGazetteer withExtensions(Path file) throws IOException {
    List<Entry> extra;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      extra = parse(r, file.toString());
    }
    Map<String, Entry> merged = new LinkedHashMap<>();
    for (Entry e : entries) {
      merged.put(e.company().canonicalName().toLowerCase(Locale.ROOT), e);
    }
    for (Entry e : extra) {
      merged.put(e.company().canonicalName().toLowerCase(Locale.ROOT), e);
    }
    return new CompanyGazetteer(new ArrayList<>(merged.values()));
  }

  /**
   * The company a name designates, by canonical name or any alias (divisions and former names
   * included), ignoring case, accents, punctuation and legal suffixes.
   */
  public Optional<Company> lookup(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    List<Token> tokens = Tokenizer.tokenize(name);
    Company c = byKey.get(key(tokens, false));
    if (c == null) {
      c = byKey.get(key(tokens, true));
    }
    return Optional.ofNullable(c);
  }

  /** Every company, in file order. */
  public List<Company> companies() {
    return companies;
  }

  public int size() {
    return companies.size();
  }

  /** Companies named in a sentence, left to right, longest name first at each position. */
  List<CompanyMention> findMentions(Sentence s) {
    List<CompanyMention> out = new ArrayList<>(2);
    int i = 0;
    while (i < s.size()) {
      List<AliasPattern> candidates = s.get(i).isWord() ? byFirstToken.get(s.norm(i)) : null;
      AliasPattern hit = null;
      if (candidates != null) {
        for (AliasPattern p : candidates) {
          if (matches(s, i, p)) {
            hit = p;
            break;
          }
        }
      }
      if (hit != null) {
        out.add(new CompanyMention(i, i + hit.norms().length, hit.company(), hit.division()));
        i += hit.norms().length;
      } else {
        i++;
      }
    }
    return out;
  }

  private static boolean matches(Sentence s, int at, AliasPattern p) {
    if (at + p.norms().length > s.size()) {
      return false;
    }
    for (int k = 0; k < p.norms().length; k++) {
      Token t = s.get(at + k);
      if (!t.norm().equals(p.norms()[k]) || (p.caseSensitive() && !t.text().equals(p.texts()[k]))) {
        return false;
      }
    }
    return true;
  }

  private static List<Entry> parse(Reader reader, String source) throws IOException {
    List<Entry> out = new ArrayList<>();
    BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    String line;
    int number = 0;
    while ((line = r.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (cols.length < 4 || cols.length > 5) {
        throw new GazetteerFormatException(
            source,
            number,
            "expected 4 or 5 TAB-separated columns (name, ticker, exchange, sector, aliases), got "
                + cols.length);
      }
      String name = cols[0].strip();
      if (name.isEmpty()) {
        throw new GazetteerFormatException(source, number, "empty canonical name");
      }
      String sector = cols[3].strip();
      if (!Sector.NAMES.contains(sector)) {
        throw new GazetteerFormatException(
            source, number, "unknown sector '" + sector + "', expected one of " + Sector.NAMES);
      }
      List<String> raw = new ArrayList<>();
      List<String> plain = new ArrayList<>();
      if (cols.length == 5 && !cols[4].isBlank()) {
        for (String a : cols[4].split("\\|")) {
          String alias = a.strip();
          String bare = stripMarkers(alias);
          if (bare.isEmpty()) {
            throw new GazetteerFormatException(source, number, "empty alias in '" + cols[4] + "'");
          }
          raw.add(alias);
          if (!plain.contains(bare) && !bare.equals(name)) {
            plain.add(bare);
          }
        }
      }
      out.add(new Entry(new Company(name, cols[1], cols[2], sector, plain), raw));
    }
    return out;
  }

  private static String stripMarkers(String alias) {
    int i = 0;
    while (i < alias.length() && "=@~".indexOf(alias.charAt(i)) >= 0) {
      i++;
    }
    return alias.substring(i).strip();
  }

  private static Map<String, Company> buildKeys(List<Entry> entries) {
    Map<String, Company> keys = new HashMap<>();
    for (Entry e : entries) {
      List<Token> tokens = Tokenizer.tokenize(e.company().canonicalName());
      keys.putIfAbsent(key(tokens, false), e.company());
    }
    for (Entry e : entries) {
      for (String raw : e.rawAliases()) {
        keys.putIfAbsent(key(Tokenizer.tokenize(stripMarkers(raw)), false), e.company());
      }
    }
    for (Entry e : entries) {
      keys.putIfAbsent(key(Tokenizer.tokenize(e.company().canonicalName()), true), e.company());
      for (String raw : e.rawAliases()) {
        keys.putIfAbsent(key(Tokenizer.tokenize(stripMarkers(raw)), true), e.company());
      }
    }
    keys.remove("");
    return Map.copyOf(keys);
  }

  /** Folded words joined by one space; without trailing legal suffixes when asked. */
  private static String key(List<Token> tokens, boolean stripSuffixes) {
    List<String> words = new ArrayList<>(tokens.size());
    for (Token t : tokens) {
      if (!t.isPunct()) {
        words.add(t.norm());
      }
    }
    if (stripSuffixes) {
      while (words.size() > 1 && LEGAL_SUFFIXES.contains(words.get(words.size() - 1))) {
        words.remove(words.size() - 1);
      }
    }
    return String.join(" ", words);
  }

  private static Map<String, List<AliasPattern>> buildPatterns(List<Entry> entries) {
    Map<String, List<AliasPattern>> map = new HashMap<>();
    for (Entry e : entries) {
      Company c = e.company();
      boolean canonicalCaseSensitive = false;
      for (String raw : e.rawAliases()) {
        if (raw.startsWith("=") && stripMarkers(raw).equals(c.canonicalName())) {
          canonicalCaseSensitive = true;
        }
      }
      addPattern(map, c.canonicalName(), canonicalCaseSensitive, c, null);
      for (String raw : e.rawAliases()) {
        String bare = stripMarkers(raw);
        String markers = raw.substring(0, raw.length() - bare.length());
        if (markers.contains("~")) {
          continue;
        }
        addPattern(map, bare, markers.contains("="), c, markers.contains("@") ? bare : null);
      }
    }
    for (List<AliasPattern> list : map.values()) {
      list.sort((a, b) -> b.norms().length - a.norms().length);
    }
    return Map.copyOf(map);
  }

  private static void addPattern(
      Map<String, List<AliasPattern>> map,
      String name,
      boolean caseSensitive,
      Company c,
      String division) {
    List<Token> tokens = Tokenizer.tokenize(name);
    if (tokens.isEmpty()) {
      return;
    }
    String[] norms = new String[tokens.size()];
    String[] texts = new String[tokens.size()];
    for (int i = 0; i < tokens.size(); i++) {
      norms[i] = tokens.get(i).norm();
      texts[i] = tokens.get(i).text();
    }
    map.computeIfAbsent(norms[0], k -> new ArrayList<>())
        .add(new AliasPattern(norms, texts, caseSensitive, c, division));
  }
}
