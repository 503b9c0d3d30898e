package io.deltachain.spi;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;

import java.util.Arrays;

/**
 * How one kind of state is represented, copied and turned into canonical bytes.
 *
 * <p>Canonical bytes are what Deltachain hashes, stores in snapshots and hands to byte strategies:
 * two states are equal for Deltachain exactly when their canonical bytes are equal. Built-in
 * formats: {@link StateFormats#bytes()} ({@code "bytes"}), {@link StateFormats#utf8()}
 * ({@code "utf8-text"}); {@code delta-json} adds {@code "json-map"} and {@code "json-node"}.
 *
 * <p>Implementations must be immutable and thread-safe, and cheap to construct: a format may be
 * discovered with {@link java.util.ServiceLoader} and then needs a public no-argument constructor.
 *
 * @param <S> the Java type of the state
 */
public interface StateFormat<S> {

    /** @return the stable, lower-case id stored in records and manifests, e.g. {@code "json-map"} */
    String id();

    /** @return the Java type of states, for messages and checks */
    Class<?> type();

    /**
     * @param state a state; never null
     * @return its canonical bytes, a fresh array the caller may keep
     * @throws InvalidStateException when the state cannot be represented
     */
    byte[] toBytes(S state);

    /**
     * The canonical bytes for reading only, during one call: a format whose states are their
     * canonical bytes returns the state itself instead of a copy, so that hashing a large state does
     * not double it in memory. The caller never changes the array nor keeps it past the call. The
     * default is {@link #toBytes}.
     *
     * @param state a state; never null
     * @return its canonical bytes, possibly shared with {@code state}
     * @throws InvalidStateException when the state cannot be represented
     */
    default byte[] canonicalView(S state) {
        return toBytes(state);
    }

    /**
     * @param canonical canonical bytes, possibly from an untrusted source
     * @param limits bounds on what decoding may allocate
     * @return the state those bytes describe
     * @throws CorruptDeltaException when the bytes are not valid for this format
     * @throws LimitExceededException when decoding would pass a limit
     */
    S fromBytes(byte[] canonical, Limits limits);

    /**
     * @param state a state
     * @return a deep copy that shares no mutable object with {@code state}
     */
    S copy(S state);

    /**
     * @param a a state
     * @param b another state
     * @return whether the two have the same canonical bytes
     */
    default boolean equivalent(S a, S b) {
        return Arrays.equals(toBytes(a), toBytes(b));
    }
}
