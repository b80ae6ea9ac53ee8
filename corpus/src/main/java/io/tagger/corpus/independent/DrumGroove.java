package io.tagger.corpus.independent;

import java.util.ArrayList;
import java.util.List;

/**
 * One-bar drum patterns, one lane per GM percussion key. In a lane, each character is one step
 * of the bar: {@code X} accent, {@code x} normal, {@code g} ghost, {@code .} rest; a lane's length
 * divided by the metre's beats gives the steps per beat. {@link #steadyKick} grooves put a kick
 * on every beat; the drummer plays those kicks exactly on time (four-on-the-floor).
 */
enum DrumGroove {
    BACKBEAT(Meter.FOUR_FOUR, false,
        "36:X.......x.x.....", "38:....X.......X...", "42:x.x.x.x.x.x.x.x."),
    PUSHED_BACKBEAT(Meter.FOUR_FOUR, false,
        "36:X..x..x...x....x", "38:....X..g....X...", "42:x.xxx.x.x.xxx.x."),
    RIDE_ROCK(Meter.FOUR_FOUR, false,
        "36:X.....x.x.x.....", "38:....X.......X...", "51:x.x.x.x.x.x.x.x."),
    HALF_TIME(Meter.FOUR_FOUR, false,
        "36:X.....x...x.....", "38:........X.......", "42:x.x.x.x.x.x.x.x."),
    PUNK(Meter.FOUR_FOUR, false,
        "36:x.x.x.x.", "38:.X.X.X.X", "49:x.......", "42:xxxxxxxx"),
    DOUBLE_KICK(Meter.FOUR_FOUR, false,
        "36:xxxxxxxxxxxxxxxx", "38:....X.......X...", "51:x...x...x...x..."),
    BLAST(Meter.FOUR_FOUR, false,
        "36:x.x.x.x.x.x.x.x.", "38:.x.x.x.x.x.x.x.x", "51:x.x.x.x.x.x.x.x."),
    GALLOP(Meter.FOUR_FOUR, false,
        "36:x.xxx.xxx.xxx.xx", "38:....X.......X...", "42:x.x.x.x.x.x.x.x."),
    SHUFFLE(Meter.TWELVE_EIGHT, false,
        "36:x.....x..x..", "38:...X.....X..", "51:x.xx.xx.xx.x", "44:...x.....x.."),
    TWELVE_EIGHT_BALLAD(Meter.TWELVE_EIGHT, false,
        "36:x.....x.....", "38:...X.....X..", "42:xxxxxxxxxxxx"),
    SIX_EIGHT(Meter.SIX_EIGHT, false,
        "36:x.....", "38:...X..", "42:xxxxxx"),
    JIG(Meter.SIX_EIGHT, false,
        "45:x..x..", "41:..g..g", "54:x.xx.x"),
    WALTZ(Meter.THREE_FOUR, false,
        "36:x.....", "38:..g.g.", "42:x.x.x."),
    BOSSA(Meter.FOUR_FOUR, false,
        "36:x..xx..xx..xx..x", "37:x..x..x...x..x..", "42:gxgxgxgxgxgxgxgx"),
    BREAKBEAT(Meter.FOUR_FOUR, false,
        "36:X.........x..x..", "38:....X..g.g..X..g", "42:x.x.x.x.x.xox.x."),
    ELECTRO(Meter.FOUR_FOUR, false,
        "36:X......x..x.....", "39:....X.......X...", "42:x.xxx.xxx.xxx.xx"),
    TRIP_HOP(Meter.FOUR_FOUR, false,
        "36:X......x..x.....", "38:....X.......X...", "42:x.x.x.x.x.x.x.x.", "75:......x........."),
    DRUM_AND_BASS(Meter.FOUR_FOUR, false,
        "36:X.........x.....", "38:....X..g.g..X...", "42:xxxxxxxxxxxxxxxx"),
    DISCO(Meter.FOUR_FOUR, true,
        "36:X...x...x...x...", "38:....X.......X...", "46:..x...x...x...x.", "42:x...x...x...x..."),
    TECHNO(Meter.FOUR_FOUR, true,
        "36:X...x...x...x...", "39:....x.......x...", "46:..x...x...x...x.", "42:gxgxgxgxgxgxgxgx"),
    MINIMAL(Meter.FOUR_FOUR, true,
        "36:X...x...x...x...", "37:...x..x....x..x.", "42:..x...x...x...x.", "56:x.........x....."),
    HOUSE(Meter.FOUR_FOUR, true,
        "36:X...x...x...x...", "39:....X.......X...", "70:xgxgxgxgxgxgxgxg", "46:..x...x...x...x."),
    ONE_DROP(Meter.FOUR_FOUR, false,
        "36:........X.......", "37:........X.......", "42:x.x.x.x.x.x.x.x."),
    MARCH(Meter.TWO_FOUR, false,
        "36:x...x...", "38:X.xxX.xg", "49:....x..."),
    TRAIN(Meter.FOUR_FOUR, false,
        "36:x.......x.......", "38:gxgXgxgXgxgXgxgX"),
    TWO_STEP(Meter.FOUR_FOUR, false,
        "36:x.......x.......", "38:....X.......X...", "42:x.x.x.x.x.x.x.x.", "44:....x.......x..."),
    SWING(Meter.FOUR_FOUR, false,
        "51:x..x.xx..x.x", "44:...x.....x..", "36:g..g..g..g..", "38:.....g....g."),
    JAZZ_WALTZ(Meter.THREE_FOUR, false,
        "51:x..x.xx..", "44:...x..x..", "36:g........"),
    FIVE(Meter.FIVE_FOUR, false,
        "36:x.....x...", "38:....X....X", "42:x.x.x.x.x."),
    TABLA(Meter.FOUR_FOUR, false,
        "60:x..x..x.x..x..x.", "61:X.......x.......", "63:..x...x...x..gx.", "64:....x.......x..."),
    RUPAK(Meter.SEVEN_FOUR, false,
        "60:x.x.x.x.x.x.x.", "61:X.....x...x...", "63:..x.g...x...x."),
    LATIN(Meter.FOUR_FOUR, false,
        "56:x...x...x...x...", "63:..x.xx...x.xx..x", "64:x.......x.......", "75:x..x...x..x.x..."),
    BRUSH_BALLAD(Meter.FOUR_FOUR, false,
        "36:x.......x.......", "38:gggggggggggggggg", "37:....x.......x...");

    /** One lane: a key and its steps (levels 0 = rest). */
    record Lane(int key, double[] levels) {
    }

    final Meter meter;
    final boolean steadyKick;
    final List<Lane> lanes;

    DrumGroove(Meter meter, boolean steadyKick, String... lanes) {
        this.meter = meter;
        this.steadyKick = steadyKick;
        List<Lane> out = new ArrayList<>();
        for (String lane : lanes) {
            int colon = lane.indexOf(':');
            String steps = lane.substring(colon + 1);
            double[] levels = new double[steps.length()];
            for (int i = 0; i < steps.length(); i++) {
                levels[i] = switch (steps.charAt(i)) {
                    case 'X' -> 0.9;
                    case 'x', 'o' -> 0.65;
                    case 'g' -> 0.25;
                    default -> 0;
                };
            }
            out.add(new Lane(Integer.parseInt(lane.substring(0, colon)), levels));
        }
        this.lanes = List.copyOf(out);
    }
}
