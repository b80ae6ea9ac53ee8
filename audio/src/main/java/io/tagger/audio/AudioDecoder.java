package io.tagger.audio;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

/**
 * Decodes any audio file FFmpeg reads (WAV, MP3, FLAC, OGG, ...) to mono float PCM at a
 * requested sample rate: each channel is resampled by libswresample, then the channels are
 * summed (MIRtoolbox's 'Mono' of a file input). Thread-safe: every call has its own FFmpeg
 * contexts, all freed before it returns.
 *
 * <p>Decoding streams: the file is read a packet at a time and each chunk of output samples goes
 * to a {@link PcmSink}. {@link #decodeSegments} keeps only what the track's segments need (a few
 * MB whatever the file's length); {@link #decode} keeps the whole track, for whole-file analysis.
 * Two limits bound what one file can cost: its decoded duration ({@code optMaxSeconds}) and the
 * time spent decoding it ({@code optMaxDecodeTime}); both end with an
 * {@link AudioDecodingException} that says which.
 */
public final class AudioDecoder {
    /** Default refusal threshold: longer files are not catalogue tracks. */
    public static final double DEFAULT_MAX_SECONDS = 3600;
    /**
     * Default limit on the time one file may take to decode (both readings of
     * {@link #decodeSegments} together): an hour of 44.1 kHz stereo MP3 takes about 4 s of CPU
     * (about 20 s on the project's 2-core VM under a load of 11), so only a damaged or hostile
     * file comes near it.
     */
    public static final Duration DEFAULT_MAX_DECODE_TIME = Duration.ofSeconds(120);
    /**
     * Default margin, in seconds, kept on each side of where the container's header says a
     * segment lies ({@link #decodeSegments}): more than any header of a real file is off by.
     */
    public static final double DEFAULT_SEGMENT_MARGIN_SECONDS = 2;
    /** The most channels a file may have: libswresample's own limit (SWR_CH_MAX), which it does not check. */
    public static final int MAX_CHANNELS = 64;
    /**
     * The range of source sample rates accepted. A header's rate is only a number: a damaged WAV
     * may say 1.7 GHz, and resampling from it made libswresample allocate its filter in GBs.
     */
    public static final int MIN_SOURCE_RATE = 1000;
    public static final int MAX_SOURCE_RATE = 768_000;
    private static final int SOURCE_RATE = 0;

    static {
        av_log_set_level(AV_LOG_QUIET); // errors are reported through exceptions, not stderr
    }

    private final int sampleRate;
    private final double maxSeconds;
    private final Duration maxDecodeTime;
    private final double segmentMarginSeconds;

    private AudioDecoder(int sampleRate, double maxSeconds, Duration maxDecodeTime, double segmentMarginSeconds) {
        this.sampleRate = sampleRate;
        this.maxSeconds = maxSeconds;
        this.maxDecodeTime = maxDecodeTime;
        this.segmentMarginSeconds = segmentMarginSeconds;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code setSampleRate} (or {@code setSourceSampleRate}, to keep each file's own rate) is
     * required; {@code optMaxSeconds} defaults to {@link #DEFAULT_MAX_SECONDS},
     * {@code optMaxDecodeTime} to {@link #DEFAULT_MAX_DECODE_TIME}, {@code optSegmentMargin} to
     * {@link #DEFAULT_SEGMENT_MARGIN_SECONDS}.
     */
    public static final class Builder {
        private int sampleRate = -1;
        private double maxSeconds = DEFAULT_MAX_SECONDS;
        private Duration maxDecodeTime = DEFAULT_MAX_DECODE_TIME;
        private double segmentMarginSeconds = DEFAULT_SEGMENT_MARGIN_SECONDS;

        public Builder setSampleRate(int sampleRate) {
            if (sampleRate < 1000 || sampleRate > 384000) {
                throw new IllegalArgumentException("sample rate must be in [1000, 384000] Hz, got " + sampleRate);
            }
            this.sampleRate = sampleRate;
            return this;
        }

        /** Keep every file at its own sample rate (MIRtoolbox analyses files at their own rate). */
        public Builder setSourceSampleRate() {
            this.sampleRate = SOURCE_RATE;
            return this;
        }

        /** The longest decoded duration accepted; a longer file is refused once that much is read. */
        public Builder optMaxSeconds(double maxSeconds) {
            if (!(maxSeconds > 0) || Double.isInfinite(maxSeconds)) {
                throw new IllegalArgumentException("maxSeconds must be positive");
            }
            this.maxSeconds = maxSeconds;
            return this;
        }

        /** The longest time one file may take to decode; checked after every packet. */
        public Builder optMaxDecodeTime(Duration maxDecodeTime) {
            if (maxDecodeTime.isNegative() || maxDecodeTime.isZero()) {
                throw new IllegalArgumentException("maxDecodeTime must be positive");
            }
            this.maxDecodeTime = maxDecodeTime;
            return this;
        }

        /**
         * Seconds kept on each side of a segment's expected place in {@link #decodeSegments}
         * (0: none; a file whose header is off by more is read twice, never cut differently).
         */
        public Builder optSegmentMargin(double seconds) {
            if (!(seconds >= 0) || seconds > 600) {
                throw new IllegalArgumentException("segment margin must be in [0, 600] s, got " + seconds);
            }
            this.segmentMarginSeconds = seconds;
            return this;
        }

        public AudioDecoder build() {
            if (sampleRate < 0) {
                throw new IllegalStateException("setSampleRate or setSourceSampleRate is required");
            }
            return new AudioDecoder(sampleRate, maxSeconds, maxDecodeTime, segmentMarginSeconds);
        }
    }

    /** The output rate, or 0 when files keep their own rate. */
    public int sampleRate() {
        return sampleRate;
    }

    /** The longest decoded duration accepted. */
    public double maxSeconds() {
        return maxSeconds;
    }

    /** The whole track in memory: for whole-file analysis (MIRtoolbox's, of any length up to the limit). */
    public DecodedAudio decode(Path file) throws AudioDecodingException {
        WholeTrack[] whole = new WholeTrack[1];
        StreamInfo info = stream(file, deadline(), i -> whole[0] = new WholeTrack());
        return new DecodedAudio(whole[0].samples(), info.sampleRate(), info.sourceSampleRate(), info.channels(), info.codec());
    }

    /**
     * The track's segments as {@code segmenter} plans them on its whole length, sample for sample
     * what cutting {@link #decode}'s track gives, keeping only their samples: the segments' places
     * depend on the track's real length, so the file is read once keeping the places its header
     * announces (widened by the segment margin), and read again with the real length in the rare
     * case a segment fell outside them (a header that is wrong, or none).
     */
    public TrackSegments decodeSegments(Path file, Segmenter segmenter) throws AudioDecodingException {
        long deadline = deadline();
        SegmentWindows[] first = new SegmentWindows[1];
        StreamInfo info = stream(file, deadline, i -> first[0] = SegmentWindows.around(segmenter, i.estimatedSamples(),
                Math.round(segmentMarginSeconds * i.sampleRate()), maxSamples(i.sampleRate())));
        TrackSegments segments = first[0].segments(segmenter, info.sampleRate());
        if (segments != null) {
            return segments;
        }
        long length = first[0].samples();
        SegmentWindows[] second = new SegmentWindows[1];
        stream(file, deadline, i -> second[0] = SegmentWindows.around(segmenter, length, 0, maxSamples(i.sampleRate())));
        segments = second[0].samples() == length ? second[0].segments(segmenter, info.sampleRate()) : null;
        if (segments == null) {
            throw new AudioDecodingException(file + ": decodes to " + length + " samples, then to " + second[0].samples());
        }
        return segments;
    }

    /** What the file's header says, without decoding it (the estimated length may be inexact, or -1). */
    public StreamInfo probe(Path file) throws AudioDecodingException {
        try (Stream s = Stream.open(file, sampleRate)) {
            return s.info;
        }
    }

    private long deadline() {
        return System.nanoTime() + maxDecodeTime.toNanos();
    }

    private long maxSamples(int outRate) {
        return Math.min((long) Math.ceil(maxSeconds * outRate), Integer.MAX_VALUE);
    }

    /**
     * Decodes {@code file} into the sink {@code sinks} makes once the stream is known, checking
     * both limits as it goes.
     */
    StreamInfo stream(Path file, long deadline, Function<StreamInfo, PcmSink> sinks) throws AudioDecodingException {
        try (Stream s = Stream.open(file, sampleRate)) {
            PcmSink sink = sinks.apply(s.info);
            long maxSamples = maxSamples(s.info.sampleRate());
            Output out = new Output(file, s.info.sampleRate(), (chunk, n) -> {
                if (s.samples + n > maxSamples) {
                    throw new AudioTooLongException(file + " is longer than the allowed " + maxSeconds + " s", maxSeconds);
                }
                s.samples += n;
                sink.accept(chunk, n);
            });
            try {
                while (av_read_frame(s.format, s.packet) >= 0) {
                    try {
                        if (s.packet.stream_index() == s.stream) {
                            // A corrupt packet inside an otherwise valid file is skipped, as ffmpeg does.
                            if (avcodec_send_packet(s.codec, s.packet) >= 0) {
                                drain(s, out);
                            }
                        }
                    } finally {
                        av_packet_unref(s.packet);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AudioDecodingException(file + ": decoding took longer than the allowed "
                                + maxDecodeTime.toMillis() / 1000.0 + " s (a damaged file?)");
                    }
                }
                avcodec_send_packet(s.codec, (AVPacket) null);
                drain(s, out);
                out.flush(s.swr);
            } finally {
                out.close();
            }
            if (s.samples == 0) {
                throw new AudioDecodingException(file + ": the audio stream holds no samples");
            }
            return s.info;
        }
    }

    /** One file's FFmpeg contexts, from the open file to the configured resampler; closing frees them all. */
    private static final class Stream implements AutoCloseable {
        final AVFormatContext format = new AVFormatContext(null);
        AVCodecContext codec;
        SwrContext swr;
        AVPacket packet;
        AVFrame frame;
        final AVChannelLayout layout = new AVChannelLayout();
        final AVChannelLayout mono = new AVChannelLayout();
        int stream;
        int sampleFormat;
        StreamInfo info;
        long samples;
        Path file;

        static Stream open(Path file, int sampleRate) throws AudioDecodingException {
            checkFile(file);
            Stream s = new Stream();
            try {
                s.openAt(file, sampleRate);
                return s;
            } catch (AudioDecodingException | RuntimeException e) {
                s.close();
                throw e;
            }
        }

        private void openAt(Path file, int sampleRate) throws AudioDecodingException {
            this.file = file;
            check(avformat_open_input(format, file.toString(), null, null), file, "cannot open");
            check(avformat_find_stream_info(format, (PointerPointer<?>) null), file, "cannot read stream info");
            stream = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (stream < 0) {
                throw new AudioDecodingException(file + ": no audio stream (not an audio file, or an unsupported format)");
            }
            AVStream st = format.streams(stream);
            AVCodecParameters par = st.codecpar();
            AVCodec decoder = avcodec_find_decoder(par.codec_id());
            if (decoder == null) {
                throw new AudioDecodingException(file + ": no decoder for this audio codec");
            }
            codec = avcodec_alloc_context3(decoder);
            check(avcodec_parameters_to_context(codec, par), file, "bad codec parameters");
            check(avcodec_open2(codec, decoder, (PointerPointer<?>) null), file, "cannot open the decoder");
            int channels = codec.ch_layout().nb_channels();
            int inRate = codec.sample_rate();
            if (channels < 1 || inRate < 1) {
                throw new AudioDecodingException(file + ": no channels or no sample rate in the audio stream");
            }
            if (channels > MAX_CHANNELS) {
                throw new AudioDecodingException(file + ": " + channels + " channels, more than the " + MAX_CHANNELS + " supported");
            }
            if (inRate < MIN_SOURCE_RATE || inRate > MAX_SOURCE_RATE) {
                throw new AudioDecodingException(file + ": a sample rate of " + inRate + " Hz, outside the supported "
                        + MIN_SOURCE_RATE + " to " + MAX_SOURCE_RATE + " Hz");
            }
            sampleFormat = codec.sample_fmt();
            int outRate = sampleRate == SOURCE_RATE ? inRate : sampleRate;
            av_channel_layout_default(layout, channels);
            av_channel_layout_default(mono, 1);
            PointerPointer<SwrContext> swrRef = new PointerPointer<>(1);
            swrRef.put(0, null);
            check(swr_alloc_set_opts2(swrRef, mono, AV_SAMPLE_FMT_FLT, outRate,
                    layout, codec.sample_fmt(), inRate, 0, null), file, "cannot set up resampling");
            swr = new SwrContext(swrRef.get(0));
            // Mono is the plain sum of the channels (MIRtoolbox's), not FFmpeg's default downmix
            // (which scales). Summing before resampling resamples one channel instead of all.
            double[] sum = new double[channels];
            Arrays.fill(sum, 1.0);
            check(swr_set_matrix(swr, sum, channels), file, "cannot set up the channel sum");
            check(swr_init(swr), file, "cannot set up resampling");
            packet = av_packet_alloc();
            frame = av_frame_alloc();
            info = new StreamInfo(outRate, inRate, channels, decoder.name().getString(), estimatedSamples(st, outRate));
        }

        /** The stream's duration, else the container's, at the output rate; -1 when neither is known. */
        private long estimatedSamples(AVStream st, int outRate) {
            double seconds = -1;
            if (st.duration() != AV_NOPTS_VALUE && st.duration() > 0 && st.time_base().den() > 0) {
                seconds = st.duration() * (double) st.time_base().num() / st.time_base().den();
            } else if (format.duration() != AV_NOPTS_VALUE && format.duration() > 0) {
                seconds = format.duration() / (double) AV_TIME_BASE;
            }
            return seconds > 0 && seconds < 1e7 ? Math.round(seconds * outRate) : -1;
        }

        @Override
        public void close() {
            if (frame != null) {
                av_frame_free(frame);
            }
            if (packet != null) {
                av_packet_free(packet);
            }
            if (swr != null) {
                swr_free(swr);
            }
            if (codec != null) {
                avcodec_free_context(codec);
            }
            av_channel_layout_uninit(layout);
            av_channel_layout_uninit(mono);
            avformat_close_input(format);
        }
    }

    private static void checkFile(Path file) throws AudioDecodingException {
        if (Files.isDirectory(file)) {
            throw new AudioDecodingException(file + " is a directory, not an audio file");
        }
        if (!Files.isRegularFile(file)) {
            throw new AudioDecodingException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new AudioDecodingException(file + ": not readable");
        }
        try {
            if (Files.size(file) == 0) {
                throw new AudioDecodingException(file + " is empty (0 bytes)");
            }
        } catch (java.io.IOException e) {
            throw new AudioDecodingException(file + ": " + e.getMessage(), e);
        }
    }

    private static void drain(Stream s, Output out) throws AudioDecodingException {
        AVFrame frame = s.frame;
        while (true) {
            int r = avcodec_receive_frame(s.codec, frame);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF()) {
                return;
            }
            if (r < 0) {
                return; // undecodable frame: skipped
            }
            try {
                // The resampler is set up for the stream's first format; a frame in another (an MP3
                // switching from mono to stereo) would make it read planes that are not there.
                int channels = frame.ch_layout().nb_channels();
                if (channels != s.info.channels() || frame.sample_rate() != s.info.sourceSampleRate()
                        || frame.format() != s.sampleFormat) {
                    throw new AudioDecodingException(s.file + ": the audio stream changes format midway (" + s.info.channels()
                            + " channels at " + s.info.sourceSampleRate() + " Hz, then " + channels + " at "
                            + frame.sample_rate() + " Hz)");
                }
                out.convert(s.swr, frame.extended_data(), frame.nb_samples(), s.info.sourceSampleRate());
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    private static void check(int code, Path file, String what) throws AudioDecodingException {
        if (code < 0) {
            byte[] buf = new byte[256];
            av_strerror(code, buf, buf.length);
            int n = 0;
            while (n < buf.length && buf[n] != 0) {
                n++;
            }
            throw new AudioDecodingException(file + ": " + what + " (" + new String(buf, 0, n) + ")");
        }
    }

    /**
     * The resampler's output (mono already: the channels summed by the resampler), a chunk at a
     * time through one reused native buffer and one reused array, to the sink.
     */
    private static final class Output {
        private final Path file;
        private final int outRate;
        private final PcmSink sink;
        private FloatPointer chunk = new FloatPointer(0);
        private int chunkCapacity;
        private float[] array = new float[0];
        private final PointerPointer<FloatPointer> chunkRef = new PointerPointer<>(1);

        Output(Path file, int outRate, PcmSink sink) {
            this.file = file;
            this.outRate = outRate;
            this.sink = sink;
        }

        void convert(SwrContext swr, PointerPointer<?> in, int inSamples, int inRate) throws AudioDecodingException {
            long delay = swr_get_delay(swr, inRate);
            int capacity = (int) ((delay + inSamples) * (long) outRate / inRate) + 64;
            ensureChunk(capacity);
            int n = swr_convert(swr, chunkRef, capacity, in, inSamples);
            if (n < 0) {
                throw new AudioDecodingException(file + ": resampling failed");
            }
            emit(n);
        }

        void flush(SwrContext swr) throws AudioDecodingException {
            ensureChunk(4096);
            int n;
            while ((n = swr_convert(swr, chunkRef, chunkCapacity, (PointerPointer<?>) null, 0)) > 0) {
                emit(n);
            }
        }

        private void ensureChunk(int capacity) {
            if (capacity > chunkCapacity) {
                chunk.close();
                chunk = new FloatPointer(capacity);
                chunkCapacity = capacity;
                chunkRef.put(0, chunk);
                array = new float[capacity];
            }
        }

        private void emit(int n) throws AudioDecodingException {
            if (n > 0) {
                chunk.get(array, 0, n);
                sink.accept(array, n);
            }
        }

        void close() {
            chunk.close();
            chunkRef.close();
        }
    }
}
