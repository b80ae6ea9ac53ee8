package io.tagger.pipeline;

import io.tagger.proto.v1.SegmentFeatures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The segments waiting to be scored on one stream thread, whichever of its tasks (partitions)
 * they came from: one model call scores them together. With a batch per task, a thread serving
 * many partitions would call the model with a few segments each time (a GPU, or a CPU, does far
 * more work per second on full batches).
 *
 * <p>Only bookkeeping lives here, in memory: each waiting segment is also in its task's
 * changelogged {@code pending} store, and its scores reach that task's state only when the task
 * itself applies them (in its own processing context, inside its own transaction). A crash
 * between scoring and applying loses nothing: the restored task finds the segment pending and
 * scores it again. Not thread-safe: one instance per stream thread.
 */
final class ThreadBatch {
    /** A task's side of the batch: where its segments' scores go. */
    interface Owner {
        void scored(String pendingKey, SegmentFeatures segment, float[] scores);
    }

    private record Waiting(Owner owner, String pendingKey, SegmentFeatures segment, float[][] inputs, long arrivedMs) {
    }

    private final SegmentScorer scorer;
    private final int batchSize;
    private record Slot(Owner owner, String pendingKey) { // owners compare by identity
    }

    private final Map<Slot, Waiting> waiting = new LinkedHashMap<>(); // arrival order: the first is the oldest

    ThreadBatch(SegmentScorer scorer, int batchSize) {
        this.scorer = scorer;
        this.batchSize = batchSize;
    }

    /** Adds a segment that arrived at {@code nowMs} (wall clock); true when a full batch is waiting. */
    boolean add(Owner owner, String pendingKey, SegmentFeatures segment, float[][] inputs, long nowMs) {
        waiting.putIfAbsent(new Slot(owner, pendingKey), new Waiting(owner, pendingKey, segment, inputs, nowMs));
        return waiting.size() >= batchSize;
    }

    int size() {
        return waiting.size();
    }

    /**
     * True when segments wait and the oldest has waited {@code maxWaitMs} or longer. Every task of
     * the thread asks this on its own timer: scoring whenever any task's timer fired would cut
     * the batch at a fraction of the wait, into more and smaller model calls.
     */
    boolean due(long nowMs, long maxWaitMs) {
        return !waiting.isEmpty() && nowMs - waiting.values().iterator().next().arrivedMs() >= maxWaitMs;
    }

    /** Forgets a task's waiting segments (the task is closing; its pending store keeps them). */
    void leave(Owner owner) {
        waiting.values().removeIf(w -> w.owner() == owner);
    }

    /** Scores everything waiting, at most {@code batchSize} segments a call, and hands each owner its scores. */
    void scoreAll() {
        if (waiting.isEmpty()) {
            return;
        }
        List<Waiting> all = new ArrayList<>(waiting.values());
        waiting.clear();
        for (int start = 0; start < all.size(); start += batchSize) {
            List<Waiting> batch = all.subList(start, Math.min(all.size(), start + batchSize));
            List<float[][]> inputs = new ArrayList<>(batch.size());
            for (Waiting w : batch) {
                inputs.add(w.inputs());
            }
            float[][] scores = scorer.score(inputs);
            for (int i = 0; i < batch.size(); i++) {
                Waiting w = batch.get(i);
                w.owner().scored(w.pendingKey(), w.segment(), scores[i]);
            }
        }
    }
}
