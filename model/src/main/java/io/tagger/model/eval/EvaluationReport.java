package io.tagger.model.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The evaluation as JSON ({@code macro.roc_auc}, {@code macro.pr_auc}, {@code tags.<name>}) and as a PNG report. */
public final class EvaluationReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationReport() {
    }

    public static ObjectNode json(Evaluation e, String model, String split) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        root.put("split", split);
        root.put("clips", e.clips());
        ObjectNode macro = root.putObject("macro");
        macro.put("roc_auc", e.macroRocAuc());
        macro.put("pr_auc", e.macroPrAuc());
        macro.put("tags_evaluated", e.evaluatedTags());
        ObjectNode tags = root.putObject("tags");
        for (int t = 0; t < e.tags().size(); t++) {
            ObjectNode n = tags.putObject(e.tags().get(t));
            int pos = 0;
            for (boolean b : e.labels(t)) {
                pos += b ? 1 : 0;
            }
            n.put("positives", pos);
            if (!Double.isNaN(e.rocAuc(t))) {
                n.put("roc_auc", e.rocAuc(t));
                n.put("pr_auc", e.prAuc(t));
            } else {
                n.putNull("roc_auc");
                n.putNull("pr_auc");
            }
        }
        return root;
    }

    public static void writeJson(ObjectNode json, Path out) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, JSON.writeValueAsString(json));
    }

    /** Per-tag ROC-AUC and PR-AUC bars (worst first) and the macro-averaged ROC curve. */
    public static void writePng(Evaluation e, String title, Path out) throws IOException {
        List<Integer> tags = new ArrayList<>();
        for (int t = 0; t < e.tags().size(); t++) {
            if (!Double.isNaN(e.rocAuc(t))) {
                tags.add(t);
            }
        }
        tags.sort(Comparator.comparingDouble(e::rocAuc));
        int rowH = 18;
        int barsTop = 76;
        int w = 1200;
        int h = Math.max(560, barsTop + rowH * tags.size() + 40);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 20, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(String.format(Locale.ROOT, "macro ROC-AUC %.4f   macro PR-AUC %.4f   (%d tags with both classes, %d clips)",
                e.macroRocAuc(), e.macroPrAuc(), e.evaluatedTags(), e.clips()), 20, 44);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int labelW = 110;
        int barW = 300;
        Color roc = new Color(0x1f77b4);
        Color pr = new Color(0xff7f0e);
        g.drawString("per tag, worst ROC-AUC first (bars from 0.5 to 1.0):", 20, 62);
        g.setColor(roc);
        g.fillRect(372, 53, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString("ROC-AUC", 386, 62);
        g.setColor(pr);
        g.fillRect(452, 53, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString("PR-AUC", 466, 62);
        g.drawString("macro-averaged ROC curve", 640 + 150, 74);
        for (int i = 0; i < tags.size(); i++) {
            int t = tags.get(i);
            int y = barsTop + i * rowH;
            g.setColor(Color.BLACK);
            g.drawString(e.tags().get(t), 20, y + 12);
            int x0 = 20 + labelW;
            double r = Math.max(0, (e.rocAuc(t) - 0.5) / 0.5);
            double p = Math.max(0, (e.prAuc(t) - 0.5) / 0.5);
            g.setColor(roc);
            g.fillRect(x0, y + 2, (int) (barW * r), 7);
            g.setColor(pr);
            g.fillRect(x0, y + 9, (int) (barW * p), 7);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.3f / %.3f", e.rocAuc(t), e.prAuc(t)), x0 + barW + 8, y + 12);
        }
        // Macro ROC curve: the mean true-positive rate over tags at each false-positive rate.
        int px = 640;
        int py = 90;
        int size = 440;
        g.setColor(Color.BLACK);
        g.drawRect(px, py, size, size);
        g.drawString("false positive rate", px + size / 2 - 50, py + size + 30);
        g.drawString("true positive rate", px - 5, py - 8);
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(px, py + size, px + size, py);
        int grid = 200;
        double[] tpr = new double[grid + 1];
        for (int t : tags) {
            double[][] curve = Metrics.rocCurve(e.scores(t), e.labels(t));
            for (int k = 0; k <= grid; k++) {
                tpr[k] += interpolate(curve, (double) k / grid) / tags.size();
            }
        }
        g.setColor(roc);
        g.setStroke(new BasicStroke(2.5f));
        for (int k = 1; k <= grid; k++) {
            g.drawLine(px + (int) (size * (k - 1.0) / grid), py + size - (int) (size * tpr[k - 1]),
                    px + (int) (size * (double) k / grid), py + size - (int) (size * tpr[k]));
        }
        g.dispose();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        ImageIO.write(img, "png", out.toFile());
    }

    private static double interpolate(double[][] curve, double fpr) {
        double best = 0;
        for (double[] p : curve) {
            if (p[0] <= fpr) {
                best = Math.max(best, p[1]);
            }
        }
        return best;
    }
}
