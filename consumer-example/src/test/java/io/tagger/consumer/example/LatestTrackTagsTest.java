package io.tagger.consumer.example;

import io.tagger.proto.v1.TrackTags;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/consuming.md's rules for picking a track's tags, on records as the pipeline keys them. */
class LatestTrackTagsTest {
    static TrackTags tags(String track, String version, long taggedAt, int scored) {
        return TrackTags.newBuilder().setTrackId(track).setModelName("m").setModelVersion(version).setTaggedTimeMs(taggedAt)
                .setSegmentCount(10).setSegmentsScored(scored).addTags("drums").build();
    }

    static String key(TrackTags t) {
        return t.getTrackId() + "@" + t.getModelName() + ":" + t.getModelVersion();
    }

    @Test
    void theNewestTaggedVersionUnlessOneIsPinned() throws Exception {
        TrackTags v1 = tags("t", "1", 1000, 10);
        TrackTags v2 = tags("t", "2", 2000, 10);
        TrackTags other = tags("u", "1", 1500, 7);
        LatestTrackTags newest = new LatestTrackTags(null);
        LatestTrackTags pinned = new LatestTrackTags("m:1");
        for (TrackTags t : new TrackTags[]{v2, v1, other}) { // a re-tag's records may come before older ones on other partitions
            newest.apply(key(t), t.toByteArray());
            pinned.apply(key(t), t.toByteArray());
        }
        assertThat(newest.latest("t")).contains(v2);
        assertThat(pinned.latest("t")).contains(v1);
        assertThat(newest.latest()).containsOnlyKeys("t", "u");
        assertThat(LatestTrackTags.complete(other)).isFalse();
        assertThat(LatestTrackTags.complete(v1)).isTrue();
        assertThat(newest.latest("nothing")).isEmpty();
    }

    @Test
    void aLaterRecordOfTheSameKeyReplacesTheEarlierAndATombstoneRemovesIt() throws Exception {
        LatestTrackTags view = new LatestTrackTags(null);
        TrackTags first = tags("t", "1", 1000, 10);
        TrackTags again = tags("t", "1", 1001, 10);
        view.apply(key(first), first.toByteArray());
        view.apply(key(again), again.toByteArray());
        assertThat(view.latest("t")).contains(again);
        assertThat(view.apply("t@m:1", null)).contains("t");
        assertThat(view.latest("t")).isEmpty();
    }
}
