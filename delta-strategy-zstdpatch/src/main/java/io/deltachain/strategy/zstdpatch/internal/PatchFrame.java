package io.deltachain.strategy.zstdpatch.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictContentType;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.util.Native;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.api.UnsupportedDeltaOperationException;
import java.util.Arrays;
import java.util.Locale;

/**
 * One zstd frame of the new version against the old one: what {@code zstd --patch-from=OLD} writes and
 * {@code zstd -d --patch-from=OLD} reads (the old version is the frame's raw-content dictionary, which
 * the format does not tell apart from the tool's reference prefix).
 *
 * <p>Two encoders. zstd-jni (1.5.7) has no call for zstd's reference prefix
 * ({@code ZSTD_CCtx_refPrefix}, zstd-jni issue 314), only for a dictionary, and zstd's long-distance
 * matcher, which finds the old version's content for the tool, never sees a dictionary. So first
 * {@link LongMatches} finds the long matches as that matcher would, and when they cover all but 1/256
 * of the new version, {@link LongMatchFrame} writes the frame itself (raw literals, predefined
 * distributions); otherwise, and also for new versions up to 8 MiB, where the smaller of the two is
 * kept, zstd writes it with the old version as dictionary and tables widened to see all of it
 * ({@link Tuning}). Thread-safe: every call has its own state and zstd contexts.
 */
public final class PatchFrame {
    /** zstd's frame magic, little-endian. */
    public static final int MAGIC = 0xFD2FB528;
    /** Arrays a little below {@link Integer#MAX_VALUE} are the largest every VM can allocate. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** No zstd block of 4 bytes or more yields over 128 KiB, with or without a dictionary. */
    private static final long MAX_EXPANSION = (128 << 10) / 4;
    /** Inputs from which long-distance matching is on (it helps within the new version only). */
    private static final long LONG_MATCHING_FROM = 128L << 20;

    /** The long-match frame is written when at most 1/256 of the new version is not in long matches. */
    private static final long LONG_MATCH_LITERALS = 256;
    /** New versions up to which zstd's own frame is made too and the smaller kept (its literals are coded). */
    private static final int BOTH_UP_TO = 8 << 20;

    private static final Object LOCK = new Object();
    private static Throwable loadFailure;
    private static boolean loaded;

    private PatchFrame() {
    }

    /**
     * The window a patch of these sizes needs: a power of two covering the larger input twice, as
     * {@code zstd --patch-from} sizes it, between zstd's bounds 2<sup>10</sup> and 2<sup>31</sup>.
     *
     * @param base bytes of the old version
     * @param target bytes of the new version
     * @return log2 of the window
     */
    public static int windowLog(long base, long target) {
        long larger = Math.max(1, Math.max(base, target));
        return Math.max(10, Math.min(31, 65 - Long.numberOfLeadingZeros(larger - 1)));
    }

    /**
     * The heap {@link #encode} needs beyond its inputs, from their sizes: the long-match table, the
     * output array and its copy, and the long-match frame when one is written.
     *
     * @param baseBytes the old version's size
     * @param targetBytes the new version's size
     * @return bytes of heap
     */
    public static long heapBytes(long baseBytes, long targetBytes) {
        long bound = targetBytes + (targetBytes >> 8) + (64 << 10); // zstd's compressBound, rounded up
        long longMatches = baseBytes > 0 && targetBytes >= LongMatches.KEY
                ? (4L << LongMatches.tableBits(baseBytes, targetBytes)) + targetBytes / 16 + bound : 0;
        return longMatches + 2 * bound;
    }

    /**
     * @param base the old version, the dictionary
     * @param target the new version
     * @param level a zstd level
     * @return one zstd frame with content size and checksum
     */
    public static byte[] encode(byte[] base, byte[] target, int level) {
        requireLibrary();
        byte[] longMatchFrame = null;
        if (base.length > 0 && target.length >= LongMatches.KEY) {
            Memory.requireHeap((4L << LongMatches.tableBits(base.length, target.length)) + target.length / 16,
                    "finding the long matches of a " + base.length + "-byte and a " + target.length + "-byte file");
            LongMatches matches = LongMatches.find(base, target);
            if ((target.length - matches.matched) * LONG_MATCH_LITERALS <= target.length) {
                longMatchFrame = LongMatchFrame.write(base.length, target, matches);
                if (target.length > BOTH_UP_TO) {
                    return longMatchFrame;
                }
            }
        }
        byte[] dictionaryFrame = dictionaryFrame(base, target, level);
        return longMatchFrame != null && longMatchFrame.length <= dictionaryFrame.length ? longMatchFrame
                : dictionaryFrame;
    }

    /** zstd's own frame, with the old version as raw-content dictionary. */
    private static byte[] dictionaryFrame(byte[] base, byte[] target, int level) {
        long bound = Zstd.compressBound(target.length);
        if (bound > MAX_ARRAY) {
            throw new LimitExceededException(Limit.ARRAY_SIZE, bound, MAX_ARRAY, "a zstd-patch of " + target.length
                    + " bytes could need " + bound + " bytes, more than a Java array holds");
        }
        Memory.requireHeap(2 * bound, "zstd-patch of a " + base.length + "-byte and a " + target.length + "-byte file");
        Tuning tuning = Tuning.of(level, base.length, target.length);
        Memory.requireNative(tuning.nativeBytes(), "zstd-patch of a " + base.length + "-byte and a " + target.length
                + "-byte file at level " + level);
        byte[] out = new byte[(int) bound];
        int windowLog = tuning.windowLog();
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            // Every parameter is set before the dictionary: zstd builds its tables from them.
            ctx.setLevel(level).setChecksum(true).setContentSize(true).setDictID(false).setWorkers(0)
                    .setWindowLog(windowLog);
            if (level > 0) {
                ctx.setStrategy(tuning.strategy()).setHashLog(tuning.hashLog()).setChainLog(tuning.chainLog())
                        .setSearchLog(tuning.searchLog()).setMinMatch(tuning.minMatch());
            }
            if (Math.max(base.length, target.length) >= LONG_MATCHING_FROM) {
                ctx.setLong(windowLog);
            }
            if (base.length > 0) {
                ctx.loadDict(base, ZstdDictContentType.RAW_CONTENT);
            }
            int length = ctx.compressByteArray(out, 0, out.length, target, 0, target.length);
            return Arrays.copyOf(out, length);
        } catch (ZstdException e) {
            if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("alloc")) {
                throw new LimitExceededException(Limit.HEAP, base.length, -1,
                        "zstd could not allocate its native tables for a zstd-patch of " + base.length + " and "
                        + target.length + " bytes at level " + level + " (" + e.getMessage() + ")", e);
            }
            throw new DeltaException("zstd could not make a zstd-patch at level " + level + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param base the old version the frame was made against
     * @param frame holds exactly one zstd frame from {@code offset} on, possibly hostile
     * @param offset where the frame starts
     * @param limits bounds on the new version: {@link Limits#maxStateBytes()}, and what the expansion ratio
     *     allows for {@code frame} and {@code base} ({@link Limits#maxExpandedBytes})
     * @param what what is decoded, for messages ("zstd-patch payload", "zstd patch")
     * @return the new version
     */
    public static byte[] decode(byte[] base, byte[] frame, int offset, Limits limits, String what) {
        requireLibrary();
        int length = frame.length - offset;
        if (length < 4 || readIntLe(frame, offset) != MAGIC) {
            throw new CorruptDeltaException(what + " is corrupt: " + (length < 4 ? "only " + Math.max(0, length)
                    + " bytes where a zstd frame should start" : "bad magic at offset " + offset
                    + ", expected the zstd frame magic 28 b5 2f fd"));
        }
        long claimed = Zstd.getFrameContentSize(frame, offset, length, false);
        if (claimed == -2) {
            throw new CorruptDeltaException(what + " is corrupt: bad or truncated zstd frame header at offset " + offset);
        }
        if (claimed == -1) {
            throw new UnsupportedDeltaOperationException(what + " is a zstd frame without its content size (an encoder"
                    + " that streamed without a pledged size wrote it); make it with the size known, e.g. zstd"
                    + " --patch-from=OLD NEW -o PATCH");
        }
        long frameLength;
        try {
            frameLength = Zstd.findFrameCompressedSize(frame, offset, length);
        } catch (ZstdException e) {
            throw new CorruptDeltaException(what + " is corrupt: truncated or damaged zstd frame (" + e.getMessage()
                    + ")", e);
        }
        if (frameLength != length) {
            throw new CorruptDeltaException(what + " is corrupt: " + (length - frameLength) + " bytes follow the zstd"
                    + " frame at offset " + (offset + frameLength));
        }
        if (claimed > frameLength * MAX_EXPANSION) {
            throw new CorruptDeltaException(what + " is corrupt: the frame header claims " + claimed + " bytes, more"
                    + " than a frame of " + frameLength + " bytes can decode to");
        }
        limits.checkStateSize(claimed, what + "'s new version");
        limits.checkExpansion(claimed, frame.length, base.length, what + " (by the content size its frame header claims)");
        if (claimed > MAX_ARRAY) {
            throw new LimitExceededException(Limit.ARRAY_SIZE, claimed, MAX_ARRAY, what + " claims " + claimed
                    + " bytes, more than a Java array holds");
        }
        Memory.requireHeap(claimed, "applying a " + what + " of " + claimed + " bytes");
        byte[] out = new byte[(int) claimed];
        try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
            ctx.setLongMax(31); // the frame is single-segment and decoded in one call: no window is allocated
            if (base.length > 0) {
                ctx.loadDict(base, ZstdDictContentType.RAW_CONTENT);
            }
            int produced = ctx.decompressByteArray(out, 0, out.length, frame, offset, length);
            if (produced != claimed) {
                throw new CorruptDeltaException(what + " is corrupt: it decodes to " + produced + " bytes, its header"
                        + " claims " + claimed);
            }
            return out;
        } catch (ZstdException e) {
            throw new CorruptDeltaException(what + " is corrupt or was made against another old version: "
                    + e.getMessage(), e);
        }
    }

    /** Loads zstd-jni's library once; a platform without one gets the same clear error every time. */
    private static void requireLibrary() {
        synchronized (LOCK) {
            if (loaded) {
                return;
            }
            if (loadFailure == null) {
                try {
                    Native.load();
                    loaded = true;
                    return;
                } catch (LinkageError | RuntimeException e) {
                    loadFailure = e;
                }
            }
        }
        throw new DeltaConfigurationException("strategy 'zstd-patch' is unavailable on "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": zstd-jni could not load its"
                + " native library (" + loadFailure + "); use strategy bsdiff, or set the system property"
                + " ZstdNativePath to a zstd-jni library built for this platform (README: zstd)", loadFailure);
    }

    private static int readIntLe(byte[] in, int at) {
        return (in[at] & 0xff) | (in[at + 1] & 0xff) << 8 | (in[at + 2] & 0xff) << 16 | (in[at + 3] & 0xff) << 24;
    }
}
