package io.tagger.corpus.independent;

import io.tagger.corpus.ClipPlan;
import java.util.Map;

/**
 * A composed clip and how it was made: its metre, groove, bass line, accompaniment, harmony and
 * so on ({@code traits}), for reports and the variety tests.
 */
record Composition(ClipPlan plan, Map<String, String> traits) {
}
