package io.deltachain.codec.zstd;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.codec.zstd.internal.FrameOutput;
import io.deltachain.codec.zstd.internal.NativeZstd;
import io.deltachain.spi.Codec;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The {@code zstd} codec: Zstandard frames (RFC 8878) that {@code zstd -d} and {@code unzstd} read,
 * through zstd-jni (its jar carries zstd's native library; see {@link NativeZstd#BUNDLED}).
 *
 * <p><b>Levels</b> are zstd's own: {@value #MIN_LEVEL} (the fastest of the "fast" levels that
 * {@code zstd --fast=N} reaches as {@code -N}) to {@value #MAX_LEVEL}; default {@value #DEFAULT_LEVEL}.
 * Negative levels trade ratio for speed; 1 to 19 are the usual range; 20 to 22 ({@code --ultra})
 * use windows of 32 to 128 MiB and as much native memory again while encoding. Level 0 means zstd's
 * default and writes the same bytes as 3. Any other level is refused with a
 * {@link io.deltachain.api.DeltaConfigurationException}, never clamped.
 *
 * <p><b>Encoding</b> writes one frame with the content size and an XXH64 content checksum, single
 * threaded, so that the same bytes and level give the same output on every run and machine with the
 * same zstd-jni build.
 *
 * <p><b>Decoding</b> accepts what {@code zstd -d} accepts: one or more frames, skippable frames
 * among them, frames with or without content size and checksum. A frame's claimed content size is
 * never trusted: before anything is allocated for it, it is checked against what its compressed
 * length could possibly expand to (a lie is a {@link CorruptDeltaException}), against
 * {@link Limits#maxPayloadBytes()} together with the frames before it (or, when it is lower, what
 * {@link Limits#maxExpansionRatio()} allows for the input's size: {@link Limits#maxDecodedBytes(long)}),
 * and against the free heap (each a {@link LimitExceededException}). A frame without a content size
 * is first decoded without keeping anything, only counting, and stopped as soon as the count passes
 * that bound; within it, it is decoded again into an array of exactly that size (so no array ever
 * grows by copying, and a bomb costs a 128 KiB buffer); its window, allocated
 * natively by zstd, may be at most the larger of 8 MiB and the bound. Bad magic, a truncated frame, a bad checksum and bytes
 * after the last frame are {@link CorruptDeltaException}s ({@code "zstd payload is corrupt: ..."});
 * no {@link ZstdException} escapes.
 *
 * <p>A platform zstd-jni has no library for gives a {@link io.deltachain.api.DeltaConfigurationException}
 * naming this codec on the first encode or decode, never an {@link UnsatisfiedLinkError}.
 *
 * <p>Stateless and thread-safe: every call uses its own zstd context and frees it. Cheap to construct
 * (the native library is loaded on first use).
 */
public final class ZstdCodec implements Codec {
    /** The id stored in records. */
    public static final String ID = "zstd";
    /** The lowest level, zstd's {@code ZSTD_minCLevel()}: the fastest, least compression. */
    public static final int MIN_LEVEL = -(1 << 17);
    /** The highest level, zstd's {@code ZSTD_maxCLevel()}. */
    public static final int MAX_LEVEL = 22;
    /** The level used when none is given, zstd's own default. */
    public static final int DEFAULT_LEVEL = 3;

    private static final String WHO = "codec '" + ID + "'";
    private static final int MAGIC = 0xFD2FB528;
    private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
    private static final int SKIPPABLE_MAGIC = 0x184D2A50;
    /** A zstd block of 4 bytes (an RLE block) expands to at most 128 KiB: no frame does better. */
    private static final long MAX_EXPANSION = (128 << 10) / 4;
    /** The window a frame without content size may ask for, at least: zstd's levels 1-19 stay within it. */
    private static final int MIN_WINDOW_LOG_MAX = 23;
    /** The buffer a frame without content size is measured through. */
    private static final int SCRATCH = 128 << 10;

    private final NativeZstd library;

    /** Creates the codec; it holds no state, and loads nothing until it is used. */
    public ZstdCodec() {
        this(NativeZstd.standard());
    }

    ZstdCodec(NativeZstd library) {
        this.library = library;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int defaultLevel() {
        return DEFAULT_LEVEL;
    }

    @Override
    public int minLevel() {
        return MIN_LEVEL;
    }

    @Override
    public int maxLevel() {
        return MAX_LEVEL;
    }

    @Override
    public byte[] encode(byte[] data, int level) {
        checkLevel(level);
        library.require(WHO);
        long bound = Zstd.compressBound(data.length);
        if (bound > FrameOutput.MAX_ARRAY) {
            throw new LimitExceededException(Limit.ARRAY_SIZE, bound, FrameOutput.MAX_ARRAY, "zstd cannot encode "
                    + data.length + " bytes: its worst-case output of " + bound + " bytes exceeds the largest Java array");
        }
        FrameOutput.requireHeap(bound, "zstd encoding of " + data.length + " bytes");
        byte[] out = new byte[(int) bound];
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(level).setChecksum(true).setContentSize(true).setWorkers(0);
            int length = ctx.compressByteArray(out, 0, out.length, data, 0, data.length);
            return Arrays.copyOf(out, length);
        } catch (ZstdException e) {
            throw new DeltaException("zstd could not encode " + data.length + " bytes at level " + level + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public byte[] decode(byte[] data, Limits limits) {
        library.require(WHO);
        if (data.length == 0) {
            throw corrupt("empty input, expected a zstd frame (magic 28 b5 2f fd)");
        }
        FrameOutput output = new FrameOutput(limits, data.length, "zstd payload");
        try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
            ctx.setLongMax(windowLogMax(output.limit()));
            int offset = 0;
            int frame = 0;
            while (offset < data.length) {
                frame++;
                offset = decodeFrame(ctx, data, offset, frame, output);
            }
        }
        return output.toByteArray();
    }

    @Override
    public String toString() {
        return ID;
    }

    /** Decodes the frame at {@code offset}, or skips it when it is a skippable frame; returns the offset after it. */
    private static int decodeFrame(ZstdDecompressCtx ctx, byte[] data, int offset, int frame, FrameOutput output) {
        String where = "frame " + frame + " at offset " + offset + ": ";
        int remaining = data.length - offset;
        if (remaining < 4) {
            throw corrupt(frame == 1 ? "truncated: " + remaining + " bytes, too few for a frame's magic number"
                    : remaining + " trailing bytes at offset " + offset + " are not another zstd frame");
        }
        int magic = readIntLe(data, offset);
        if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
            if (remaining < 8) {
                throw corrupt(where + "truncated skippable frame header");
            }
            long size = Integer.toUnsignedLong(readIntLe(data, offset + 4));
            if (size > remaining - 8) {
                throw corrupt(where + "skippable frame of " + size + " bytes runs past the end of the input");
            }
            return offset + 8 + (int) size;
        }
        if (magic != MAGIC) {
            throw corrupt(frame == 1 ? "bad magic " + hex(data, offset) + " at offset 0, expected 28 b5 2f fd"
                    : remaining + " trailing bytes at offset " + offset + " are not another zstd frame (magic "
                    + hex(data, offset) + ")");
        }
        long claimed = Zstd.getFrameContentSize(data, offset, remaining, false);
        if (claimed == -2) {
            throw corrupt(where + "bad or truncated frame header");
        }
        int frameLength = frameLength(data, offset, where);
        if (claimed >= 0) {
            if (claimed > frameLength * MAX_EXPANSION) {
                throw corrupt(where + "the header claims " + claimed + " decoded bytes, more than the frame's "
                        + frameLength + " bytes can hold");
            }
            output.reserve(claimed, where);
            try {
                int produced = ctx.decompressByteArray(output.bytes(), output.length(), (int) claimed, data, offset,
                        frameLength);
                if (produced != claimed) {
                    throw corrupt(where + "decoded to " + produced + " bytes, but the header claims " + claimed);
                }
                output.advance(produced);
            } catch (ZstdException e) {
                throw corrupt(where + e.getMessage(), e);
            }
        } else {
            stream(ctx, data, offset, frameLength, where, output);
        }
        return offset + frameLength;
    }

    /**
     * Decodes a frame without a content size: first only counting its output in a small scratch buffer,
     * refused as soon as the count passes the limit, then into an array of exactly that size; so a
     * bomb costs the scratch buffer and zstd's window, never an array grown by copying.
     */
    private static void stream(ZstdDecompressCtx ctx, byte[] data, int offset, int frameLength, String where,
            FrameOutput output) {
        ByteBuffer scratch = ByteBuffer.allocate((int) Math.min(SCRATCH, output.limit() + 1));
        long size = 0;
        try {
            ByteBuffer in = ByteBuffer.wrap(data, offset, frameLength);
            boolean done = false;
            while (!done) {
                scratch.clear();
                int before = in.position();
                done = ctx.decompressByteBufferStream(scratch, in);
                size += scratch.position();
                output.checkTotal(output.length() + size);
                if (!done && scratch.position() == 0 && in.position() == before) {
                    throw corrupt(where + "truncated: the frame ends before its last block");
                }
            }
            ctx.reset();
            output.reserve(size, where);
            ByteBuffer out = ByteBuffer.wrap(output.bytes(), output.length(), (int) size);
            in = ByteBuffer.wrap(data, offset, frameLength);
            done = false;
            while (!done && out.hasRemaining()) {
                done = ctx.decompressByteBufferStream(out, in);
            }
            if (!done) {
                throw corrupt(where + "decodes to more than the " + size + " bytes it decoded to before");
            }
            output.advance((int) size);
            ctx.reset();
        } catch (ZstdException e) {
            ctx.reset();
            throw corrupt(where + e.getMessage(), e);
        }
    }

    private static int frameLength(byte[] data, int offset, String where) {
        try {
            long length = Zstd.findFrameCompressedSize(data, offset, data.length - offset);
            if (length <= 0 || length > data.length - offset) {
                throw corrupt(where + "truncated or damaged: no complete frame in the " + (data.length - offset)
                        + " bytes left");
            }
            return (int) length;
        } catch (ZstdException e) {
            throw corrupt(where + "truncated or damaged (" + e.getMessage() + ")", e);
        }
    }

    /** The largest window a frame may ask for: zstd's usual windows, or up to the limit when that is larger. */
    private static int windowLogMax(long limit) {
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, limit - 1));
        return Math.min(31, Math.max(MIN_WINDOW_LOG_MAX, bits));
    }

    private static int readIntLe(byte[] in, int at) {
        return (in[at] & 0xff) | (in[at + 1] & 0xff) << 8 | (in[at + 2] & 0xff) << 16 | (in[at + 3] & 0xff) << 24;
    }

    private static String hex(byte[] data, int at) {
        return String.format("%02x %02x %02x %02x", data[at], data[at + 1], data[at + 2], data[at + 3]);
    }

    private static CorruptDeltaException corrupt(String detail) {
        return new CorruptDeltaException("zstd payload is corrupt: " + detail);
    }

    private static CorruptDeltaException corrupt(String detail, Throwable cause) {
        return new CorruptDeltaException("zstd payload is corrupt: " + detail, cause);
    }
}
