package dev.layoffsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientFactoryTest {

  @AfterEach
  void dropScopes() {
    MockSchemaRegistry.dropScope("factory-a");
    MockSchemaRegistry.dropScope("factory-b");
  }

  @Test
  void sameMockScopeIsTheSameRegistry() {
    SchemaRegistryClient first = SchemaRegistryClientFactory.create(Map.of("schema.registry.url", "mock://factory-a"));
    SchemaRegistryClient second = SchemaRegistryClientFactory.create(Map.of("schema.registry.url", "mock://factory-a"));
    SchemaRegistryClient other = SchemaRegistryClientFactory.create(Map.of("schema.registry.url", "mock://factory-b"));

    first.register("s", SchemaBuilder.record("A").fields().endRecord());

    assertThat(second.getAllSubjects()).containsExactly("s");
    assertThat(other.getAllSubjects()).isEmpty();
  }

  @Test
  void droppedScopeStartsEmpty() {
    SchemaRegistryClientFactory.create(Map.of("schema.registry.url", "mock://factory-a"))
        .register("s", SchemaBuilder.record("A").fields().endRecord());

    MockSchemaRegistry.dropScope("factory-a");

    assertThat(SchemaRegistryClientFactory.create(Map.of("schema.registry.url", "mock://factory-a"))
        .getAllSubjects()).isEmpty();
  }

  @Test
  void httpUrlsGiveAnHttpClientOverEveryUrl() {
    SchemaRegistryClient client = SchemaRegistryClientFactory.create(
        Map.of("schema.registry.url", "http://registry-1:8081, http://registry-2:8081/"));

    assertThat(client).isInstanceOfSatisfying(HttpSchemaRegistryClient.class, http ->
        assertThat(http.urls()).containsExactly(URI.create("http://registry-1:8081"), URI.create("http://registry-2:8081")));
  }

  @Test
  void missingUrlIsAConfigError() {
    assertThatThrownBy(() -> SchemaRegistryClientFactory.create(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void mockUrlMixedWithHttpUrlsIsAConfigError() {
    assertThatThrownBy(() -> SchemaRegistryClientFactory.create(
        Map.of("schema.registry.url", "mock://factory-a,http://registry:8081")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot be combined");
  }

  @Test
  void notAnHttpUrlIsAConfigError() {
    assertThatThrownBy(() -> SchemaRegistryClientFactory.create(Map.of("schema.registry.url", "registry:8081")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected http://host:port");
  }
}
