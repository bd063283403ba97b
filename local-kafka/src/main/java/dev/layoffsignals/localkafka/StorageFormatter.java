package dev.layoffsignals.localkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft node's log directories, as {@code kafka-storage.sh format} does, unless they already are.
 *
 * <p>A KRaft node refuses to start on unformatted directories: formatting writes {@code meta.properties}
 * (cluster and node id) and the bootstrap metadata (metadata.version and feature levels). Already
 * formatted directories are left alone, which is what keeps a restarted broker's topics and cluster id.
 */
final class StorageFormatter {

  private static final Logger LOG = LoggerFactory.getLogger(StorageFormatter.class);

  private StorageFormatter() {}

  static void formatIfNeeded(KafkaConfig config) {
    MetaPropertiesEnsemble existing = load(config);
    if (existing.emptyLogDirs().isEmpty() && existing.errorLogDirs().isEmpty()) {
      LOG.debug(
          "Kafka storage in {} is already formatted for cluster {}",
          config.logDirs(),
          existing.clusterId());
      return;
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Formatter formatter =
        new Formatter()
            .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
            .setNodeId(config.nodeId())
            // a directory added to a formatted node must join its cluster, not start a new one
            .setClusterId(existing.clusterId().orElseGet(() -> Uuid.randomUuid().toString()))
            .setControllerListenerName(config.controllerListenerNames().get(0))
            .setMetadataLogDirectory(config.metadataLogDir())
            .setDirectories(config.logDirs())
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .setUnstableFeatureVersionsEnabled(config.unstableFeatureVersionsEnabled())
            .setIgnoreFormatted(true);
    try {
      formatter.run();
    } catch (Exception e) {
      throw new LocalKafkaException(
          "Could not format Kafka storage in "
              + config.logDirs()
              + ": "
              + output.toString(StandardCharsets.UTF_8).strip(),
          e);
    }
    LOG.debug("Kafka storage: {}", output.toString(StandardCharsets.UTF_8).strip());
  }

  private static MetaPropertiesEnsemble load(KafkaConfig config) {
    try {
      return new MetaPropertiesEnsemble.Loader()
          .addLogDirs(config.logDirs())
          .addMetadataLogDir(config.metadataLogDir())
          .load();
    } catch (IOException e) {
      throw new LocalKafkaException("Could not read meta.properties in " + config.logDirs(), e);
    }
  }
}
