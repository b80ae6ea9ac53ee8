package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of wrong keys from one address: after the configured failures a minute that address is
 * answered 429 with a Retry-After (even with a valid key, so guessing learns nothing), other
 * addresses go on, and the refusals are logged only a few times, not once each. The flood comes
 * from 127.0.0.2, the rest of the tests from 127.0.0.1: two clients to the server.
 */
@QuarkusTest
@TestProfile(AuthFailureThrottleTest.DefaultThrottle.class)
@QuarkusTestResource(KafkaResource.class)
class AuthFailureThrottleTest {
    static final String FLOODER = "127.0.0.2";

    /** The documented defaults, spelled out. */
    public static class DefaultThrottle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tagger.access.auth-failures-per-minute", "20", "tagger.access.refusals-logged-per-address", "5");
        }
    }

    static final class Captured extends Handler {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord r) {
            String msg = r.getParameters() == null || r.getParameters().length == 0 ? r.getMessage()
                    : String.format(r.getMessage(), r.getParameters());
            lines.add(msg);
        }

        synchronized List<String> mentioning(String s) {
            return lines.stream().filter(l -> l.contains(s)).toList();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void threeHundredWrongKeysAreThrottledAndNotEachLogged() throws Exception {
        Logger logger = Logger.getLogger("io.tagger");
        Captured log = new Captured();
        logger.addHandler(log);
        try {
            Map<Integer, Integer> statuses = new TreeMap<>();
            RawHttp.Answer last = null;
            for (int i = 0; i < 300; i++) {
                last = RawHttp.request(FLOODER, "GET", "/tracks/t/tags", Map.of("Authorization", "Bearer tgk_guess" + i));
                statuses.merge(last.status(), 1, Integer::sum);
            }
            assertThat(statuses).as("answers by status").containsEntry(401, 20).containsEntry(429, 280);
            assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);
            assertThat(last.body()).contains("too many failed", "\"type\":\"urn:tagger:problem:auth-throttled\"", "\"status\":429");
            assertThat(last.header("Content-Type")).isEqualTo("application/problem+json");
            // Sign-in guesses count as well and are refused the same way.
            assertThat(RawHttp.request(FLOODER, "POST", "/session", Map.of("Content-Type", "application/json"))
                    .status()).isEqualTo(429);
            // While throttled, a valid key from that address is refused too: the answer tells nothing about the key.
            assertThat(RawHttp.request(FLOODER, "GET", "/tracks/t/tags", Map.of("Authorization", "Bearer " + TestApiKeys.READER))
                    .status()).isEqualTo(429);
            // Public endpoints still answer there, and other addresses are not affected.
            assertThat(RawHttp.request(FLOODER, "GET", "/q/health/ready", Map.of()).status()).isEqualTo(200);
            given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/t/tags").then().statusCode(503);
            given().auth().oauth2("tgk_one_wrong_guess").when().get("/tracks/t/tags").then().statusCode(401);
            List<String> flooderLines = log.mentioning(FLOODER);
            assertThat(flooderLines).as("log lines about %s: %s", FLOODER, flooderLines).hasSizeBetween(5, 7);
        } finally {
            logger.removeHandler(log);
        }
    }
}
