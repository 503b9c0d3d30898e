package io.deltachain.core.internal;

import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;

/**
 * Core's {@code none} meta-strategy: the payload is the target's canonical bytes, whole. Works on
 * every state format; composing keeps the second payload.
 *
 * @param <S> the state type
 */
public final class NoneStrategy<S> implements DeltaStrategy<S> {
    /** The id records carry. */
    public static final String ID = "none";
    private final StateFormat<S> format;

    /** @param format the format to serve */
    public NoneStrategy(StateFormat<S> format) {
        this.format = format;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public StateFormat<S> stateFormat() {
        return format;
    }

    @Override
    public byte[] diff(S base, S target) {
        return format.toBytes(target);
    }

    @Override
    public long diffHeapBytes(long baseBytes, long targetBytes) {
        return targetBytes; // the payload: the target's canonical bytes
    }

    @Override
    public S apply(S base, byte[] payload, Limits limits) {
        return format.fromBytes(payload, limits);
    }

    @Override
    public boolean canCompose() {
        return true;
    }

    @Override
    public byte[] compose(byte[] first, byte[] second) {
        return second.clone();
    }
}
