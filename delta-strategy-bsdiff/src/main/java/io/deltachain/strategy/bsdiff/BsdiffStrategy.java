package io.deltachain.strategy.bsdiff;

import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.StateFormats;
import io.deltachain.strategy.bsdiff.internal.Bsdiff40Format;
import io.deltachain.strategy.bsdiff.internal.HeapCheck;
import io.deltachain.strategy.bsdiff.internal.Matcher;
import io.deltachain.strategy.bsdiff.internal.PayloadFormat;
import io.deltachain.strategy.bsdiff.internal.BlockHashMatcher;
import java.util.Optional;

/**
 * The {@code bsdiff} strategy: binary deltas of byte arrays, and of any state format through its
 * canonical bytes ({@link DeltaStrategy#overBytes}).
 *
 * <p>Matching finds exact matches by hashing the old file's 12-byte aligned blocks and rolling a hash
 * over the new file, then builds control triples exactly as bsdiff 4.3 does (forward and backward
 * extension, so a few changed bytes inside a match land in the diff block); patches are as small as
 * bsdiff's own suffix-array matching on edited files, in expected linear time; a second pass finds
 * the shorter matches in the gaps with a suffix array of only the unused parts of the old file. Record payloads hold the control, diff and extra blocks uncompressed behind the magic
 * {@code DLTBSD} (docs/FORMAT.md), so that the record's codec compresses once. The native format is
 * BSDIFF40 as bsdiff 4.3 writes it: Debian's {@code bspatch} applies ours and we apply
 * {@code bsdiff}'s; an {@code ENDSLEY/BSDIFF43} patch is refused by name.
 *
 * <p>Memory: diffing needs 3 to 5 bytes of heap per old byte (the block index, or after it the gap
 * pass's suffix array; plus a 1/8-byte bitmap) plus about 2 per new
 * byte (diff and extra blocks, the encoded payload) beyond the two inputs; this is checked against the
 * free heap first, and a shortfall is a
 * {@link io.deltachain.api.LimitExceededException}. Applying validates every control triple
 * before copying and allocates no more than the caller's {@link Limits}. Thread-safe.
 */
public final class BsdiffStrategy implements DeltaStrategy<byte[]> {
    /** The id. */
    public static final String ID = "bsdiff";

    private final Matcher matcher = new BlockHashMatcher();

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
        HeapCheck.require(diffHeapBytes(base.length, target.length),
                "bsdiff of a " + base.length + "-byte and a " + target.length + "-byte file");
        return PayloadFormat.encode(matcher.match(base, target));
    }

    @Override
    public byte[] apply(byte[] base, byte[] payload, Limits limits) {
        return PayloadFormat.apply(base, payload, limits);
    }

    /** The matcher's index and work arrays and the payload being written: what {@link #diff} checks first. */
    @Override
    public long diffHeapBytes(long baseBytes, long targetBytes) {
        return matcher.peakBytes(baseBytes, targetBytes) + 24L + targetBytes;
    }

    @Override
    public Optional<NativeFormat<byte[]>> nativeFormat() {
        return Optional.of(new Native());
    }

    @Override
    public String toString() {
        return ID;
    }

    /** BSDIFF40, the format of bsdiff 4.3 and bspatch. */
    private final class Native implements NativeFormat<byte[]> {
        @Override
        public String name() {
            return Bsdiff40Format.NAME;
        }

        @Override
        public byte[] diff(byte[] base, byte[] target) {
            HeapCheck.require(matcher.peakBytes(base.length, target.length) + target.length / 2 + 4096,
                    "bsdiff of a " + base.length + "-byte and a " + target.length + "-byte file");
            return Bsdiff40Format.diff(matcher, base, target);
        }

        @Override
        public byte[] apply(byte[] base, byte[] nativePatch, Limits limits) {
            return Bsdiff40Format.apply(base, nativePatch, limits);
        }
    }
}
