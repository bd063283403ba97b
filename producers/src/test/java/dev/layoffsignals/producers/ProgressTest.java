package dev.layoffsignals.producers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void drawsRateEtaAndTopicsOnAFakeClock() {
    StringWriter sw = new StringWriter();
    long[] now = {0};
    Progress p = new Progress(new PrintWriter(sw), true, () -> now[0]);
    p.expect(OptionalLong.of(4096));
    Map<String, long[]> topics = new LinkedHashMap<>();
    topics.put("stock-ticks", new long[] {2000});
    topics.put("layoff-records", new long[] {48});

    p.update(1024, topics);               // too soon: nothing drawn
    assertThat(sw.toString()).isEmpty();
    now[0] = 1_000_000_000L;              // 1 s later, 2,048 done
    p.update(2048, topics);

    assertThat(sw.toString()).isEqualTo(
        "\r[############............]  50.0% 2,048/4,096  2,048/s  ETA 0:01  stock-ticks 2,000  layoff-records 48   ");

    sw.getBuffer().setLength(0);
    p.finish(4096, topics);
    assertThat(sw.toString()).startsWith("\r[########################] 100.0% 4,096/4,096").endsWith(System.lineSeparator());
  }

  @Test
  void disabledDrawsNothing() {
    StringWriter sw = new StringWriter();
    Progress p = new Progress(new PrintWriter(sw), false, System::nanoTime);
    p.update(1024, Map.of());
    p.finish(1024, Map.of());
    assertThat(sw.toString()).isEmpty();
  }
}
