// How a clip's segment scores are pooled, measured: macro ROC-AUC (and the voice, instrument and
// dynamics families) of a bundle on whole datasets when a clip's score is the power mean of its
// segments' scores with p = 1 (the mean, what the project uses), 2, 4, 8, or their maximum.
// Not part of the build; run from the repository root after ./tagger has built once:
//   java -Djava.library.path=serving/target/tensorflow-native -Dai.djl.offline=true \
//     -cp "cli/target/tagger-cli.jar:cli/target/lib/*" docs/benchmarks/scripts/SegmentPooling.java \
//     models/default VAL_INDEPENDENT VAL_UNSEEN_SF
// Section 7 of ../2026-12-05-generalisation.md gives its output for tagger-synth 4.
import io.tagger.dataset.Clip;
import io.tagger.dataset.MtatDataset;
import io.tagger.featurecache.FeatureCache;
import io.tagger.model.eval.Metrics;
import io.tagger.model.eval.SetScoring;
import io.tagger.model.eval.TagFamilies;
import io.tagger.model.train.SegmentSet;
import io.tagger.serving.ModelBundle;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

public class SegmentPooling {
    public static void main(String[] args) throws Exception {
        ModelBundle bundle = ModelBundle.read(Path.of(args[0]));
        List<String> tags = bundle.tags();
        for (int i = 1; i < args.length; i++) {
            Path root = Path.of(args[i]);
            List<Clip> clips = MtatDataset.read(root, tags).clips();
            FeatureCache cache = new FeatureCache(root.resolve(".tagger-cache"), bundle.settings(), bundle.segmentsPerTrack());
            cache.build(clips, Runtime.getRuntime().availableProcessors(), true);
            SegmentSet set = SegmentSet.load(cache, clips, tags.size());
            float[][] segments = SetScoring.score(bundle, set);
            for (double p : new double[]{1, 2, 4, 8, Double.POSITIVE_INFINITY}) {
                float[][] pooled = pool(set, segments, p);
                double sum = 0;
                int n = 0;
                double[] famSum = new double[3];
                int[] famN = new int[3];
                List<String> fams = List.of("voice", "instruments", "dynamics");
                for (int t = 0; t < tags.size(); t++) {
                    float[] s = new float[pooled.length];
                    boolean[] y = new boolean[pooled.length];
                    for (int c = 0; c < pooled.length; c++) {
                        s[c] = pooled[c][t];
                        y[c] = set.label(c, t);
                    }
                    double auc = Metrics.rocAuc(s, y);
                    if (Double.isNaN(auc)) {
                        continue;
                    }
                    sum += auc;
                    n++;
                    int f = fams.indexOf(TagFamilies.of(tags.get(t)));
                    if (f >= 0) {
                        famSum[f] += auc;
                        famN[f]++;
                    }
                }
                System.out.printf(Locale.ROOT, "%s\tp=%s\tmacro %.4f\tvoice %.4f\tinstruments %.4f\tdynamics %.4f%n",
                        root.getFileName(), Double.isInfinite(p) ? "max" : String.valueOf((int) p), sum / n,
                        famSum[0] / famN[0], famSum[1] / famN[1], famSum[2] / famN[2]);
            }
        }
    }

    /** Power mean of each clip's segment scores (p = infinity: the maximum). */
    static float[][] pool(SegmentSet set, float[][] segments, double p) {
        int nt = segments[0].length;
        double[][] acc = new double[set.clips()][nt];
        int[] count = new int[set.clips()];
        for (int s = 0; s < segments.length; s++) {
            int c = set.clipOf(s);
            count[c]++;
            for (int t = 0; t < nt; t++) {
                acc[c][t] = Double.isInfinite(p) ? Math.max(acc[c][t], segments[s][t]) : acc[c][t] + Math.pow(segments[s][t], p);
            }
        }
        float[][] out = new float[set.clips()][nt];
        for (int c = 0; c < out.length; c++) {
            for (int t = 0; t < nt; t++) {
                out[c][t] = (float) (Double.isInfinite(p) ? acc[c][t] : Math.pow(acc[c][t] / count[c], 1 / p));
            }
        }
        return out;
    }
}
