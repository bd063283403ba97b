/**
 * A real single-node Kafka (KRaft broker and controller in one node), run from Kafka's own server
 * code, for local runs, the demo and tests.
 *
 * <ul>
 *   <li>{@link dev.layoffsignals.localkafka.LocalKafka}: start one in-process (fast, for tests) or in a
 *       child JVM (isolated, killable, for the demo and crash tests); both return once it is ready.</li>
 *   <li>{@link dev.layoffsignals.localkafka.LocalKafkaBuilder}: fixed ports, keeping data across
 *       restarts, broker overrides, the child's heap, java binary, classpath and log level.</li>
 *   <li>{@link dev.layoffsignals.localkafka.BrokerCommand}: the {@code broker} subcommand of the CLI.</li>
 * </ul>
 *
 * <p>Layout of a work directory: {@code server.properties} (what ran), {@code data/} (partitions and
 * the metadata log), {@code broker.log} and {@code child-jvm.args} (child only), {@code .local-kafka}
 * (the marker that allows wiping it).
 */
package dev.layoffsignals.localkafka;
