package io.tagger.corpus;

import java.util.List;

/** The arrangement engines by name: the primary one trains models, the independent one only tests them. */
public final class Engines {
    private Engines() {
    }

    public static List<String> names() {
        return List.of("primary", "independent");
    }

    public static ArrangementEngine named(String name) {
        return switch (name) {
            case "primary" -> new Composer();
            case "independent" -> new io.tagger.corpus.independent.IndependentEngine();
            default -> throw new IllegalArgumentException("unknown engine '" + name + "' (" + String.join(", ", names()) + ")");
        };
    }
}
