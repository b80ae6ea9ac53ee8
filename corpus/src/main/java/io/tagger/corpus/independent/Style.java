package io.tagger.corpus.independent;

/** One style: chooses tempo, metre, key, harmony and instruments, and calls the writers. */
@FunctionalInterface
interface Style {
    void arrange(Arrangement a);
}
