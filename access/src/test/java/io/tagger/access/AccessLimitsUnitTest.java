package io.tagger.access;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The access limits' own rules, on a clock the test moves: windows end, sizes stay bounded. */
class AccessLimitsUnitTest {
    static final long T0 = 1_000_000;

    @Test
    void failedAuthenticationsThrottleTheirAddressUntilTheMinuteEnds() {
        AuthFailureThrottle t = new AuthFailureThrottle(3);
        assertThat(t.failed("10.0.0.1", T0)).isFalse();
        assertThat(t.failed("10.0.0.1", T0 + 1000)).isFalse();
        assertThat(t.retryAfterMillis("10.0.0.1", T0 + 2000)).isZero();
        assertThat(t.failed("10.0.0.1", T0 + 2000)).isTrue();
        assertThat(t.retryAfterMillis("10.0.0.1", T0 + 2000)).isEqualTo(58_000);
        assertThat(t.retryAfterMillis("10.0.0.2", T0 + 2000)).as("another address").isZero();
        assertThat(t.retryAfterMillis("10.0.0.1", T0 + 60_000)).as("the minute is over").isZero();
        assertThat(t.failed("10.0.0.1", T0 + 60_000)).isFalse();
        AuthFailureThrottle off = new AuthFailureThrottle(0);
        for (int i = 0; i < 1000; i++) {
            off.failed("10.0.0.1", T0);
        }
        assertThat(off.retryAfterMillis("10.0.0.1", T0)).isZero();
    }

    @Test
    void refusalsAreLoggedAFewTimesPerAddressThenSummed() {
        List<String> lines = new ArrayList<>();
        RefusalLog log = new RefusalLog(2, 5, lines::add);
        for (int i = 0; i < 300; i++) {
            log.refused("10.0.0.1", "refused #" + i + " from 10.0.0.1", T0 + i);
        }
        for (int a = 2; a < 10; a++) {
            log.refused("10.0.0." + a, "refused from 10.0.0." + a, T0 + 500);
        }
        assertThat(lines).hasSize(5).first().asString().contains("#0");
        assertThat(lines.get(1)).contains("#1", "counted, not logged");
        log.flush(T0 + 59_999);
        assertThat(lines).hasSize(5);
        log.flush(T0 + 60_000);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(5)).startsWith("303 refused requests were not logged").contains("10.0.0.1: 298");
        log.refused("10.0.0.1", "refused again", T0 + 60_001);
        assertThat(lines).hasSize(7).last().isEqualTo("refused again");
    }

    @Test
    void sessionsAreOpaqueBoundedExpireAndEndWithTheirKey() throws Exception {
        String alice = ApiKeys.newKey();
        String bob = ApiKeys.newKey();
        Path f = Files.createTempFile("keys", ".txt");
        Files.write(f, List.of(ApiKeys.line("alice", Role.READER, alice), ApiKeys.line("bob", Role.UPLOADER, bob)));
        SessionStore s = new SessionStore(new ApiKeys(f, 0), 1000, 3);
        String a = s.open(alice, T0);
        assertThat(a).doesNotContain(alice).hasSizeGreaterThanOrEqualTo(43);
        assertThat(s.find(a, T0 + 999)).get().satisfies(x -> {
            assertThat(x.who().name()).isEqualTo("alice");
            assertThat(x.key()).isEqualTo(alice);
        });
        assertThat(s.find(a, T0 + 1000)).as("expired").isEmpty();
        assertThat(s.find(alice, T0)).as("the key is not a token").isEmpty();
        // Bounded: the oldest session goes first.
        String b1 = s.open(bob, T0);
        String b2 = s.open(bob, T0 + 1);
        String b3 = s.open(bob, T0 + 2);
        String b4 = s.open(bob, T0 + 3);
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.find(b1, T0 + 10)).isEmpty();
        assertThat(s.find(b4, T0 + 10)).isPresent();
        s.close(b4);
        assertThat(s.find(b4, T0 + 10)).as("signed out").isEmpty();
        // Revoking bob's key ends his sessions.
        Files.write(f, List.of(ApiKeys.line("alice", Role.READER, alice)));
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(s.find(b2, T0 + 10)).isEmpty();
        assertThat(s.find(b3, T0 + 10)).isEmpty();
    }

    @Test
    void ipv6ClientsCountByTheirSlash64() {
        assertThat(ClientAddress.normalize("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo(ClientAddress.normalize("2001:db8:1:2::1"))
                .endsWith("/64");
        assertThat(ClientAddress.normalize("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.normalize("2001:db8:1:2::1"));
        assertThat(ClientAddress.normalize("192.0.2.7")).isEqualTo("192.0.2.7");
    }
}
