package io.tagger.featurecache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagger.audio.AudioDecoder;
import io.tagger.audio.AudioDecodingException;
import io.tagger.audio.Segmenter;
import io.tagger.audio.TrackSegments;
import io.tagger.dataset.Clip;
import io.tagger.dataset.util.Progress;
import io.tagger.features.FeatureExtractor;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.FeatureSettings;
import io.tagger.features.json.FeatureJson;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * Features extracted once per clip (all its segments) and kept on disk, keyed by clip and by
 * feature settings: {@code <dir>/<settings id>/} holds {@code settings.json},
 * {@code manifest.json} and one binary entry per clip. An entry is written to a temporary file
 * and renamed, and ends with a CRC-32 of its content, so a partial or corrupt entry is detected on
 * read and rebuilt. Values are stored as float32, the model's input type.
 *
 * <p>Entry layout (big-endian): magic {@code TGFC}, version, settings id, clip id, segment
 * count, outputs per segment; per segment: index, zero-padded flag, and per output rows, frames
 * and rows*frames floats; then the CRC-32 of all preceding bytes.
 */
public final class FeatureCache {
    private static final int MAGIC = 0x54474643; // "TGFC"
    private static final int VERSION = 2; // 2: features of 16-bit segments (SegmentPcm); 1's are rebuilt
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final FeatureSettings settings;
    private final int segmentsPerClip;

    public FeatureCache(Path cacheRoot, FeatureSettings settings, int segmentsPerClip) {
        if (settings.segmentSamples() == 0 || settings.sampleRate() == 0) {
            throw new IllegalArgumentException("the cache stores per-segment model inputs: settings '" + settings.name()
                    + "' have no segment length (use a, b or c)");
        }
        this.dir = cacheRoot.resolve(settings.id());
        this.settings = settings;
        this.segmentsPerClip = segmentsPerClip;
    }

    public Path dir() {
        return dir;
    }

    public FeatureSettings settings() {
        return settings;
    }

    /** What one build did. */
    public record BuildReport(int clips, int computed, int cached, int rebuilt, List<String> skipped, double seconds,
                              long bytes) {
        public double clipsPerSecond() {
            return computed / Math.max(1e-9, seconds);
        }
    }

    Path entry(String clipId) {
        String safe = clipId.replaceAll("[^A-Za-z0-9._-]", "_");
        String shard = Integer.toHexString((clipId.hashCode() >>> 24) & 0xff);
        return dir.resolve(shard).resolve(safe + ".bin");
    }

    /** Builds the entries missing or invalid for {@code clips}, in parallel. Never aborts on a bad clip. */
    public BuildReport build(List<Clip> clips, int threads, boolean showProgress) throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("settings.json"), JSON.writeValueAsString(FeatureJson.settingsToJson(settings)));
        FeatureExtractor extractor = new FeatureExtractor(settings);
        AudioDecoder decoder = AudioDecoder.builder().setSampleRate(settings.sampleRate()).build();
        Segmenter segmenter = new Segmenter(settings.segmentSamples(), segmentsPerClip);
        AtomicInteger computed = new AtomicInteger();
        AtomicInteger cached = new AtomicInteger();
        AtomicInteger rebuilt = new AtomicInteger();
        List<String> skipped = Collections.synchronizedList(new ArrayList<>());
        Progress progress = showProgress ? new Progress("features " + settings.name(), clips.size(), "clips") : null;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Clip clip : clips) {
                futures.add(pool.submit(() -> {
                    try {
                        Path e = entry(clip.id());
                        if (Files.exists(e)) {
                            try {
                                read(clip.id());
                                cached.incrementAndGet();
                                return null;
                            } catch (CorruptEntryException bad) {
                                rebuilt.incrementAndGet();
                            }
                        }
                        TrackSegments audio = decoder.decodeSegments(clip.audio(), segmenter);
                        if (audio.trackSamples() < settings.segmentSamples()) {
                            skipped.add(clip.id() + ": too short (" + String.format(java.util.Locale.ROOT, "%.2f",
                                    audio.durationSeconds()) + " s < one segment)");
                            return null;
                        }
                        write(clip.id(), compute(extractor, audio));
                        computed.incrementAndGet();
                    } catch (AudioDecodingException | IllegalArgumentException ex) {
                        skipped.add(clip.id() + ": " + ex.getMessage());
                    } finally {
                        if (progress != null) {
                            progress.step();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> sortedSkips = new ArrayList<>(skipped);
        Collections.sort(sortedSkips);
        long bytes = writeManifest(clips, sortedSkips);
        return new BuildReport(clips.size(), computed.get(), cached.get(), rebuilt.get(), sortedSkips,
                (System.nanoTime() - t0) / 1e9, bytes);
    }

    /** Direct extraction of every segment, as the cache stores it. */
    public static ClipFeatures compute(FeatureExtractor extractor, Segmenter segmenter, String clipId, float[] samples) {
        return new ClipFeatures(clipId, compute(extractor, TrackSegments.cut(segmenter, samples, extractor.settings().sampleRate())));
    }

    private static List<ClipFeatures.Segment> compute(FeatureExtractor extractor, TrackSegments track) {
        List<ClipFeatures.Segment> out = new ArrayList<>();
        double[] buf = new double[track.segmentSamples()];
        for (int k = 0; k < track.count(); k++) {
            Segmenter.Segment s = track.plan().get(k);
            track.copy(k, buf);
            Map<String, FeatureMatrix> m = extractor.extract(buf, extractor.settings().sampleRate());
            int n = m.size();
            int[] rows = new int[n];
            int[] frames = new int[n];
            float[][] values = new float[n][];
            int o = 0;
            for (FeatureMatrix f : m.values()) {
                rows[o] = f.rows();
                frames[o] = f.frames();
                double[] v = f.values();
                values[o] = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    values[o][i] = (float) v[i];
                }
                o++;
            }
            out.add(new ClipFeatures.Segment(s.index(), s.zeroPadded(), rows, frames, values));
        }
        return out;
    }

    void write(String clipId, List<ClipFeatures.Segment> segments) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 18);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(settings.id());
            out.writeUTF(clipId);
            out.writeInt(segments.size());
            out.writeInt(settings.outputs().size());
            for (ClipFeatures.Segment s : segments) {
                out.writeInt(s.index());
                out.writeBoolean(s.zeroPadded());
                for (int o = 0; o < s.values().length; o++) {
                    out.writeInt(s.rows()[o]);
                    out.writeInt(s.frames()[o]);
                    ByteBuffer bb = ByteBuffer.allocate(s.values()[o].length * 4).order(ByteOrder.BIG_ENDIAN);
                    bb.asFloatBuffer().put(s.values()[o]);
                    out.write(bb.array());
                }
            }
        }
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        Path e = entry(clipId);
        Files.createDirectories(e.getParent());
        Path tmp = e.resolveSibling(e.getFileName() + "." + Thread.currentThread().getId() + ".part");
        try (var os = Files.newOutputStream(tmp)) {
            os.write(body);
            os.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        }
        Files.move(tmp, e, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** An entry that is truncated, corrupt or for other settings. */
    public static final class CorruptEntryException extends IOException {
        CorruptEntryException(String message) {
            super(message);
        }
    }

    public boolean contains(String clipId) {
        return Files.isRegularFile(entry(clipId));
    }

    public ClipFeatures read(String clipId) throws IOException {
        Path e = entry(clipId);
        byte[] all = Files.readAllBytes(e);
        if (all.length < 8) {
            throw new CorruptEntryException(e + ": truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 4);
        int stored = ByteBuffer.wrap(all, all.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new CorruptEntryException(e + ": checksum mismatch (corrupt or partial entry)");
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, all.length - 4))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new CorruptEntryException(e + ": not a feature cache entry of this version");
            }
            String sid = in.readUTF();
            String cid = in.readUTF();
            if (!sid.equals(settings.id()) || !cid.equals(clipId)) {
                throw new CorruptEntryException(e + ": holds " + cid + "/" + sid + ", expected " + clipId + "/" + settings.id());
            }
            int nSeg = in.readInt();
            int nOut = in.readInt();
            List<ClipFeatures.Segment> segs = new ArrayList<>(nSeg);
            for (int s = 0; s < nSeg; s++) {
                int index = in.readInt();
                boolean padded = in.readBoolean();
                int[] rows = new int[nOut];
                int[] frames = new int[nOut];
                float[][] values = new float[nOut][];
                for (int o = 0; o < nOut; o++) {
                    rows[o] = in.readInt();
                    frames[o] = in.readInt();
                    byte[] raw = new byte[rows[o] * frames[o] * 4];
                    in.readFully(raw);
                    values[o] = new float[rows[o] * frames[o]];
                    ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(values[o]);
                }
                segs.add(new ClipFeatures.Segment(index, padded, rows, frames, values));
            }
            return new ClipFeatures(clipId, segs);
        } catch (java.io.EOFException ex) {
            throw new CorruptEntryException(e + ": truncated");
        }
    }

    private long writeManifest(List<Clip> clips, List<String> skipped) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("settings_id", settings.id());
        root.put("segments_per_clip", segmentsPerClip);
        ArrayNode entries = root.putArray("entries");
        long bytes = 0;
        for (Clip c : clips) {
            Path e = entry(c.id());
            if (Files.isRegularFile(e)) {
                long size = Files.size(e);
                bytes += size;
                entries.addObject().put("clip_id", c.id()).put("file", dir.relativize(e).toString()).put("bytes", size);
            }
        }
        root.put("bytes", bytes);
        ArrayNode sk = root.putArray("skipped");
        skipped.forEach(sk::add);
        Path tmp = dir.resolve("manifest.json.part");
        Files.writeString(tmp, JSON.writeValueAsString(root));
        Files.move(tmp, dir.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return bytes;
    }
}
