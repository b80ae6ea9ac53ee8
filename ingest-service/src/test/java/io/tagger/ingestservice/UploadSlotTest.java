package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A key's upload slots (2 by default) are taken when the request arrives, before its body is read
 * and spooled to disk: a third parallel upload of the same key is refused at once with 429 while
 * the first two are still sending, and a slot comes back however its upload ends (done, refused
 * by content, or the client gone mid-body).
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class UploadSlotTest {
    static final String BOUNDARY = "slot-test-boundary";

    static byte[] body(byte[] file, String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(file);
        b.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    /** An upload that has sent its head and the first part of its body, and waits. */
    static final class HeldUpload implements AutoCloseable {
        final RawHttp conn;
        final byte[] body;

        HeldUpload(byte[] body) throws Exception {
            this.body = body;
            conn = RawHttp.open("127.0.0.1");
            conn.sendHead("POST", "/tracks", Map.of("Authorization", "Bearer " + TestApiKeys.UPLOADER,
                    "Content-Type", "multipart/form-data; boundary=" + BOUNDARY), body.length);
            conn.send(java.util.Arrays.copyOf(body, 100));
        }

        RawHttp.Answer finish() throws Exception {
            conn.send(java.util.Arrays.copyOfRange(body, 100, body.length));
            return conn.answer(60_000);
        }

        @Override
        public void close() throws Exception {
            conn.close();
        }
    }

    @Test
    void theSlotIsTakenBeforeTheBodyIsReadAndComesBackOnEveryPath() throws Exception {
        byte[] wav = body(Files.readAllBytes(IngestServiceTest.AUDIO.resolve("chord16k.wav")), "a.wav");
        try (HeldUpload first = new HeldUpload(wav); HeldUpload second = new HeldUpload(wav)) {
            Thread.sleep(300);
            try (HeldUpload third = new HeldUpload(wav)) {
                // Answered with only its head and 100 bytes sent: nothing of it was spooled.
                RawHttp.Answer refused = third.conn.answer(5_000);
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.header("Retry-After")).isNotNull();
                assertThat(refused.body()).contains("too many uploads");
            }
            assertThat(first.finish().status()).isEqualTo(202);
            assertThat(second.finish().status()).isEqualTo(202);
        }
        // Refused by content (422): the slot comes back.
        byte[] junk = body("not audio at all".repeat(100).getBytes(StandardCharsets.UTF_8), "junk.mp3");
        for (int i = 0; i < 3; i++) {
            try (HeldUpload u = new HeldUpload(junk)) {
                assertThat(u.finish().status()).isEqualTo(422);
            }
        }
        // The client goes away mid-body: the slot comes back once the server sees it.
        for (int i = 0; i < 3; i++) {
            new HeldUpload(wav).close();
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try (HeldUpload first = new HeldUpload(wav); HeldUpload second = new HeldUpload(wav)) {
                Thread.sleep(300);
                // Either may have come while a departed client's slot was still held (the server
                // sees a client leave a moment later): refused at once, try again.
                boolean refused = false;
                for (HeldUpload u : java.util.List.of(first, second)) {
                    try {
                        RawHttp.Answer early = u.conn.answer(500);
                        assertThat(early.status()).isEqualTo(429);
                        refused = true;
                    } catch (SocketTimeoutException holding) {
                        // no answer yet: this upload holds a slot
                    }
                }
                if (refused) {
                    assertThat(System.currentTimeMillis()).as("slots still taken by uploads whose clients left").isLessThan(deadline);
                    continue;
                }
                assertThat(first.finish().status()).isEqualTo(202);
                assertThat(second.finish().status()).isEqualTo(202);
                break;
            }
        }
    }
}
