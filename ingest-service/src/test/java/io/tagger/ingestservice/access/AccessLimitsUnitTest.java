package io.tagger.ingestservice.access;

import io.tagger.access.ApiKeys;
import io.tagger.access.Role;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The access limits' own rules, on a clock the test moves: sessions expire, their number stays bounded. */
class AccessLimitsUnitTest {
    static final long T0 = 1_000_000;

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
