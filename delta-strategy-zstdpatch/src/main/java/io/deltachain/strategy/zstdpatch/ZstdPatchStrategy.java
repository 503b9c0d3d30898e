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
 * whose dictionary is the old version's raw bytes. {@code zstd -d --patch-from=OLD PATCH} decodes
 * ours, and we apply what {@code zstd --patch-from=OLD NEW -o PATCH} writes (the tool always
 * records the content size; a frame without one, from another encoder, is refused by name). The window is sized
 * to the inputs (twice the larger, up to 2 GiB); the frame is single-segment, so the tool decodes
 * it without {@code --long} or {@code --memory}.
 *
 * <p><b>Record payload</b>: the same frame behind the magic {@code DLTZSP}, version 1 and a zero
 * flags byte (docs/FORMAT.md), so that a payload is never taken for a bare patch; the record's
 * codec then gains nothing on it (use {@code identity} to save its few bytes).
 *
 * <p><b>Level</b>: {@value #DEFAULT_LEVEL} unless constructed with another (1 to 22 and zstd's
 * negative fast levels). zstd-jni offers a dictionary, not the tool's reference prefix, and zstd's
 * dictionary matchers are weaker: levels 1 to 4 find little of a large old version, levels 13 and
 * above (binary-tree matchers) collapse on bases of 16 MiB and more, and 5 to 12 do well (measured in
 * docs/BENCHMARKS.md), so the default is 12.
 *
 * <p><b>Memory</b>: diffing needs on the heap about twice zstd's bound on the new version (its
 * output buffer and the result; checked first, a shortfall is a
 * {@link io.deltachain.api.LimitExceededException} with {@link io.deltachain.api.Limit#HEAP}), and
 * natively a copy of the old version plus zstd's match tables, twice (dictionary and context): about
 * 0.1 to 0.3 GiB at level 12, several at level 19 and above. Applying needs the new version's size on
 * the heap, checked against {@link Limits#maxStateBytes()} and the free heap before allocating (the
 * frame's claimed size is also checked against its length), and natively a copy of the old version.
 * Thread-safe; cheap to construct (zstd-jni's native library is loaded on first use, and a platform
 * without one gets a {@link DeltaConfigurationException} naming this strategy).
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

    /** A bare zstd frame with the old version as dictionary: the zstd tool's {@code --patch-from}. */
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
