package io.tagger.pipeline;

import io.tagger.proto.v1.SegmentFeatures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One batch for all the tasks of a stream thread: each task gets back exactly its own scores. */
class ThreadBatchTest {
    final List<Integer> calls = new ArrayList<>();

    /** Scores a segment with its single input value, so that every score says whose it is. */
    float[][] score(List<float[][]> batch) {
        calls.add(batch.size());
        float[][] out = new float[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            out[i] = new float[]{batch.get(i)[0][0]};
        }
        return out;
    }

    static final class Task implements ThreadBatch.Owner {
        final List<String> got = new ArrayList<>();

        @Override
        public void scored(String pendingKey, SegmentFeatures segment, float[] scores) {
            got.add(pendingKey + "=" + (int) scores[0] + "@" + segment.getTrackId());
        }
    }

    static SegmentFeatures segment(String track) {
        return SegmentFeatures.newBuilder().setTrackId(track).build();
    }

    static float[][] input(int v) {
        return new float[][]{{v}};
    }

    @Test
    void segmentsOfSeveralTasksAreScoredInOneCallAndGoBackToTheirOwnTask() {
        ThreadBatch batch = new ThreadBatch(this::score, 4);
        Task a = new Task();
        Task b = new Task();
        assertThat(batch.add(a, "a0", segment("ta"), input(10), 0)).isFalse();
        assertThat(batch.add(b, "b0", segment("tb"), input(20), 0)).isFalse();
        assertThat(batch.add(a, "a1", segment("ta"), input(11), 0)).isFalse();
        assertThat(batch.add(b, "b1", segment("tb"), input(21), 0)).isTrue(); // 4 waiting: a full batch
        batch.scoreAll();
        assertThat(calls).containsExactly(4);
        assertThat(a.got).containsExactly("a0=10@ta", "a1=11@ta");
        assertThat(b.got).containsExactly("b0=20@tb", "b1=21@tb");
        assertThat(batch.size()).isZero();
        batch.scoreAll();
        assertThat(calls).containsExactly(4); // nothing waiting: no model call
    }

    @Test
    void aBatchIsDueWhenItsOldestSegmentHasWaitedTheMaximumWait() {
        ThreadBatch batch = new ThreadBatch(this::score, 32);
        Task a = new Task();
        Task b = new Task();
        assertThat(batch.due(1_000, 200)).isFalse(); // nothing waiting
        batch.add(a, "a0", segment("ta"), input(1), 1_000);
        batch.add(b, "b0", segment("tb"), input(2), 1_150); // a later arrival does not restart the wait
        assertThat(batch.due(1_199, 200)).isFalse();
        assertThat(batch.due(1_200, 200)).isTrue();
        batch.scoreAll();
        assertThat(batch.due(5_000, 200)).isFalse();
        batch.add(b, "b1", segment("tb"), input(3), 5_000); // a new batch: its own oldest segment
        assertThat(batch.due(5_100, 200)).isFalse();
        assertThat(batch.due(5_200, 200)).isTrue();
    }

    @Test
    void whenTheOldestSegmentsTaskLeavesTheWaitIsTheNextOnes() {
        ThreadBatch batch = new ThreadBatch(this::score, 32);
        Task a = new Task();
        Task b = new Task();
        batch.add(a, "a0", segment("ta"), input(1), 1_000);
        batch.add(b, "b0", segment("tb"), input(2), 1_150);
        batch.leave(a);
        assertThat(batch.due(1_200, 200)).isFalse(); // b0 has waited 50 ms
        assertThat(batch.due(1_350, 200)).isTrue();
    }

    @Test
    void moreThanABatchIsScoredInCallsOfAtMostTheBatchSize() {
        ThreadBatch batch = new ThreadBatch(this::score, 3);
        Task a = new Task();
        for (int i = 0; i < 7; i++) {
            batch.add(a, "k" + i, segment("t"), input(i), 0);
        }
        batch.scoreAll();
        assertThat(calls).containsExactly(3, 3, 1);
        assertThat(a.got).hasSize(7).startsWith("k0=0@t").endsWith("k6=6@t");
    }

    @Test
    void aClosingTaskTakesItsSegmentsOutAndTheSameKeyOfAnotherTaskIsItsOwn() {
        ThreadBatch batch = new ThreadBatch(this::score, 10);
        Task a = new Task();
        Task b = new Task();
        batch.add(a, "same", segment("t"), input(1), 0);
        batch.add(b, "same", segment("t"), input(2), 0);
        assertThat(batch.size()).isEqualTo(2); // the same key, two tasks: two segments
        batch.leave(a);
        assertThat(batch.size()).isEqualTo(1);
        batch.scoreAll();
        assertThat(a.got).isEmpty();
        assertThat(b.got).containsExactly("same=2@t");
    }
}
