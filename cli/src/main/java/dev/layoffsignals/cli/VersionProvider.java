package dev.layoffsignals.cli;

import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;

/** Version of this build and of the Kafka client it runs with. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String own = LayoffSignals.class.getPackage().getImplementationVersion();
    return new String[] {
        "layoff-signals " + (own == null ? "(development build)" : own),
        "Kafka clients " + AppInfoParser.getVersion(),
        "Java " + Runtime.version()
    };
  }
}
