package io.tagger.pipeline;

import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;

/** TopologyTestDriver configuration shared by the topology tests. */
final class TestDrivers {
    private TestDrivers() {
    }

    /** An application id, no broker, and a state directory of its own (stateful topologies must not share one). */
    static Properties config(String applicationId) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/" + applicationId + "-" + System.nanoTime());
        return p;
    }
}
