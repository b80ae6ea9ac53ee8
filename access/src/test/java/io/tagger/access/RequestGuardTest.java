package io.tagger.access;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestGuardTest {
    static final String READER = ApiKeys.newKey();
    static final String UPLOADER = ApiKeys.newKey();

    static Path keysFile(String... lines) throws Exception {
        Path f = Files.createTempFile("keys", ".txt");
        Files.write(f, List.of(lines));
        return f;
    }

    static RequestGuard guard(Path keys, int perMinute) {
        return new RequestGuard(new ApiKeys(keys, 0), new RateLimiter(perMinute, perMinute));
    }

    @Test
    void keysAreStoredAsHashesAndRolesAreEnforced() throws Exception {
        Path f = keysFile("# test keys", ApiKeys.line("alice", Role.READER, READER), ApiKeys.line("bob", Role.UPLOADER, UPLOADER));
        assertThat(Files.readString(f)).doesNotContain(READER).doesNotContain(UPLOADER);
        RequestGuard g = guard(f, 1000);
        assertThat(g.check("GET", "/tracks/x/tags", "Bearer " + READER, null).allowed()).isTrue();
        assertThat(g.check("GET", "/tracks/x/tags", null, UPLOADER).allowed()).isTrue();
        assertThat(g.check("POST", "/tracks", "Bearer " + UPLOADER, null).allowed()).isTrue();
        RequestGuard.Decision wrongRole = g.check("POST", "/tracks", "Bearer " + READER, null);
        assertThat(wrongRole.status()).isEqualTo(403);
        assertThat(wrongRole.error()).contains("alice", "reader", "uploader");
    }

    @Test
    void missingOrUnknownKeysAre401AndPublicPathsNeedNone() throws Exception {
        RequestGuard g = guard(keysFile(ApiKeys.line("bob", Role.UPLOADER, UPLOADER)), 1000);
        assertThat(g.check("GET", "/tracks", null, null).status()).isEqualTo(401);
        assertThat(g.check("POST", "/tracks", "Bearer tgk_wrong", null).status()).isEqualTo(401);
        assertThat(g.check("POST", "/tracks", "Basic " + UPLOADER, null).status()).isEqualTo(401);
        assertThat(g.check("GET", "/", null, null).status()).isEqualTo(401);
        assertThat(g.check("GET", "/app.js", null, null).status()).isEqualTo(401);
        assertThat(g.check("GET", "/login.html", null, null).allowed()).isTrue();
        assertThat(g.check("POST", "/session", null, null).allowed()).isTrue();
        assertThat(g.check("DELETE", "/session", null, null).allowed()).as("anyone may sign out").isTrue();
        assertThat(g.check("DELETE", "/tracks", null, null).status()).isEqualTo(401);
        assertThat(g.checkAs("GET", "/", new ApiKeys.Principal("bob", Role.UPLOADER), "no session").allowed()).isTrue();
        assertThat(g.checkAs("POST", "/tracks", new ApiKeys.Principal("al", Role.READER), "no session").status()).isEqualTo(403);
        RequestGuard.Decision noSession = g.checkAs("GET", "/", null, "the session has ended");
        assertThat(noSession.status()).isEqualTo(401);
        assertThat(noSession.error()).isEqualTo("the session has ended");
        assertThat(g.check("GET", "/q/health/ready", null, null).allowed()).isTrue();
        assertThat(g.check("POST", "/", null, null).status()).isEqualTo(401);
        assertThat(g.check("GET", "/q/metrics", null, null).allowed()).isTrue();
        assertThat(g.check("GET", "/tracks/x/versions", null, null).status()).isEqualTo(401);
    }

    @Test
    void noKeysFileAdmitsNobody() {
        RequestGuard g = new RequestGuard(new ApiKeys(null, 0), new RateLimiter(10, 10));
        assertThat(g.check("GET", "/tracks", "Bearer " + READER, null).status()).isEqualTo(401);
        RequestGuard missing = new RequestGuard(new ApiKeys(Path.of("/nonexistent/keys"), 0), new RateLimiter(10, 10));
        assertThat(missing.check("GET", "/tracks", "Bearer " + READER, null).status()).isEqualTo(401);
    }

    @Test
    void revokingAKeyTakesEffectWithoutARestart() throws Exception {
        Path f = keysFile(ApiKeys.line("alice", Role.READER, READER), ApiKeys.line("bob", Role.UPLOADER, UPLOADER));
        RequestGuard g = guard(f, 1000);
        assertThat(g.check("GET", "/tracks", "Bearer " + READER, null).allowed()).isTrue();
        Files.write(f, List.of(ApiKeys.line("bob", Role.UPLOADER, UPLOADER)));
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(g.check("GET", "/tracks", "Bearer " + READER, null).status()).isEqualTo(401);
        assertThat(g.check("GET", "/tracks", "Bearer " + UPLOADER, null).allowed()).isTrue();
    }

    @Test
    void eachKeyHasItsOwnRateLimit() throws Exception {
        RequestGuard g = guard(keysFile(ApiKeys.line("alice", Role.READER, READER), ApiKeys.line("bob", Role.UPLOADER, UPLOADER)), 3);
        for (int i = 0; i < 3; i++) {
            assertThat(g.check("GET", "/tracks", "Bearer " + READER, null).allowed()).isTrue();
        }
        RequestGuard.Decision limited = g.check("GET", "/tracks", "Bearer " + READER, null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfterMillis()).isBetween(1L, 20_001L);
        assertThat(g.check("GET", "/tracks", "Bearer " + UPLOADER, null).allowed()).isTrue();
    }

    @Test
    void rateLimiterRefillsAndConcurrencyLimiterCaps() throws Exception {
        RateLimiter r = new RateLimiter(60, 1);
        assertThat(r.acquire("k", 0)).isZero();
        assertThat(r.acquire("k", 10)).isEqualTo(990);
        assertThat(r.acquire("k", 1000)).isZero();
        ConcurrencyLimiter c = new ConcurrencyLimiter(2, 1);
        AutoCloseable a = c.tryEnter("a");
        assertThat(a).isNotNull();
        assertThat(c.tryEnter("a")).isNull();
        AutoCloseable b = c.tryEnter("b");
        assertThat(b).isNotNull();
        assertThat(c.tryEnter("c")).isNull();
        a.close();
        assertThat(c.tryEnter("c")).isNotNull();
    }

    @Test
    void badParametersAreRefused() {
        assertThatThrownBy(() -> ApiKeys.line("has space", Role.READER, READER)).hasMessageContaining("key name");
        assertThatThrownBy(() -> Role.parse("admin")).hasMessageContaining("reader or uploader");
        assertThatThrownBy(() -> new RateLimiter(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConcurrencyLimiter(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
