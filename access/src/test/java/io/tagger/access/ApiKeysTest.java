package io.tagger.access;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The keys and limits under the services' authentication mechanism: keys stored as hashes with
 * their roles, how a request presents one, revocation without a restart, per-key rates and the
 * concurrency cap. What the HTTP layer makes of them (401, 403, 429, public endpoints) is tested on
 * the services themselves (ingest-service SecurityTest, AccessOnBothServicesTest; the inference
 * service's InferenceServiceTest).
 */
class ApiKeysTest {
    static final String READER = ApiKeys.newKey();
    static final String UPLOADER = ApiKeys.newKey();

    static Path keysFile(String... lines) throws Exception {
        Path f = Files.createTempFile("keys", ".txt");
        Files.write(f, List.of(lines));
        return f;
    }

    @Test
    void keysAreStoredAsHashesAndCarryTheirRoles() throws Exception {
        Path f = keysFile("# test keys", ApiKeys.line("alice", Role.READER, READER), ApiKeys.line("bob", Role.UPLOADER, UPLOADER));
        assertThat(Files.readString(f)).doesNotContain(READER).doesNotContain(UPLOADER);
        ApiKeys keys = new ApiKeys(f, 0);
        assertThat(keys.authenticate(READER)).contains(new ApiKeys.Principal("alice", Role.READER));
        assertThat(keys.authenticate(" " + UPLOADER + " ")).contains(new ApiKeys.Principal("bob", Role.UPLOADER));
        assertThat(keys.authenticate("tgk_wrong")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
        assertThat(Role.UPLOADER.allows(Role.READER)).isTrue();
        assertThat(Role.READER.allows(Role.UPLOADER)).isFalse();
        assertThat(Role.READER.allows(Role.READER)).isTrue();
    }

    @Test
    void aKeyIsPresentedInXApiKeyOrAsABearerToken() {
        assertThat(ApiKeys.presented(null, UPLOADER)).isEqualTo(UPLOADER);
        assertThat(ApiKeys.presented("Bearer " + READER, null)).isEqualTo(READER);
        assertThat(ApiKeys.presented("bearer " + READER, null)).isEqualTo(READER);
        assertThat(ApiKeys.presented("Bearer " + READER, UPLOADER)).as("X-Api-Key first").isEqualTo(UPLOADER);
        assertThat(ApiKeys.presented("Basic " + UPLOADER, null)).isNull();
        assertThat(ApiKeys.presented(null, null)).isNull();
        assertThat(ApiKeys.presented(null, " ")).isNull();
    }

    @Test
    void noKeysFileAdmitsNobody() {
        assertThat(new ApiKeys(null, 0).authenticate(READER)).isEmpty();
        assertThat(new ApiKeys(Path.of("/nonexistent/keys"), 0).authenticate(READER)).isEmpty();
    }

    @Test
    void revokingAKeyTakesEffectWithoutARestart() throws Exception {
        Path f = keysFile(ApiKeys.line("alice", Role.READER, READER), ApiKeys.line("bob", Role.UPLOADER, UPLOADER));
        ApiKeys keys = new ApiKeys(f, 0);
        assertThat(keys.authenticate(READER)).isPresent();
        Files.write(f, List.of(ApiKeys.line("bob", Role.UPLOADER, UPLOADER)));
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(keys.authenticate(READER)).isEmpty();
        assertThat(keys.authenticate(UPLOADER)).isPresent();
    }

    @Test
    void eachKeyHasItsOwnRateLimit() {
        RateLimiter rate = new RateLimiter(3, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(rate.acquire("alice", 1000)).isZero();
        }
        assertThat(rate.acquire("alice", 1000)).isBetween(1L, 20_001L);
        assertThat(rate.acquire("bob", 1000)).isZero();
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
