package io.tagger.pipeline;

import io.tagger.features.Architectures;
import io.tagger.producer.CatalogueProducer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer library states the segment geometry of audio-in itself (it does not depend on the
 * feature library, where the models' is): the two must not drift apart, or a catalogue producer's
 * tracks would be cut other than the ingest service's and the offline tools'.
 */
class SegmentGeometryTest {
    @Test
    void theProducersGeometryIsTheModels() {
        assertThat(CatalogueProducer.SEGMENTS_PER_TRACK).isEqualTo(Architectures.SEGMENTS_PER_TRACK);
        assertThat(CatalogueProducer.SEGMENT_SAMPLES).isEqualTo(Architectures.SEGMENT_SAMPLES);
        assertThat(CatalogueProducer.SAMPLE_RATE).isEqualTo(Architectures.SAMPLE_RATE);
        for (String settings : new String[]{"a", "b", "c"}) {
            assertThat(Architectures.named(settings).segmentSamples()).isEqualTo(CatalogueProducer.SEGMENT_SAMPLES);
            assertThat(Architectures.named(settings).sampleRate()).isEqualTo(CatalogueProducer.SAMPLE_RATE);
        }
    }
}
