package io.tagger.pipeline;

import io.tagger.proto.v1.DeadLetter;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The kind of a dead letter's reason, a short fixed name: a dead letter's {@code reason} is a
 * message for people (it holds track ids, sizes, exception messages), too varied to count by or to
 * label a metric with. {@code ./tagger dlq count} counts by kind, {@code replay --reason} selects by
 * it, and the {@code tagger_dead_letters_total} counter's {@code reason} label is the kind.
 * A reason none of the known ones matches is {@link #OTHER}. The kinds are derived from the
 * reasons the stages write (FeatureTopology, InferenceTopology, AudioReplayTopology,
 * DeadLetterHandlers, the ingest service), so dead letters written before this class existed get
 * kinds too.
 */
public final class DeadLetterReasons {
    public static final String OTHER = "other";
    /** An AudioSegment without {@code pcm_s16le}: no PCM, or PCM in a form removed before 1.0. */
    public static final String NO_PCM = "no-pcm";

    private record Rule(String kind, Pattern pattern) {
    }

    /** First match wins. */
    private static final List<Rule> RULES = List.of(
            rule("corrupt-protobuf", "\\(corrupt protobuf\\)"),
            rule("deserialization-error", "^cannot deserialize the record"),
            rule("processing-error", "^unexpected error in processor"),
            rule("key-not-track-id", "^record key is not the track id"),
            rule("no-track-id", "without track id"),
            rule(NO_PCM, "^AudioSegment without pcm_s16le"),
            rule("other-feature-settings", "^features computed with settings"),
            rule("wrong-sample-rate", "^segment at -?\\d+ Hz"),
            rule("wrong-segment-length", "^segment of -?\\d+ samples, expected"),
            rule("bad-segment-index", "^segment index -?\\d+ of -?\\d+"),
            rule("bad-pcm", "is not a whole number of .* samples"),
            rule("misshaped-features", "^feature '.*' (is missing|is \\d+ x \\d+)"));

    /** Every kind {@link #of} can answer. */
    public static final List<String> KINDS;

    static {
        List<String> k = new java.util.ArrayList<>(RULES.stream().map(Rule::kind).toList());
        k.add("undecodable-audio");
        k.add(OTHER);
        KINDS = List.copyOf(k);
    }

    private DeadLetterReasons() {
    }

    private static Rule rule(String kind, String regex) {
        return new Rule(kind, Pattern.compile(regex));
    }

    /** The kind of a dead letter's reason. */
    public static String of(DeadLetter d) {
        return of(d.getStage(), d.getReason());
    }

    /** The kind of a reason written by {@code stage}. */
    public static String of(String stage, String reason) {
        if ("ingest".equals(stage)) {
            return "undecodable-audio"; // the ingest service dead-letters only files FFmpeg cannot decode
        }
        String r = reason == null ? "" : reason;
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(r).find()) {
                return rule.kind();
            }
        }
        return OTHER;
    }
}
