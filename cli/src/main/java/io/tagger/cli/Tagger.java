package io.tagger.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./tagger} command: one entry point for every job of the project. */
@Command(name = "tagger", mixinStandardHelpOptions = true, version = "tagger 0.1.0",
        description = "Music auto-tagging with a multi-input CNN over 13 MIRtoolbox features.",
        subcommands = {FeaturesCommand.class, CorpusCommand.class, CacheCommand.class, ModelsCommand.class,
                TrainCommand.class, EvaluateCommand.class, GeneralisationCommand.class, TagCommand.class, RetagCommand.class, ImportCommand.class, KeysCommand.class,
                DlqCommand.class,
                CommandLine.HelpCommand.class})
public final class Tagger implements Runnable {
    // The exit codes of every command, in one place (docs/operations.md and docs/pipeline.md quote them).
    /** Exit code when the command did all it was asked. */
    public static final int EXIT_OK = CommandLine.ExitCode.OK;
    /** Exit code for bad input (unreadable file, invalid audio): the message says why. */
    public static final int EXIT_BAD_INPUT = 1;
    /** Exit code for a command line picocli cannot parse (unknown option, missing parameter): picocli's own. */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;
    /** Exit code for any other failure (the message says what; TAGGER_DEBUG=1 shows the stack trace). */
    public static final int EXIT_FAILURE = 3;
    /**
     * Exit code when a job did not do all it was asked: retag left tracks untagged (running it again resumes), dlq
     * replay refused some selected dead letters (truncated originals, uploads).
     */
    public static final int EXIT_INCOMPLETE = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // Out of memory in a thread of the command's (a pool, a client's): the same message, and
        // the command ends, rather than a bare stack trace and a command left waiting.
        Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> {
            if (outOfMemory(ex) != null) {
                System.err.println("error: " + describe(ex));
                Runtime.getRuntime().halt(EXIT_FAILURE);
            }
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            ex.printStackTrace();
        });
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        return run(new CommandLine(new Tagger()), args);
    }

    /** Runs {@code cli} with every command's error handling: a message and an exit code, never a stack trace. */
    static int run(CommandLine cli, String... args) {
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // A clear message, not a stack trace; TAGGER_DEBUG=1 shows the trace too.
            cmd.getErr().println("error: " + describe(ex));
            if (System.getenv("TAGGER_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return exitCode(ex);
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors on: an out-of-memory in the command's own thread lands here.
            cli.getErr().println("error: " + describe(e));
            if (System.getenv("TAGGER_DEBUG") != null) {
                e.printStackTrace(cli.getErr());
            }
            return EXIT_FAILURE;
        }
    }

    static int exitCode(Throwable ex) {
        if (outOfMemory(ex) != null) {
            return EXIT_FAILURE;
        }
        return ex instanceof UserError || ex instanceof IllegalArgumentException
                || ex instanceof java.nio.file.NoSuchFileException || ex instanceof java.nio.file.AccessDeniedException
                || ex instanceof io.tagger.audio.AudioDecodingException ? EXIT_BAD_INPUT : EXIT_FAILURE;
    }

    /** The OutOfMemoryError {@code ex} is or was caused by, or null. */
    static OutOfMemoryError outOfMemory(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    /** What went wrong, in words: a file-system error names its kind as well as its path (its message is the path alone). */
    static String describe(Throwable ex) {
        OutOfMemoryError oom = outOfMemory(ex);
        if (oom != null) {
            return String.format(java.util.Locale.ROOT, "out of memory (%s): the command needed more than this JVM's"
                    + " %.1f GB of heap (-Xmx; ./tagger takes it from TAGGER_JAVA_OPTS, default -Xmx6g). Give it more, or"
                    + " less work at once (a shorter file, fewer threads)", oom.getMessage() != null ? oom.getMessage() : "heap",
                    Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        }
        if (ex instanceof java.nio.file.NoSuchFileException e) {
            return "no such file or folder: " + e.getFile();
        }
        if (ex instanceof java.nio.file.AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (ex instanceof java.nio.file.FileSystemException e) {
            return (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + ": " + e.getFile();
        }
        return ex.getMessage() != null ? ex.getMessage() : ex.toString();
    }

    /** An error in what the user asked for; its message is the whole story. */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message);
        }
    }
}
