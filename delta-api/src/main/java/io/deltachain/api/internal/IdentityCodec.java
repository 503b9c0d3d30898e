package io.deltachain.api.internal;

import io.deltachain.spi.Codec;
import io.deltachain.api.Limits;

/** Stores payloads as they are. Public only so that {@link java.util.ServiceLoader} can build it. */
public final class IdentityCodec implements Codec {
    /** The shared instance. */
    public static final IdentityCodec INSTANCE = new IdentityCodec();

    @Override
    public String id() {
        return "identity";
    }

    @Override
    public int defaultLevel() {
        return 0;
    }

    @Override
    public int minLevel() {
        return 0;
    }

    @Override
    public int maxLevel() {
        return 0;
    }

    @Override
    public byte[] encode(byte[] data, int level) {
        checkLevel(level);
        return data.clone();
    }

    @Override
    public byte[] decode(byte[] data, Limits limits) {
        limits.checkPayloadSize(data.length, "identity payload");
        return data.clone();
    }

    @Override
    public String toString() {
        return id();
    }
}
