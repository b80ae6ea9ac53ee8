package io.tagger.e2e;

import com.google.protobuf.ByteString;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.proto.v1.DeadLetter;
import io.tagger.proto.v1.TrackTags;
import io.tagger.serving.ModelBundle;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer written from docs/producing.md alone: plain kafka-clients and the generated proto
 * classes, its own WAV reading, segmenting and PCM encoding (no class of the project's audio,
 * producer or pipeline modules). Its tracks are tagged, with the scores offline inference gives
 * the same files (so the page says enough to reproduce the ingest's segments exactly), and the
 * segments the page says are dead-lettered are, with the reasons it gives.
 */
@ExtendWith(SharedPipeline.Resolver.class)
class ProducerContractTest {
    // --- from docs/producing.md ---
    static final String TOPIC = "audio-in";
    static final int RATE = 16000;
    static final int S = 46560;
    static final int N = 10;

    static SharedPipeline pipeline;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start(SharedPipeline shared) {
        pipeline = shared;
    }

    /** A 16 kHz mono 16-bit WAV as floats at full scale +-1 (code / 32768). */
    static float[] readWav(Path file) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            assertThat(f.getSampleRate()).isEqualTo(RATE);
            assertThat(f.getChannels()).isEqualTo(1);
            assertThat(f.getSampleSizeInBits()).isEqualTo(16);
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            float[] x = new float[b.remaining() / 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = b.getShort() / 32768f;
            }
            return x;
        }
    }

    /** The segments of a track of {@code L} samples: their start samples (the page's table). */
    static int[] starts(int L) {
        if (L < S) {
            return new int[]{0};
        }
        int c = Math.min(N, L / S);
        int[] starts = new int[c];
        for (int i = 0; i < c; i++) {
            starts[i] = c == 1 ? 0 : (int) Math.floor((double) (L - S) * i / (c - 1) + 0.5);
        }
        return starts;
    }

    /** The page's PCM form: the exponent, then the little-endian codes. */
    static AudioSegment.Builder pcm(AudioSegment.Builder b, float[] x, int start) {
        int n = Math.min(S, x.length - start);
        double peak = 0;
        for (int i = start; i < start + n; i++) {
            peak = Math.max(peak, Math.abs(x[i]));
        }
        int e = 0;
        if (peak > 0) {
            e = (int) Math.ceil(Math.log(peak / 32767) / Math.log(2));
            while (32767 * Math.pow(2, e - 1) >= peak) {
                e--;
            }
            while (32767 * Math.pow(2, e) < peak) {
                e++;
            }
        }
        ByteBuffer codes = ByteBuffer.allocate(2 * S).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < S; i++) {
            double code = i < n ? Math.rint(x[start + i] / Math.pow(2, e)) : 0;
            codes.putShort((short) Math.max(-32767, Math.min(32767, code)));
        }
        return b.setPcmS16Le(ByteString.copyFrom(codes.array())).setPcmS16LeExponent(e);
    }

    /** A track's records: one per segment, keyed by the track id. */
    static List<ProducerRecord<String, byte[]>> track(String id, float[] x) {
        int[] starts = starts(x.length);
        long now = System.currentTimeMillis();
        List<ProducerRecord<String, byte[]>> out = new java.util.ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            AudioSegment.Builder b = AudioSegment.newBuilder().setTrackId(id).setSegmentIndex(i).setSegmentCount(starts.length)
                    .setSampleRate(RATE).setZeroPadded(x.length < S).setSource("contract-test").setIngestTimeMs(now);
            out.add(new ProducerRecord<>(TOPIC, id, pcm(b, x, starts[i]).build().toByteArray()));
        }
        return out;
    }

    static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka.bootstrapServers());
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "catalogue-producer-contract-test");
        KafkaProducer<String, byte[]> p = new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer());
        p.initTransactions();
        return p;
    }

    /** One transaction per track. */
    static void send(KafkaProducer<String, byte[]> p, List<ProducerRecord<String, byte[]>> track) {
        p.beginTransaction();
        track.forEach(p::send);
        p.commitTransaction();
    }
    // --- end of the producer ---

    @Test
    void aProducerWrittenFromTheContractGetsItsTracksTaggedAsTheIngestWould() throws Exception {
        Path longTrack = PipelineEndToEndTest.track(220, tmp, 40); // 10 segments spread over 40 s
        Path shortTrack = PipelineEndToEndTest.track(221, tmp, 2);  // one zero-padded segment
        try (KafkaProducer<String, byte[]> p = producer()) {
            send(p, track("contract:long", readWav(longTrack)));
            send(p, track("contract:short", readWav(shortTrack)));
        }
        ModelBundle bundle = ModelBundle.read(SharedPipeline.MODEL);
        String version = "@" + bundle.name() + ":" + bundle.version();
        var tags = TrackTagsOnTopic.await(pipeline.kafka.bootstrapServers(), List.of("contract:long", "contract:short"),
                Duration.ofMinutes(3));
        assertThat(tags.keySet()).as(pipeline::diagnosis).containsExactlyInAnyOrder("contract:long" + version, "contract:short" + version);
        try (OfflineTagger offline = new OfflineTagger(bundle)) {
            for (var e : Map.of("contract:long", longTrack, "contract:short", shortTrack).entrySet()) {
                TrackTags t = TrackTagsOnTopic.parse(tags.get(e.getKey() + version));
                OfflineTagger.Track expected = offline.tag(e.getValue());
                assertThat(t.getSegmentCount()).isEqualTo(expected.segments());
                assertThat(t.getSegmentsScored()).isEqualTo(expected.segments());
                double maxDiff = 0;
                for (int k = 0; k < expected.scores().length; k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(t.getScores(k).getScore() - expected.scores()[k]));
                }
                assertThat(maxDiff).as(e.getKey()).isLessThanOrEqualTo(1e-5);
            }
        }
    }

    /** Two of the page's dead-letter causes: another sample rate, a key other than the track id. */
    @Test
    void segmentsThePageSaysAreDeadLetteredAreWithItsReasons() throws Exception {
        float[] tone = new float[S];
        for (int i = 0; i < S; i++) {
            tone[i] = (float) (0.2 * Math.sin(2 * Math.PI * 440 * i / 44100.0));
        }
        AudioSegment.Builder cd = AudioSegment.newBuilder().setTrackId("contract:cd-rate").setSegmentIndex(0).setSegmentCount(1)
                .setSampleRate(44100);
        AudioSegment.Builder rekeyed = AudioSegment.newBuilder().setTrackId("contract:named").setSegmentIndex(0).setSegmentCount(1)
                .setSampleRate(RATE);
        try (KafkaProducer<String, byte[]> p = producer()) {
            send(p, List.of(new ProducerRecord<>(TOPIC, "contract:cd-rate", pcm(cd, tone, 0).build().toByteArray()),
                    new ProducerRecord<>(TOPIC, "contract:other-key", pcm(rekeyed, tone, 0).build().toByteArray())));
        }
        Map<String, DeadLetter> dead = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.kafka.bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition dlq = new TopicPartition("tagging-dlq", 0);
            c.assign(List.of(dlq));
            c.seekToBeginning(List.of(dlq));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (dead.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(300))) {
                    if (r.key() != null && r.key().startsWith("contract:")) {
                        dead.put(r.key(), DeadLetter.parseFrom(r.value()));
                    }
                }
            }
        }
        assertThat(dead).as(pipeline::diagnosis).containsOnlyKeys("contract:cd-rate", "contract:other-key");
        assertThat(dead.get("contract:cd-rate").getStage()).isEqualTo("features");
        assertThat(dead.get("contract:cd-rate").getReason()).startsWith("segment at 44100 Hz").contains("need 16000 Hz");
        assertThat(dead.get("contract:other-key").getReason()).startsWith("record key is not the track id");
        assertThat(dead.get("contract:other-key").getSourceTopic()).isEqualTo(TOPIC);
    }
}
