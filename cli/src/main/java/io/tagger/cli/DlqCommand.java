package io.tagger.cli;

import io.tagger.pipeline.DeadLetterReader;
import io.tagger.pipeline.DeadLetterReasons;
import io.tagger.pipeline.DeadLetterReplay;
import io.tagger.pipeline.Topics;
import io.tagger.proto.v1.DeadLetter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * {@code ./tagger dlq list|count|show|replay}: what is on {@code tagging-dlq} and, after a fix,
 * the originals sent back to their topics (issue #20). The reading and the replay are
 * {@link DeadLetterReader} and {@link DeadLetterReplay} (pipeline module); these commands parse
 * the options and print.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "The dead-letter topic (" + Topics.DLQ + "): list, count, show, and replay after a fix.",
        subcommands = {DlqCommand.List.class, DlqCommand.Count.class, DlqCommand.Show.class, DlqCommand.Replay.class})
final class DlqCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The cluster: --bootstrap-servers, or the local stack (started if needed); TLS/SASL from TAGGER_KAFKA_*. */
    static final class Cluster {
        @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster (default: the local stack, started if needed).")
        String bootstrap;

        Map<String, Object> client() throws Exception {
            Path home = Path.of(System.getProperty("tagger.home", "."));
            return KafkaClients.settings(bootstrap != null ? bootstrap : LocalStack.start(home, home.resolve("models/default")));
        }
    }

    /** Which dead letters: by partition of tagging-dlq, reason and source topic. */
    static final class Filter {
        @Option(names = "--partition", paramLabel = "P", description = "Only partition P of " + Topics.DLQ + ".")
        Integer partition;

        @Option(names = "--reason", paramLabel = "KIND|TEXT",
                description = "Only dead letters of this reason kind (as dlq count shows them) or whose reason contains this text.")
        String reason;

        @Option(names = "--topic", paramLabel = "TOPIC", description = "Only dead letters of records from this topic.")
        String topic;

        Predicate<DeadLetterReader.Entry> predicate() {
            return new DeadLetterReplay.Selection(DeadLetterReader.Range.ALL, reason, topic)::matches;
        }

        boolean any() {
            return reason != null || topic != null;
        }
    }

    static String source(DeadLetter d) {
        return d.getSourceTopic().isEmpty() ? "(upload)" : d.getSourceTopic() + " " + d.getSourcePartition() + "@" + d.getSourceOffset();
    }

    static String cut(String s, int n) {
        String one = s.replace('\n', ' ');
        return one.length() > n ? one.substring(0, n - 3) + "..." : one;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The most recent dead letters: position, time, stage, source, reason, key.")
    static final class List implements Callable<Integer> {
        @Mixin
        Cluster cluster = new Cluster();
        @Mixin
        Filter filter = new Filter();

        @Option(names = "--limit", defaultValue = "20", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() throws Exception {
            DeadLetterReader reader = new DeadLetterReader(cluster.client());
            var entries = reader.recent(limit, new DeadLetterReader.Range(filter.partition, null, null),
                    filter.any() ? filter.predicate() : DeadLetterReader.ALL);
            PrintStream out = System.out;
            if (entries.isEmpty()) {
                out.println("no dead letters" + (filter.any() ? " match" : "") + " on " + Topics.DLQ);
                return Tagger.EXIT_OK;
            }
            out.printf(Locale.ROOT, "%-10s %-19s %-9s %-24s %-22s %-20s %s%n", "POSITION", "TIME (UTC)", "STAGE", "SOURCE",
                    "REASON KIND", "KEY", "REASON");
            for (var e : entries) {
                DeadLetter d = e.letter();
                out.printf(Locale.ROOT, "%-10s %-19s %-9s %-24s %-22s %-20s %s%n", e.position(),
                        TIME.format(Instant.ofEpochMilli(d.getTimeMs() > 0 ? d.getTimeMs() : e.timestampMs())), d.getStage(),
                        source(d), e.kind(), cut(DeadLetterReader.printableKey(d.getOriginalKey()), 20), cut(d.getReason(), 100));
            }
            return Tagger.EXIT_OK;
        }
    }

    @Command(name = "count", mixinStandardHelpOptions = true, description = "Dead letters by reason kind, stage and source topic.")
    static final class Count implements Callable<Integer> {
        @Mixin
        Cluster cluster = new Cluster();
        @Mixin
        Filter filter = new Filter();

        @Override
        public Integer call() throws Exception {
            Map<String, Long> byReason = new TreeMap<>();
            Map<String, Long> byTopic = new TreeMap<>();
            Map<String, Long> byStage = new TreeMap<>();
            long[] total = new long[2];
            var match = filter.predicate();
            int unreadable = new DeadLetterReader(cluster.client()).scan(new DeadLetterReader.Range(filter.partition, null, null), e -> {
                if (!match.test(e)) {
                    return;
                }
                byReason.merge(e.kind(), 1L, Long::sum);
                byTopic.merge(e.letter().getSourceTopic().isEmpty() ? "(upload)" : e.letter().getSourceTopic(), 1L, Long::sum);
                byStage.merge(e.letter().getStage(), 1L, Long::sum);
                total[0]++;
                if (e.truncated()) {
                    total[1]++;
                }
            });
            PrintStream out = System.out;
            out.printf(Locale.ROOT, "%d dead letters on %s (%d with a truncated original value)%n", total[0], Topics.DLQ, total[1]);
            print(out, "by reason kind", byReason);
            print(out, "by source topic", byTopic);
            print(out, "by stage", byStage);
            if (unreadable > 0) {
                System.err.printf(Locale.ROOT, "dlq: %d records on %s are not DeadLetters (skipped)%n", unreadable, Topics.DLQ);
            }
            return Tagger.EXIT_OK;
        }

        private static void print(PrintStream out, String title, Map<String, Long> counts) {
            if (counts.isEmpty()) {
                return;
            }
            out.println(title + ":");
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(c -> out.printf(Locale.ROOT, "  %-24s %d%n", c.getKey(), c.getValue()));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One dead letter in full (its original value summarised).")
    static final class Show implements Callable<Integer> {
        @Mixin
        Cluster cluster = new Cluster();

        @Parameters(paramLabel = "PARTITION:OFFSET", description = "Its position on " + Topics.DLQ + " (as dlq list shows it).")
        String position;

        @Option(names = "--bytes", defaultValue = "256", description = "How much of the original value to show in hex (default: ${DEFAULT-VALUE}).")
        int bytes;

        @Override
        public Integer call() throws Exception {
            long[] p = DeadLetterReader.parsePosition(position);
            var found = new DeadLetterReader(cluster.client()).at((int) p[0], p[1]);
            if (found.isEmpty()) {
                throw new Tagger.UserError("no dead letter at " + position + " on " + Topics.DLQ);
            }
            DeadLetter d = found.get().letter();
            PrintStream out = System.out;
            out.println("position:       " + Topics.DLQ + " " + found.get().position());
            out.println("time:           " + TIME.format(Instant.ofEpochMilli(d.getTimeMs())) + " UTC");
            out.println("stage:          " + d.getStage());
            out.println("source:         " + source(d));
            out.println("reason kind:    " + found.get().kind());
            out.println("reason:         " + d.getReason());
            out.println("error class:    " + (d.getErrorClass().isEmpty() ? "-" : d.getErrorClass()));
            out.println("key:            " + DeadLetterReader.printableKey(d.getOriginalKey()));
            out.println("original value: " + DeadLetterReader.summariseOriginal(d));
            if (!d.getOriginalValue().isEmpty()) {
                out.println("  hex:          " + DeadLetterReader.hex(d.getOriginalValue(), bytes));
            }
            String refused = DeadLetterReplay.refusal(d);
            out.println("replayable:     " + (refused == null ? "yes, to " + d.getSourceTopic() : "no: " + refused));
            return Tagger.EXIT_OK;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Send the selected dead letters' original records back to their topics (after a fix).")
    static final class Replay implements Callable<Integer> {
        @Mixin
        Cluster cluster = new Cluster();
        @Mixin
        Filter filter = new Filter();

        @Option(names = "--from-offset", paramLabel = "OFFSET", description = "From this offset of --partition on " + Topics.DLQ + ".")
        Long from;

        @Option(names = "--to-offset", paramLabel = "OFFSET", description = "To this offset of --partition (inclusive).")
        Long to;

        @Option(names = "--all", description = "Every dead letter (when no --reason, --topic or offsets select some).")
        boolean all;

        @Option(names = "--dry-run", description = "Only list what would be sent.")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            if (!all && !filter.any() && from == null && to == null && filter.partition == null) {
                throw new Tagger.UserError("say which dead letters to replay: --reason, --topic, --partition with "
                        + "--from-offset/--to-offset, or --all");
            }
            DeadLetterReader.Range range = new DeadLetterReader.Range(filter.partition, from, to);
            var result = new DeadLetterReplay(cluster.client()).replay(
                    new DeadLetterReplay.Selection(range, filter.reason, filter.topic), dryRun);
            PrintStream out = System.out;
            for (var o : result.outcomes()) {
                DeadLetter d = o.entry().letter();
                String what = o.entry().position() + " (" + o.entry().kind() + ", key "
                        + DeadLetterReader.printableKey(d.getOriginalKey()) + ")";
                if (o.refused() != null) {
                    out.println("refused " + what + ": " + o.refused());
                } else if (dryRun) {
                    out.println("would replay " + what + " to " + d.getSourceTopic() + " " + d.getSourcePartition());
                } else {
                    out.println("replayed " + what + " to " + d.getSourceTopic() + " " + o.partition() + "@" + o.offset());
                }
            }
            int refused = result.refused().size();
            if (dryRun) {
                out.printf(Locale.ROOT, "dry run: %d of %d selected dead letters would be replayed, %d refused%n",
                        result.replayable().size(), result.outcomes().size(), refused);
            } else {
                out.printf(Locale.ROOT, "replayed %d of %d selected dead letters, %d refused%n", result.sent(),
                        result.outcomes().size(), refused);
            }
            if (result.outcomes().isEmpty()) {
                System.err.println("dlq: no dead letter matches");
            }
            return refused > 0 ? Tagger.EXIT_INCOMPLETE : Tagger.EXIT_OK;
        }
    }
}
