package io.tagger.cli;

import io.tagger.access.ApiKeys;
import io.tagger.access.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./tagger keys new|revoke|list}: API keys in a keys file (hashes only; the services re-read
 * it within seconds, so no restart is needed). On Kubernetes the file is the {@code keys} entry of
 * the Secret {@code tagger-api-keys} (see docs/security.md).
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Issue, revoke and list API keys.",
        subcommands = {KeysCommand.New.class, KeysCommand.Revoke.class, KeysCommand.ListKeys.class})
final class KeysCommand implements Runnable {
    static final String DEFAULT_FILE = "deploy/target/local/api-keys";

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static Path file(Path given) {
        return given != null ? given : Path.of(System.getProperty("tagger.home", ".")).resolve(DEFAULT_FILE);
    }

    @Command(name = "new", mixinStandardHelpOptions = true, description = "Issue a key: prints it once; only its hash is stored.")
    static final class New implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "Who holds the key (1-64 letters, digits, . _ @ -).")
        String name;

        @Option(names = "--role", defaultValue = "reader", description = "reader (read tags) or uploader (also upload); default ${DEFAULT-VALUE}.")
        String role;

        @Option(names = "--file", description = "The keys file (default: the local stack's, " + DEFAULT_FILE + ").")
        Path file;

        @Override
        public Integer call() throws IOException {
            Path f = file(file);
            if (Files.exists(f) && Files.readAllLines(f).stream().anyMatch(l -> l.strip().startsWith(name + " "))) {
                throw new Tagger.UserError("a key named '" + name + "' exists in " + f + "; revoke it first");
            }
            String key = ApiKeys.newKey();
            String line = ApiKeys.line(name, Role.parse(role), key);
            if (f.getParent() != null) {
                Files.createDirectories(f.getParent());
            }
            Files.writeString(f, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.err.println("added to " + f + ": " + line);
            System.out.println(key);
            return Tagger.EXIT_OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by name.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--file", description = "The keys file (default: the local stack's).")
        Path file;

        @Override
        public Integer call() throws IOException {
            Path f = file(file);
            List<String> kept = new ArrayList<>();
            boolean found = false;
            for (String l : Files.exists(f) ? Files.readAllLines(f) : List.<String>of()) {
                if (l.strip().startsWith(name + " ")) {
                    found = true;
                } else {
                    kept.add(l);
                }
            }
            if (!found) {
                throw new Tagger.UserError("no key named '" + name + "' in " + f);
            }
            Files.write(f, kept);
            System.out.println("revoked " + name + " (the services stop accepting it within seconds)");
            return Tagger.EXIT_OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List key names and roles (never the keys).")
    static final class ListKeys implements Callable<Integer> {
        @Option(names = "--file", description = "The keys file (default: the local stack's).")
        Path file;

        @Override
        public Integer call() throws IOException {
            Path f = file(file);
            for (String l : Files.exists(f) ? Files.readAllLines(f) : List.<String>of()) {
                String[] parts = l.strip().split("\\s+");
                if (parts.length == 3 && !l.startsWith("#")) {
                    System.out.println(parts[0] + "\t" + parts[1]);
                }
            }
            return Tagger.EXIT_OK;
        }
    }
}
