package io.tagger.model.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MagnaTagATune's synthesisable tags grouped by what they describe, for reports: a family's
 * figure shows whether a kind of tag (instruments, the voice family, genres, tempo) holds.
 */
public final class TagFamilies {
    public static final Map<String, List<String>> FAMILIES = families();

    /** Tags that must stay below 0.5 on input without music: every instrument, drum, genre and tempo tag. */
    public static final List<String> NOT_ON_NON_MUSIC = List.of("piano", "harpsichord", "guitar", "violin", "cello", "harp",
            "strings", "flute", "sitar", "synth", "choir", "choral", "voice", "vocal", "vocals", "singing", "drums", "beat",
            "beats", "classical", "classic", "rock", "metal", "techno", "electronic", "dance", "ambient", "new age",
            "indian", "pop", "country", "fast", "slow", "solo");

    private TagFamilies() {
    }

    private static Map<String, List<String>> families() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("instruments", List.of("piano", "harpsichord", "guitar", "violin", "cello", "harp", "strings", "flute", "sitar",
                "synth"));
        m.put("voice", List.of("choir", "choral", "voice", "vocal", "vocals", "singing", "no vocal", "no vocals", "no voice"));
        m.put("drums", List.of("drums", "beat", "beats"));
        m.put("genre", List.of("classical", "classic", "rock", "metal", "techno", "electronic", "dance", "ambient",
                "new age", "indian", "pop", "country"));
        m.put("tempo", List.of("fast", "slow"));
        m.put("dynamics", List.of("loud", "quiet", "soft"));
        m.put("texture", List.of("solo"));
        return m;
    }

    /** The family of {@code tag}, or "other". */
    public static String of(String tag) {
        return FAMILIES.entrySet().stream().filter(e -> e.getValue().contains(tag)).map(Map.Entry::getKey).findFirst()
                .orElse("other");
    }
}
