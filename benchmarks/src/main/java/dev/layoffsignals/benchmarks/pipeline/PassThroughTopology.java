package dev.layoffsignals.benchmarks.pipeline;

import dev.layoffsignals.schemas.StockTick;
import dev.layoffsignals.topics.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The least a Kafka Streams application can do with the ticks: decode each one (Avro, the
 * catalogue's serde), encode it again and write it to {@value BenchCluster#PASS_THROUGH_OUTPUT}.
 * Run with the same processing guarantee and commit interval as the topology, it is what
 * exactly-once Kafka Streams costs on this machine before any logic.
 */
final class PassThroughTopology {

  private PassThroughTopology() {}

  static Topology build(Map<String, ?> serdeConfig) {
    Serde<StockTick> ticks = Topics.STOCK_TICKS.valueSerde(serdeConfig);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.STOCK_TICKS.name(), Consumed.with(Serdes.String(), ticks).withName("pass-through-source"))
        .to(BenchCluster.PASS_THROUGH_OUTPUT, Produced.with(Serdes.String(), ticks).withName("pass-through-sink"));
    return builder.build();
  }
}
