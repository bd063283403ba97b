package dev.layoffsignals.eventstudy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyClosesCsvTest {

  @Test
  void findsDateAndCloseByHeaderNameAndSkipsMissingCloses() throws IOException {
    String csv = """
        Open,Close,Volume,Date
        1.0,11.5,100,2024-08-02
        1.0,,100,2024-08-05
        1.0,null,100,2024-08-06
        1.0,10.5,100,2024-08-01
        """;

    assertThat(DailyClosesCsv.read(new StringReader(csv), "test.csv")).containsExactly(
        new DailyClose(LocalDate.parse("2024-08-01"), 10.5),
        new DailyClose(LocalDate.parse("2024-08-02"), 11.5));
  }

  @Test
  void readsTheYahooFiles() {
    List<DailyClose> meta = HistoricalPrices.closes("META");

    assertThat(meta).hasSize(1255);
    assertThat(meta.get(0)).isEqualTo(new DailyClose(LocalDate.parse("2021-01-11"), 255.05833435058594));
    assertThat(meta.get(1254).date()).isEqualTo(LocalDate.parse("2026-01-08"));
  }

  @Test
  void rejectsWhatItCannotReadFaithfully() {
    assertThatThrownBy(() -> DailyClosesCsv.read(new StringReader("Date,Open\n2024-08-01,1\n"), "a.csv"))
        .hasMessage("a.csv: no Close column in [Date, Open]");
    assertThatThrownBy(() -> DailyClosesCsv.read(new StringReader("Date,Close\n2024-08-01,1\n2024-08-01,2\n"), "b.csv"))
        .hasMessage("b.csv: two rows for 2024-08-01");
    assertThatThrownBy(() -> DailyClosesCsv.read(new StringReader("Date,Close\n08/01/2024,1\n"), "c.csv"))
        .hasMessageStartingWith("c.csv:2: Text '08/01/2024' could not be parsed");
    assertThatThrownBy(() -> DailyClosesCsv.read(new StringReader("Date,Close\n2024-08-01,-1\n"), "d.csv"))
        .hasMessage("d.csv:2: close of 2024-08-01 must be positive and finite, was -1.0");
    assertThatThrownBy(() -> DailyClosesCsv.read(new StringReader(""), "e.csv"))
        .hasMessage("e.csv: empty file, expected a header with Date and Close");
  }
}
