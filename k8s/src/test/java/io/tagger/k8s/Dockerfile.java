package io.tagger.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Dockerfile read as Docker reads it: instructions, line continuations and comments. */
record Dockerfile(Path context, List<Instruction> instructions) {
    record Instruction(String keyword, String arguments) {
        /** The arguments split on blanks, without flags such as {@code --chown=185}. */
        List<String> words() {
            return List.of(arguments.split("\\s+")).stream().filter(w -> !w.startsWith("--")).toList();
        }
    }

    static Dockerfile read(Path context) throws IOException {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Files.readAllLines(context.resolve("Dockerfile"))) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException(context + ": instruction without arguments: " + text);
            }
            out.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT), text.substring(space + 1).strip()));
        }
        return new Dockerfile(context, out);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Instruction last(String keyword) {
        List<Instruction> a = all(keyword);
        return a.isEmpty() ? null : a.get(a.size() - 1);
    }
}
