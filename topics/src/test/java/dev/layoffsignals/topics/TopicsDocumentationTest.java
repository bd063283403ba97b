package dev.layoffsignals.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/topics.md is the contract dashboard builders read: it must say what the catalogue does. */
class TopicsDocumentationTest {

  static final Path DOC = Path.of("../docs/topics.md");

  @Test
  void everyTopicRowMatchesTheCatalogue() throws IOException {
    Map<String, List<String>> rows = Files.readAllLines(DOC).stream()
        .filter(line -> line.startsWith("| `"))
        .map(line -> Arrays.stream(line.split("(?<!\\\\)\\|")).map(String::trim).skip(1).toList())
        .filter(cells -> cells.size() == 6)
        .collect(Collectors.toMap(cells -> cells.get(0).replace("`", ""), Function.identity()));

    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
    for (Topic<?, ?> topic : Topics.ALL) {
      List<String> row = rows.get(topic.name());
      String expectedValue = topic.valueType() == byte[].class ? "original value bytes" : "`" + topic.valueType().getSimpleName() + "`";
      assertThat(row.get(2)).as("value of %s", topic).isEqualTo(expectedValue);
      assertThat(row.get(3)).as("cleanup of %s", topic).isEqualTo(topic.cleanupPolicy().configValue());
      assertThat(row.get(4)).as("partitions of %s", topic).isEqualTo(String.valueOf(topic.partitions()));
    }
  }

  @Test
  void everyErrorHeaderIsDocumented() throws IOException {
    String doc = Files.readString(DOC);

    assertThat(doc).contains("`" + ErrorHeaders.REASON + "`", "`" + ErrorHeaders.CATEGORY + "`",
        "`" + ErrorHeaders.EXCEPTION + "`", "`" + ErrorHeaders.SOURCE_TOPIC + "`",
        "`" + ErrorHeaders.SOURCE_PARTITION + "`", "`" + ErrorHeaders.SOURCE_OFFSET + "`",
        "`" + ErrorHeaders.PROCESSOR + "`");
  }
}
