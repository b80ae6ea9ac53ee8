package io.tagger.dataset;

import java.nio.file.Path;
import java.util.BitSet;

/**
 * One annotated clip: its id, audio file (relative to the dataset root), split and the set of
 * its tags as indices into the dataset's tag list.
 */
public record Clip(String id, String relativePath, Path audio, Split split, BitSet tags) {
    public boolean has(int tag) {
        return tags.get(tag);
    }
}
