package dev.layoffsignals.producers.layoffs;

import dev.layoffsignals.producers.BadRecord;
import dev.layoffsignals.producers.CsvRowReader;
import dev.layoffsignals.producers.CsvRows;
import dev.layoffsignals.producers.Event;
import dev.layoffsignals.producers.EventSource;
import dev.layoffsignals.producers.Fields;
import dev.layoffsignals.producers.InputStats;
import dev.layoffsignals.producers.NewYork;
import dev.layoffsignals.producers.Rejects;
import dev.layoffsignals.producers.Utf8Text;
import dev.layoffsignals.schemas.AnnouncementSource;
import dev.layoffsignals.schemas.HeadcountQualifier;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.SourceKind;
import dev.layoffsignals.schemas.TimePrecision;
import dev.layoffsignals.topics.Topics;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * Structured layoff announcements from a layoffs.fyi CSV export
 * ({@code company,location,total_laid_off,date,percentage_laid_off,industry,source,...}; columns by
 * header name, any order; only company and date are required).
 *
 * <p>Each row becomes one {@link LayoffAnnouncement} keyed by its {@code announcement_id},
 * {@code "lfyi-"} plus 16 hex digits of the SHA-256 of {@code company|date|headcount|source}, so
 * the same row always gets the same id (and a row repeated in the file, as layoffs.fyi sometimes
 * does, the same key). The date has no time of day: the announcement is stamped 00:00
 * America/New_York with precision DATE. {@code total_laid_off} ("16000.0") is the headcount (EXACT);
 * {@code percentage_laid_off} is a fraction (0.13) published as a percentage (13.0).
 */
public final class LayoffsFyiSource implements EventSource {

  private final CsvRowReader rows;
  private final CompanyResolver companies;
  private final InputStats stats;
  private int company = -1;
  private int date = -1;
  private int total = -1;
  private int percentage = -1;
  private int industry = -1;
  private int source = -1;
  private boolean usable;

  public LayoffsFyiSource(String file, Reader reader, CompanyResolver companies, Rejects rejects) throws IOException {
    this.rows = new CsvRowReader(file, reader, rejects);
    this.companies = companies;
    this.stats = rows.stats();
    readHeader();
  }

  public static LayoffsFyiSource open(Path path, CompanyResolver companies, Rejects rejects) throws IOException {
    return new LayoffsFyiSource(path.toString(), Utf8Text.reader(path), companies, rejects);
  }

  @Override
  public InputStats stats() {
    return stats;
  }

  @Override
  public Event next() throws IOException {
    if (!usable) {
      return null;
    }
    return rows.next(row -> {
      LayoffAnnouncement a = toAnnouncement(row.fields());
      stats.countEvent();
      return new Event(Topics.LAYOFF_RECORDS, a.getAnnouncementId(), a, a.getAnnouncedAt().toEpochMilli(), row.line(), stats);
    });
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }

  /** One row as an announcement; pure, for tests. */
  LayoffAnnouncement toAnnouncement(String[] f) throws BadRecord {
    String name = f[company].trim();
    if (name.isEmpty()) {
      throw new BadRecord("missing company");
    }
    LocalDate day = Fields.date(f[date], "date");
    Integer headcount = null;
    if (total >= 0 && !Fields.isMissing(f[total])) {
      long n = Fields.count(f[total], "total_laid_off");
      if (n > Integer.MAX_VALUE) {
        throw new BadRecord("total_laid_off " + f[total].trim() + " is out of range");
      }
      headcount = (int) n;
    }
    Double pct = null;
    if (percentage >= 0 && !Fields.isMissing(f[percentage])) {
      double fraction = Fields.decimal(f[percentage], "percentage_laid_off");
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new BadRecord("percentage_laid_off " + f[percentage].trim() + " is not a fraction between 0 and 1");
      }
      // exact decimal shift: 0.13 is 13.0, not 13.000000000000002
      pct = new BigDecimal(f[percentage].trim()).movePointRight(2).doubleValue();
    }
    String url = source >= 0 && !Fields.isMissing(f[source]) ? f[source].trim() : null;
    String rowIndustry = industry >= 0 && !Fields.isMissing(f[industry]) ? f[industry].trim() : null;

    var known = companies.resolve(name);
    String canonical = known.map(CompanyResolver.KnownCompany::canonicalName).orElse(name);
    String ticker = known.map(CompanyResolver.KnownCompany::ticker).filter(t -> !t.isBlank()).orElse(null);
    String sector = known.map(CompanyResolver.KnownCompany::sector).filter(s -> !s.isBlank()).orElse(rowIndustry);

    Instant at = Instant.ofEpochMilli(NewYork.startOfDay(day));
    String id = recordId(name, day, headcount, url);
    return LayoffAnnouncement.newBuilder()
        .setAnnouncementId(id)
        .setCompany(canonical)
        .setTicker(ticker)
        .setSector(sector)
        .setAnnouncedAt(at)
        .setTimePrecision(TimePrecision.DATE)
        .setHeadcount(headcount)
        .setHeadcountQualifier(headcount == null ? null : HeadcountQualifier.EXACT)
        .setWorkforcePct(pct)
        .setDivision(null)
        .setReasons(List.of())
        .setEvidence(null)
        .setConfidence(1.0)
        .setSources(List.of(new AnnouncementSource(id, SourceKind.LAYOFFS_FYI, url, at)))
        .setSourceCount(1)
        .setVersion(1)
        .build();
  }

  /** {@code lfyi-} + 16 hex digits of SHA-256({@code company|yyyy-mm-dd|headcount|source}). */
  public static String recordId(String company, LocalDate date, Integer headcount, String url) {
    String text = company + "|" + date + "|" + (headcount == null ? "" : headcount) + "|" + (url == null ? "" : url);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "lfyi-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private void readHeader() throws IOException {
    CsvRows.Row header = rows.readHeader();
    if (header == null) {
      return;
    }
    company = rows.column("company");
    date = rows.column("date");
    total = rows.column("totallaidoff");
    percentage = rows.column("percentagelaidoff");
    industry = rows.column("industry");
    source = rows.column("source");
    if (company < 0 || date < 0) {
      rows.rejectHeader("unknown column set [" + String.join(", ", header.fields())
          + "]; expected a layoffs.fyi export with at least company and date"
          + " (and total_laid_off, percentage_laid_off, industry, source); file skipped");
      return;
    }
    usable = true;
  }
}
