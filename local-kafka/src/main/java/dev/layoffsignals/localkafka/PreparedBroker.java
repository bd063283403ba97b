package dev.layoffsignals.localkafka;

import java.util.Collections;
import java.util.Map;

/**
 * What a broker of either kind has before it is launched: its ports, a prepared work directory and
 * its effective properties, already written to {@code server.properties}.
 *
 * <p>Both kinds prepare it the same way so that a broker started in-process and one started in a
 * child JVM read the same configuration from the same layout, and a restart of either finds it.
 */
record PreparedBroker(
    LocalKafkaSettings settings,
    WorkDirectory workDirectory,
    Map<String, String> brokerConfig,
    int brokerPort,
    int controllerPort) {

  /** Resolves free ports, wipes (unless keepData) the work directory and writes the properties. */
  static PreparedBroker prepare(LocalKafkaSettings settings) {
    int[] ports = FreePorts.resolve(settings.brokerPort(), settings.controllerPort());
    WorkDirectory workDirectory = WorkDirectory.prepare(settings.workDir(), !settings.keepData());
    Map<String, String> brokerConfig =
        Collections.unmodifiableMap(
            BrokerProperties.singleNode(
                workDirectory.dataDir(), ports[0], ports[1], settings.overrides()));
    BrokerProperties.write(brokerConfig, workDirectory.serverProperties());
    return new PreparedBroker(settings, workDirectory, brokerConfig, ports[0], ports[1]);
  }

  String bootstrapServers() {
    return BrokerProperties.bootstrapServers(brokerPort);
  }
}
