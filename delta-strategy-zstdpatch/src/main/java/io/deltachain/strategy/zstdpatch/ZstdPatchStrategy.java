package io.deltachain.strategy.zstdpatch;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import io.deltachain.strategy.zstdpatch.internal.PatchFrame;
import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code zstd-patch} strategy: the new version compressed by zstd with the old version as its
 * reference, as {@code zstd --patch-from=OLD NEW} does; on bytes, and on any state format through
 * its canonical bytes ({@link DeltaStrategy#overBytes}).
 *
 * <p><b>Native format</b> ({@value #NATIVE_NAME}): one zstd frame, with content size and checksum,
 * decoded with the old version's raw bytes as its dictionary. {@code zstd -d --patch-from=OLD PATCH}
 * decodes ours, and we apply what {@code zstd --patch-from=OLD NEW -o PATCH} writes (the tool always
 * records the content size; a frame without one, from another encoder, is refused by name). The frame
 * is single-segment, so the tool decodes it without {@code --long}, and without {@code --memory}
 * unless the new version is larger than both the old one and 128 MiB (as for the tool's own patches).
 *
 * <p><b>Record payload</b>: the same frame behind the magic {@code DLTZSP}, version 1 and a zero
 * flags byte (docs/FORMAT.md), so that a payload is never taken for a bare patch; the record's
 * codec then gains nothing on it (use {@code identity} to save its few bytes).
 *
 * <p><b>Two encoders.</b> zstd-jni offers the old version to zstd only as a dictionary, never as the
 * tool's reference prefix, and zstd's long-distance matcher, which finds the old version for the
 * tool, never sees a dictionary. So the long matches are found first, as that matcher would (the old
 * version sampled every 8 bytes, matches from 64 bytes); when they cover all but 1/256 of the new
 * version we write the frame ourselves (raw literals, zstd's predefined code tables): a new version
 * that is mostly the old one, whatever the level. Otherwise, and also for new versions up to 8 MiB
 * (the smaller frame is kept), zstd writes it at the level, with its tables widened to index the whole
 * old version.
 *
 * <p><b>Level</b>: {@value #DEFAULT_LEVEL} unless constructed with another (1 to 22 and zstd's
 * negative fast levels); it applies to zstd's encoder. With the old version as a dictionary, levels 1
 * to 4 index it with zstd's fast matchers (up to 16 MiB; beyond, its lazy one), 5 to 12 with hash
 * rows, and 13 and above with binary trees reaching back 2<sup>27</sup> positions at most, so above
 * about 64 MiB those levels find less of the old version (docs/BENCHMARKS.md).
 *
 * <p><b>Memory</b>: diffing needs on the heap a hash table of one int per 8 input bytes (at most
 * 128 MiB) and, where zstd's encoder runs, about twice zstd's bound on the new version (its output
 * buffer and the result); natively zstd takes a copy of the old version plus its match tables twice
 * (estimated: at levels 1 to 12 about 0.1 GiB for a 16 MiB pair and 0.9 GiB for a 256 MiB one; at
 * level 19 0.6 and 2.4 GiB; at most about 1.1 GiB plus the old version's size). Both are checked before starting: a shortfall of heap, or an
 * estimate of native memory above the machine's physical memory, is a
 * {@link io.deltachain.api.LimitExceededException} with {@link io.deltachain.api.Limit#HEAP}.
 * Applying needs the new version's size on the heap, checked against {@link Limits#maxStateBytes()},
 * the expansion ratio ({@link Limits#maxExpandedBytes} of the patch and the old version) and the free
 * heap before allocating (the frame's claimed size is also checked against its length),
 * and natively a copy of the old version. Thread-safe; cheap to construct (zstd-jni's native library
 * is loaded on first use, and a platform without one gets a {@link DeltaConfigurationException}
 * naming this strategy).
 */
public final class ZstdPatchStrategy implements DeltaStrategy<byte[]> {
    /** The id. */
    public static final String ID = "zstd-patch";
    /** The level of the discovered strategy. */
    public static final int DEFAULT_LEVEL = 12;
    /** The native format's name. */
    public static final String NATIVE_NAME = "zstd --patch-from";

    private static final byte[] MAGIC = {'D', 'L', 'T', 'Z', 'S', 'P'};
    private static final int VERSION = 1;
    private static final int HEADER = MAGIC.length + 2;
    private static final String PAYLOAD = "zstd-patch payload";

    private final int level;

    /** The strategy at level {@value #DEFAULT_LEVEL}: what {@code ServiceLoader} builds. */
    public ZstdPatchStrategy() {
        this(DEFAULT_LEVEL);
    }

    /**
     * @param level a zstd level, -131072 to 22 except 0; for an explicit registration
     * @throws DeltaConfigurationException when the level is not one of zstd's
     */
    public ZstdPatchStrategy(int level) {
        if (level < -(1 << 17) || level > 22 || level == 0) {
            throw new DeltaConfigurationException("strategy 'zstd-patch' takes zstd's levels -131072 to -1 and 1 to"
                    + " 22, not " + level);
        }
        this.level = level;
    }

    /** @return the zstd level patches are made at */
    public int level() {
        return level;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public StateFormat<byte[]> stateFormat() {
        return StateFormats.bytes();
    }

    @Override
    public long diffHeapBytes(long baseBytes, long targetBytes) {
        return PatchFrame.heapBytes(baseBytes, targetBytes) + targetBytes; // and the payload's copy of the frame
    }

    @Override
    public byte[] diff(byte[] base, byte[] target) {
        byte[] frame = PatchFrame.encode(base, target, level);
        byte[] payload = Arrays.copyOf(MAGIC, HEADER + frame.length);
        payload[MAGIC.length] = VERSION;
        System.arraycopy(frame, 0, payload, HEADER, frame.length);
        return payload;
    }

    @Override
    public byte[] apply(byte[] base, byte[] payload, Limits limits) {
        if (payload.length < HEADER || !Arrays.equals(payload, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptDeltaException(PAYLOAD + " is corrupt: " + (payload.length < HEADER ? "only "
                    + payload.length + " bytes, a payload starts with " + HEADER : "it does not start with DLTZSP")
                    + (payload.length >= 4 && payload[0] == 0x28 ? "; a bare zstd patch is applied through the native"
                    + " format (delta apply --raw)" : ""));
        }
        if (payload[MAGIC.length] != VERSION || payload[MAGIC.length + 1] != 0) {
            throw new CorruptDeltaException(PAYLOAD + " is corrupt or newer than this library: version "
                    + (payload[MAGIC.length] & 0xff) + ", flags " + (payload[MAGIC.length + 1] & 0xff)
                    + "; this library reads version 1 with flags 0");
        }
        return PatchFrame.decode(base, payload, HEADER, limits, PAYLOAD);
    }

    @Override
    public Optional<NativeFormat<byte[]>> nativeFormat() {
        return Optional.of(new Native());
    }

    @Override
    public String toString() {
        return ID + (level == DEFAULT_LEVEL ? "" : " (level " + level + ")");
    }

    /** A bare zstd frame against the old version: the zstd tool's {@code --patch-from}. */
    private final class Native implements NativeFormat<byte[]> {
        @Override
        public String name() {
            return NATIVE_NAME;
        }

        @Override
        public byte[] diff(byte[] base, byte[] target) {
            return PatchFrame.encode(base, target, level);
        }

        @Override
        public byte[] apply(byte[] base, byte[] nativePatch, Limits limits) {
            return PatchFrame.decode(base, nativePatch, 0, limits, "zstd patch");
        }
    }
}
