package io.deltachain.api.internal;

import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.StateFormats;

/** Raw bytes as a state. Public only so that {@link java.util.ServiceLoader} can build it. */
public final class BytesFormat implements StateFormat<byte[]> {
    /** The shared instance. */
    public static final BytesFormat INSTANCE = new BytesFormat();

    @Override
    public String id() {
        return StateFormats.BYTES_ID;
    }

    @Override
    public Class<?> type() {
        return byte[].class;
    }

    @Override
    public byte[] toBytes(byte[] state) {
        return state.clone();
    }

    @Override
    public byte[] canonicalView(byte[] state) {
        return state; // the state is its canonical bytes
    }

    @Override
    public byte[] fromBytes(byte[] canonical, Limits limits) {
        limits.checkStateSize(canonical.length, "byte state");
        return canonical.clone();
    }

    @Override
    public byte[] copy(byte[] state) {
        return state.clone();
    }

    @Override
    public String toString() {
        return id();
    }
}
