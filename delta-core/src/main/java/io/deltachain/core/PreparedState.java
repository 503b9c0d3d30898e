package io.deltachain.core;

import io.deltachain.core.internal.Sha256;
import io.deltachain.spi.StateFormat;

/** A state with its canonical bytes and their hash, computed once and reused. */
final class PreparedState<S> {
    final S state;
    final byte[] bytes;
    final byte[] hash;

    private PreparedState(S state, byte[] bytes, byte[] hash) {
        this.state = state;
        this.bytes = bytes;
        this.hash = hash;
    }

    static <S> PreparedState<S> of(StateFormat<S> format, S state) {
        byte[] bytes = format.toBytes(state);
        return new PreparedState<>(state, bytes, Sha256.of(bytes));
    }

    /**
     * For the length of one call that keeps nothing: the bytes may be the state itself
     * ({@link StateFormat#canonicalView}), so a large byte state is not copied to be hashed.
     */
    static <S> PreparedState<S> viewOf(StateFormat<S> format, S state) {
        byte[] bytes = format.canonicalView(state);
        return new PreparedState<>(state, bytes, Sha256.of(bytes));
    }

    /** @return the same bytes and hash with another object for the state (one read back from the bytes) */
    PreparedState<S> withState(S other) {
        return new PreparedState<>(other, bytes, hash);
    }

    /**
     * A state on the way through a run of linked records, neither written out nor hashed ({@code bytes} and
     * {@code hash} are null): only the run's last state is, by the caller. Never handed out or kept.
     */
    static <S> PreparedState<S> unhashed(S state) {
        return new PreparedState<>(state, null, null);
    }

    static <S> PreparedState<S> of(S state, byte[] bytes) {
        return new PreparedState<>(state, bytes, Sha256.of(bytes));
    }
}
