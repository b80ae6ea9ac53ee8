package io.tagger.audio;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * Real audio files of any length for the tests, written by FFmpeg's own encoders (the ones the
 * decoder's FFmpeg build carries): WAV (16-bit PCM), MP3 (LAME), FLAC and OGG (Vorbis). The
 * signal is generated frame by frame, so an hour costs no more memory than a second.
 */
final class TestAudioFiles {
    /** The containers the project supports, by the name FFmpeg's muxer has. */
    static final String[] CONTAINERS = {"wav", "mp3", "flac", "ogg"};

    private TestAudioFiles() {
    }

    /** A deterministic test signal: a chord whose loudness and pitch drift, clicks, a little noise. */
    static float sample(long i, int rate, int channel) {
        double t = i / (double) rate;
        double drift = 1 + 0.3 * Math.sin(2 * Math.PI * t / 37.0);
        double v = 0.2 * Math.sin(2 * Math.PI * 220 * drift * t) + 0.1 * Math.sin(2 * Math.PI * 330 * t + channel)
                + 0.1 * Math.sin(2 * Math.PI * 0.013 * t) * Math.sin(2 * Math.PI * 550 * t);
        if (t % 0.5 < 0.01) {
            v += 0.3 * Math.sin(2 * Math.PI * 1000 * t);
        }
        long h = (i * 0x9E3779B97F4A7C15L + channel) * 0xBF58476D1CE4E5B9L;
        return (float) (v * (0.5 + 0.5 * Math.abs(Math.sin(t / 7))) + 0.002 * ((h >>> 40) / (double) (1L << 24) - 0.5));
    }

    /**
     * Writes {@code seconds} of the test signal to {@code out} in {@code container} ({@code wav},
     * {@code mp3}, {@code flac} or {@code ogg}); {@code bitRate} in bit/s for MP3 (0: LAME's
     * default). OGG is always stereo: FFmpeg's own Vorbis encoder writes two channels only.
     */
    static Path write(Path out, String container, int rate, int channels, double seconds, int bitRate) throws IOException {
        if (container.equals("ogg")) {
            channels = 2;
            bitRate = 0;
        }
        String codecName = switch (container) {
            case "wav" -> "pcm_s16le";
            case "mp3" -> "libmp3lame";
            case "flac" -> "flac";
            case "ogg" -> "vorbis";
            default -> throw new IllegalArgumentException(container);
        };
        int sampleFormat = switch (container) {
            case "wav", "flac" -> AV_SAMPLE_FMT_S16;
            case "mp3" -> AV_SAMPLE_FMT_S16P;
            default -> AV_SAMPLE_FMT_FLTP;
        };
        AVFormatContext format = new AVFormatContext(null);
        check(avformat_alloc_output_context2(format, null, container, out.toString()), "output " + container);
        AVCodec codec = avcodec_find_encoder_by_name(codecName);
        if (codec == null) {
            throw new IOException("no encoder " + codecName);
        }
        AVStream stream = avformat_new_stream(format, codec);
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            ctx.sample_rate(rate);
            ctx.sample_fmt(sampleFormat);
            av_channel_layout_default(ctx.ch_layout(), channels);
            if (bitRate > 0) {
                ctx.bit_rate(bitRate);
            }
            ctx.time_base().num(1).den(rate);
            ctx.strict_std_compliance(FF_COMPLIANCE_EXPERIMENTAL); // FFmpeg's own Vorbis encoder
            if ((format.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
                ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            check(avcodec_open2(ctx, codec, (PointerPointer<?>) null), "open " + codecName);
            check(avcodec_parameters_from_context(stream.codecpar(), ctx), "parameters");
            stream.time_base().num(1).den(rate);
            AVIOContext io = new AVIOContext(null);
            check(avio_open(io, new BytePointer(out.toString()), AVIO_FLAG_WRITE), "open " + out);
            format.pb(io);
            check(avformat_write_header(format, (PointerPointer<?>) null), "header");
            int frameSize = ctx.frame_size() > 0 ? ctx.frame_size() : 1024;
            long total = Math.round(seconds * rate);
            for (long pos = 0; pos < total; pos += frameSize) {
                int n = (int) Math.min(frameSize, total - pos);
                frame.nb_samples(n);
                frame.format(sampleFormat);
                frame.sample_rate(rate);
                av_channel_layout_copy(frame.ch_layout(), ctx.ch_layout());
                check(av_frame_get_buffer(frame, 0), "frame buffer");
                fill(frame, sampleFormat, pos, n, rate, channels);
                frame.pts(pos);
                encode(format, ctx, stream, frame, packet);
                av_frame_unref(frame);
            }
            encode(format, ctx, stream, null, packet);
            check(av_write_trailer(format), "trailer");
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(ctx);
            if (format.pb() != null) {
                avio_closep(format.pb());
            }
            avformat_free_context(format);
        }
        if (Files.size(out) == 0) {
            throw new IOException("nothing written to " + out);
        }
        return out;
    }

    private static void fill(AVFrame frame, int sampleFormat, long pos, int n, int rate, int channels) {
        if (sampleFormat == AV_SAMPLE_FMT_S16) {
            BytePointer data = frame.data(0);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    data.putShort(2L * (i * channels + c), pcm16(sample(pos + i, rate, c)));
                }
            }
        } else {
            for (int c = 0; c < channels; c++) {
                BytePointer data = frame.extended_data(c);
                for (int i = 0; i < n; i++) {
                    float x = sample(pos + i, rate, c);
                    if (sampleFormat == AV_SAMPLE_FMT_S16P) {
                        data.putShort(2L * i, pcm16(x));
                    } else {
                        data.putFloat(4L * i, x);
                    }
                }
            }
        }
    }

    private static short pcm16(float x) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(x * 32768)));
    }

    private static void encode(AVFormatContext format, AVCodecContext ctx, AVStream stream, AVFrame frame,
                               AVPacket packet) throws IOException {
        check(avcodec_send_frame(ctx, frame), "encode");
        while (true) {
            int r = avcodec_receive_packet(ctx, packet);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF()) {
                return;
            }
            check(r, "encode");
            av_packet_rescale_ts(packet, ctx.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            check(av_interleaved_write_frame(format, packet), "write");
        }
    }

    private static void check(int code, String what) throws IOException {
        if (code < 0) {
            throw new IOException(String.format(Locale.ROOT, "%s failed (%d)", what, code));
        }
    }
}
