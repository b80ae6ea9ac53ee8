package io.tagger.audio;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

/**
 * Decodes any audio file FFmpeg reads (WAV, MP3, FLAC, OGG, ...) to mono float PCM at a
 * requested sample rate: each channel is resampled by libswresample, then the channels are
 * summed (MIRtoolbox's 'Mono' of a file input). Thread-safe: every call has its own FFmpeg
 * contexts, all freed before it returns.
 */
public final class AudioDecoder {
    /** Default refusal threshold: longer files are not catalogue tracks and would fill memory. */
    public static final double DEFAULT_MAX_SECONDS = 3600;
    private static final int SOURCE_RATE = 0;

    static {
        av_log_set_level(AV_LOG_QUIET); // errors are reported through exceptions, not stderr
    }

    private final int sampleRate;
    private final double maxSeconds;

    private AudioDecoder(int sampleRate, double maxSeconds) {
        this.sampleRate = sampleRate;
        this.maxSeconds = maxSeconds;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code setSampleRate} (or {@code setSourceSampleRate}, to keep each file's own rate) is
     * required; {@code optMaxSeconds} defaults to one hour.
     */
    public static final class Builder {
        private int sampleRate = -1;
        private double maxSeconds = DEFAULT_MAX_SECONDS;

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

        public Builder optMaxSeconds(double maxSeconds) {
            if (!(maxSeconds > 0)) {
                throw new IllegalArgumentException("maxSeconds must be positive");
            }
            this.maxSeconds = maxSeconds;
            return this;
        }

        public AudioDecoder build() {
            if (sampleRate < 0) {
                throw new IllegalStateException("setSampleRate or setSourceSampleRate is required");
            }
            return new AudioDecoder(sampleRate, maxSeconds);
        }
    }

    /** The output rate, or 0 when files keep their own rate. */
    public int sampleRate() {
        return sampleRate;
    }

    public DecodedAudio decode(Path file) throws AudioDecodingException {
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
        AVFormatContext format = new AVFormatContext(null);
        AVCodecContext codec = null;
        SwrContext swr = null;
        AVPacket packet = null;
        AVFrame frame = null;
        AVChannelLayout layout = new AVChannelLayout();
        AVChannelLayout mono = new AVChannelLayout();
        try {
            check(avformat_open_input(format, file.toString(), null, null), file, "cannot open");
            check(avformat_find_stream_info(format, (PointerPointer<?>) null), file, "cannot read stream info");
            int stream = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (stream < 0) {
                throw new AudioDecodingException(file + ": no audio stream (not an audio file, or an unsupported format)");
            }
            AVCodecParameters par = format.streams(stream).codecpar();
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

            long maxSamples = (long) Math.ceil(maxSeconds * outRate);
            MonoBuffer out = new MonoBuffer(outRate, maxSamples, file, maxSeconds);
            packet = av_packet_alloc();
            frame = av_frame_alloc();
            while (av_read_frame(format, packet) >= 0) {
                try {
                    if (packet.stream_index() == stream) {
                        // A corrupt packet inside an otherwise valid file is skipped, as ffmpeg does.
                        if (avcodec_send_packet(codec, packet) >= 0) {
                            drain(codec, frame, swr, out, inRate);
                        }
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
            avcodec_send_packet(codec, (AVPacket) null);
            drain(codec, frame, swr, out, inRate);
            out.flush(swr);
            if (out.size() == 0) {
                throw new AudioDecodingException(file + ": the audio stream holds no samples");
            }
            return new DecodedAudio(out.toArray(), outRate, inRate, channels, decoder.name().getString());
        } finally {
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

    private static void drain(AVCodecContext codec, AVFrame frame, SwrContext swr, MonoBuffer out, int inRate)
            throws AudioDecodingException {
        while (true) {
            int r = avcodec_receive_frame(codec, frame);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF()) {
                return;
            }
            if (r < 0) {
                return; // undecodable frame: skipped
            }
            out.convert(swr, frame.extended_data(), frame.nb_samples(), inRate);
            av_frame_unref(frame);
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

    /** Resampler output (mono already: the channels summed by the resampler) in a growing array. */
    private final class MonoBuffer {
        private final int outRate;
        private final long maxSamples;
        private final Path file;
        private final double maxSecondsAllowed;
        private float[] mono = new float[1 << 16];
        private int size;
        private FloatPointer chunk = new FloatPointer(0);
        private int chunkCapacity;
        private final PointerPointer<FloatPointer> chunkRef = new PointerPointer<>(1);

        MonoBuffer(int outRate, long maxSamples, Path file, double maxSecondsAllowed) {
            this.outRate = outRate;
            this.maxSamples = maxSamples;
            this.file = file;
            this.maxSecondsAllowed = maxSecondsAllowed;
        }

        void convert(SwrContext swr, PointerPointer<?> in, int inSamples, int inRate) throws AudioDecodingException {
            long delay = swr_get_delay(swr, inRate);
            int capacity = (int) ((delay + inSamples) * (long) outRate / inRate) + 64;
            ensureChunk(capacity);
            int n = swr_convert(swr, chunkRef, capacity, in, inSamples);
            if (n < 0) {
                throw new AudioDecodingException(file + ": resampling failed");
            }
            append(n);
        }

        void flush(SwrContext swr) throws AudioDecodingException {
            ensureChunk(4096);
            int n;
            while ((n = swr_convert(swr, chunkRef, chunkCapacity, (PointerPointer<?>) null, 0)) > 0) {
                append(n);
            }
        }

        private void ensureChunk(int capacity) {
            if (capacity > chunkCapacity) {
                chunk.close();
                chunk = new FloatPointer(capacity);
                chunkCapacity = capacity;
                chunkRef.put(0, chunk);
            }
        }

        /** One native copy of the chunk's n samples to the end of the array. */
        private void append(int n) throws AudioDecodingException {
            if (size + (long) n > maxSamples) {
                throw new AudioDecodingException(file + " is longer than the allowed " + maxSecondsAllowed + " s");
            }
            if (size + n > mono.length) {
                mono = Arrays.copyOf(mono, Math.max(mono.length * 2, size + n));
            }
            chunk.get(mono, size, n);
            size += n;
        }

        int size() {
            return size;
        }

        float[] toArray() {
            chunk.close();
            return Arrays.copyOf(mono, size);
        }
    }
}
