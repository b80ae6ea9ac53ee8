package io.tagger.corpus.independent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The styles this engine composes, by name. */
final class StyleBook {
    private static final Map<String, Style> STYLES = new LinkedHashMap<>();

    static {
        STYLES.put("baroque", ClassicalStyles::baroque);
        STYLES.put("chamber", ClassicalStyles::chamber);
        STYLES.put("nocturne", ClassicalStyles::nocturne);
        STYLES.put("orchestral", ClassicalStyles::orchestral);
        STYLES.put("solo", SoloStyle::solo);
        STYLES.put("rock", BandStyles::rock);
        STYLES.put("metal", BandStyles::metal);
        STYLES.put("pop", BandStyles::pop);
        STYLES.put("country", BandStyles::country);
        STYLES.put("folk", BandStyles::folk);
        STYLES.put("techno", ElectronicStyles::techno);
        STYLES.put("electro", ElectronicStyles::electro);
        STYLES.put("ambient", ElectronicStyles::ambient);
        STYLES.put("raga", IndianStyles::raga);
        STYLES.put("fusion", IndianStyles::fusion);
        STYLES.put("choir", VocalStyles::choir);
        STYLES.put("jazz", JazzStyles::jazz);
        STYLES.put("groove", JazzStyles::groove);
    }

    static final List<String> NAMES = List.copyOf(STYLES.keySet());

    private StyleBook() {
    }

    static Style get(String name) {
        Style s = STYLES.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown style '" + name + "'; styles: " + NAMES);
        }
        return s;
    }
}
