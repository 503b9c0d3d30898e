package io.deltachain.spi;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;

import io.deltachain.api.internal.IdentityCodec;

/**
 * Compresses record payloads. Levels belong to the codec: a level outside
 * [{@link #minLevel()}, {@link #maxLevel()}] is refused, never clamped.
 *
 * <p>Encoding must be deterministic (the same bytes and level give the same output on every run
 * and machine with the same codec build). Decoding must be bounded by {@link Limits}: a
 * decompression bomb is a {@link LimitExceededException}, malformed input a
 * {@link CorruptDeltaException}. Implementations are thread-safe, cheap to construct and, when
 * discovered, listed in {@code META-INF/services/io.deltachain.spi.Codec}.
 */
public interface Codec {

    /** @return the stable, lower-case id stored in records, e.g. {@code "gzip"} */
    String id();

    /** @return the level used when none is given */
    int defaultLevel();

    /** @return the lowest accepted level */
    int minLevel();

    /** @return the highest accepted level */
    int maxLevel();

    /**
     * @param data uncompressed bytes
     * @param level a level in range
     * @return the encoded bytes
     * @throws DeltaConfigurationException when the level is out of range
     */
    byte[] encode(byte[] data, int level);

    /**
     * @param data encoded bytes, possibly corrupt or hostile
     * @param limits bounds on the decoded size
     * @return the decoded bytes
     */
    byte[] decode(byte[] data, Limits limits);

    /**
     * @param level a requested level
     * @return the level, when in range
     * @throws DeltaConfigurationException naming the range when it is not
     */
    default int checkLevel(int level) {
        if (level < minLevel() || level > maxLevel()) {
            throw new DeltaConfigurationException("codec '" + id() + "' takes levels " + minLevel() + " to "
                    + maxLevel() + ", not " + level);
        }
        return level;
    }

    /** @return the codec that stores payloads as they are ({@code "identity"}, level 0 only) */
    static Codec identity() {
        return IdentityCodec.INSTANCE;
    }
}
