package io.tagger.inferenceservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tagger.features.FeatureExtractor;
import io.tagger.pipeline.FeatureMessages;
import io.tagger.pipeline.StreamThreadRecovery;
import io.tagger.pipeline.Topics;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.proto.v1.DeadLetter;
import io.tagger.proto.v1.SegmentFeatures;
import io.tagger.proto.v1.TrackTags;
import io.tagger.serving.BundlePredictor;
import io.tagger.serving.ModelBundle;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The inference service with the shipped model bundle on a real (in-process) broker: each track's
 * TrackTags equals offline inference of the same features with the same bundle within 1e-5.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class InferenceServiceTest {
    @Inject
    ServedBundle served;

    @Inject
    StreamsUncaughtExceptionHandler threadHandler;

    static SegmentFeatures features(ModelBundle bundle, String track, int index, int count, double freq) {
        int n = bundle.settings().segmentSamples();
        AudioSegment.Builder a = AudioSegment.newBuilder().setTrackId(track).setSegmentIndex(index).setSegmentCount(count)
                .setSampleRate(16000);
        java.util.Random r = new java.util.Random(index);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * freq * i / 16000.0) + 0.01 * r.nextGaussian());
        }
        AudioSegment s = FeatureMessages.setPcm(a, x, 0, n, n, new byte[n * Short.BYTES]).build();
        return FeatureMessages.toProto(s, bundle.settings(),
                new FeatureExtractor(bundle.settings()).extract(FeatureMessages.samples(s), 16000));
    }



    static List<float[]> perFeature(float[][] inputs) {
        return java.util.Arrays.asList(inputs);
    }

    static List<ConsumerRecord<String, byte[]>> consume(String topic, int n) {
        return KafkaResource.kafka().readCommitted(topic, n, Duration.ofSeconds(60));
    }

    @Test
    void tensorflowRunsWithTheConfiguredThreads() {
        // tagger.inference.tensorflow-threads (default 1) reaches DJL before the model loads.
        assertThat(served.bundle()).isNotNull();
        assertThat(System.getProperty("ai.djl.tensorflow.num_intraop_threads")).isEqualTo("1");
        assertThat(System.getProperty("ai.djl.tensorflow.num_interop_threads")).isEqualTo("1");
    }

    @Test
    void tracksAreTaggedOnceWithOfflineScoresAndCanBeQueried() throws Exception {
        ModelBundle bundle = served.bundle();
        Map<String, List<SegmentFeatures>> tracks = new HashMap<>();
        tracks.put("low", List.of(features(bundle, "low", 0, 3, 110), features(bundle, "low", 1, 3, 120),
                features(bundle, "low", 2, 3, 130)));
        tracks.put("high", List.of(features(bundle, "high", 0, 2, 1500), features(bundle, "high", 1, 2, 1700)));
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (var e : tracks.entrySet()) {
                for (SegmentFeatures f : e.getValue()) {
                    p.send(new ProducerRecord<>(Topics.SEGMENT_FEATURES, e.getKey(), f.toByteArray()));
                }
            }
            p.send(new ProducerRecord<>(Topics.SEGMENT_FEATURES, "high", tracks.get("high").get(0).toByteArray())); // duplicate
            p.send(new ProducerRecord<>(Topics.SEGMENT_FEATURES, "other",
                    tracks.get("low").get(0).toBuilder().setTrackId("other").setFeatureSettingsId("b-000000000000").build().toByteArray()));
        }
        assertThat(consume(Topics.TRACK_TAGS, 2)).hasSize(2);
        // Exactly one TrackTags per track, the duplicate segment notwithstanding.
        List<ConsumerRecord<String, byte[]>> out = KafkaResource.kafka().readCommitted(Topics.TRACK_TAGS, Integer.MAX_VALUE, Duration.ofSeconds(3));
        assertThat(out).extracting(r -> Topics.trackIdOfTagsKey(r.key())).containsExactlyInAnyOrder("low", "high");
        try (BundlePredictor predictor = new BundlePredictor(bundle); BundlePredictor.Scorer scorer = predictor.newScorer()) {
            for (var r : out) {
                TrackTags t = TrackTags.parseFrom(r.value());
                List<SegmentFeatures> segs = tracks.get(Topics.trackIdOfTagsKey(r.key()));
                assertThat(t.getSegmentsScored()).isEqualTo(segs.size());
                double[] mean = new double[bundle.tags().size()];
                for (SegmentFeatures f : segs) {
                    float[] s = scorer.score(perFeature(FeatureMessages.inputs(f, served.served().inputs(),
                            served.served().rows(), served.served().frames())), 1, served.served().rows(),
                            served.served().frames())[0];
                    for (int k = 0; k < mean.length; k++) {
                        mean[k] += s[k] / segs.size();
                    }
                }
                for (int k = 0; k < mean.length; k++) {
                    assertThat((double) t.getScores(k).getScore()).isCloseTo(mean[k], org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
        List<ConsumerRecord<String, byte[]>> dead = consume(Topics.DLQ, 1);
        assertThat(DeadLetter.parseFrom(dead.get(0).value()).getReason()).contains("b-000000000000");
        // Issues #20/#21: the dead letter is counted, the incomplete-track and replacement counters exist,
        // and every metric the alerts and the dashboard use is exported.
        String scrape = assertListedMetricsAreExported("inference-service");
        assertThat(scrape).containsPattern("tagger_dead_letters_total\\{[^}]*reason=\"other-feature-settings\"[^}]*"
                + "source_topic=\"segment-features\"[^}]*stage=\"inference\"[^}]*} 1\\.0");
        assertThat(scrape).containsPattern("(?m)^tagger_inference_incomplete_tracks_total\\{[^}]*model=\"" + served.served().name()
                + ":" + served.served().version() + "\"[^}]*} 0\\.0");
        given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/low/tags").then().statusCode(200).body("trackId", equalTo("low"))
                .body("segmentsScored", equalTo(3));
        given().auth().oauth2(TestApiKeys.UPLOADER).when().get("/tracks/nobody/tags").then().statusCode(404);
        given().when().get("/q/health/ready").then().statusCode(200);
        // Browse, search and status answer from the same store.
        given().auth().oauth2(TestApiKeys.READER).when().get("/tracks?limit=10").then().statusCode(200)
                .body("trackId", org.hamcrest.Matchers.hasItems("low", "high"));
        given().auth().oauth2(TestApiKeys.READER).when().get("/tracks?q=hi").then().statusCode(200)
                .body("trackId", org.hamcrest.Matchers.contains("high"));
        given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/low/status").then().statusCode(200)
                .body("stage", equalTo("tagged")).body("segmentsScored", equalTo(3));
        given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/unseen/status").then().statusCode(200)
                .body("stage", equalTo("waiting"));
        given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/low/versions").then().statusCode(200)
                .body("version", org.hamcrest.Matchers.hasSize(1));
        // No key, or a wrong one: refused, nothing served.
        given().when().get("/tracks/low/tags").then().statusCode(401).body(org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.containsString("scores")));
        given().auth().oauth2("tgk_not-a-key").when().get("/tracks?limit=1").then().statusCode(401);
    }

    @Test
    void aDeadStreamThreadIsReplaced() {
        assertThat(threadHandler).isInstanceOf(StreamThreadRecovery.class);
    }
    /** Every metric the monitoring lists for {@code service} is in its /q/metrics. */
    static String assertListedMetricsAreExported(String service) throws java.io.IOException {
        String scrape = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(io.tagger.testing.MonitoredMetrics.listed(service)).hasSizeGreaterThan(5);
        assertThat(io.tagger.testing.MonitoredMetrics.missing(service, scrape)).as(service + "'s /q/metrics lacks").isEmpty();
        return scrape;
    }
}
