package dev.layoffsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layoffsignals.schemas.Article;
import dev.layoffsignals.schemas.LayoffAnnouncement;
import dev.layoffsignals.schemas.MarketReaction;
import dev.layoffsignals.schemas.ReactionWindow;
import dev.layoffsignals.schemas.StockTick;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSchemasTest {

  static Stream<Schema> generatedSchemas() {
    return Stream.of(Article.getClassSchema(), StockTick.getClassSchema(), LayoffAnnouncement.getClassSchema(),
        MarketReaction.getClassSchema(), ReactionWindow.getClassSchema());
  }

  @ParameterizedTest
  @MethodSource("generatedSchemas")
  void removingJavaPropertiesGivesBackThePublishedSchema(Schema generated) {
    Schema published = PublishedSchemas.parse(generated.getName());

    Schema stripped = AvroSchemas.withoutJavaProperties(generated);

    assertThat(generated.toString()).contains("\"avro.java.string\":\"String\"");
    assertThat(stripped).isEqualTo(published);
    assertThat(stripped.toString()).isEqualTo(published.toString());
  }
}
