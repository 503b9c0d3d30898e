package io.deltachain.api.internal;

import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.IncompatibleStateFormatException;
import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import io.deltachain.api.PatchSummary;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.StateFormats;
import java.util.Optional;

/**
 * Runs a strategy on {@code bytes} over another state format through the format's canonical bytes.
 *
 * @param <S> the served state type
 */
public final class ByteStrategyAdapter<S> implements DeltaStrategy<S> {
    private final DeltaStrategy<byte[]> delegate;
    private final StateFormat<S> format;

    private ByteStrategyAdapter(DeltaStrategy<byte[]> delegate, StateFormat<S> format) {
        this.delegate = delegate;
        this.format = format;
    }

    /**
     * @param strategy a strategy on bytes
     * @param format the format to serve
     * @param <S> the state type
     * @return the strategy itself when {@code format} is bytes, else an adapter
     */
    @SuppressWarnings("unchecked")
    public static <S> DeltaStrategy<S> adapt(DeltaStrategy<byte[]> strategy, StateFormat<S> format) {
        String own = strategy.stateFormat().id();
        if (!StateFormats.BYTES_ID.equals(own)) {
            throw new IncompatibleStateFormatException("strategy '" + strategy.id() + "' works on " + own
                    + ", not bytes, so it cannot serve " + format.id() + " through canonical bytes");
        }
        if (StateFormats.BYTES_ID.equals(format.id())) {
            return (DeltaStrategy<S>) strategy;
        }
        return new ByteStrategyAdapter<>(strategy, format);
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public StateFormat<S> stateFormat() {
        return format;
    }

    @Override
    public byte[] diff(S base, S target) {
        return delegate.diff(format.toBytes(base), format.toBytes(target));
    }

    @Override
    public S apply(S base, byte[] payload, Limits limits) {
        return format.fromBytes(delegate.apply(format.toBytes(base), payload, limits), limits);
    }

    @Override
    public boolean canCompose() {
        return delegate.canCompose();
    }

    @Override
    public byte[] compose(byte[] first, byte[] second) {
        return delegate.compose(first, second);
    }

    @Override
    public PatchSummary summary(byte[] payload) {
        return delegate.summary(payload);
    }

    @Override
    public Optional<String> describe(byte[] payload) {
        return delegate.describe(payload);
    }

    @Override
    public Optional<String> describe(S base, byte[] payload, Limits limits) {
        return delegate.describe(format.toBytes(base), payload, limits);
    }

    @Override
    public Optional<NativeFormat<S>> nativeFormat() {
        return delegate.nativeFormat().map(this::adaptNative);
    }

    private NativeFormat<S> adaptNative(NativeFormat<byte[]> nativeFormat) {
        return new NativeFormat<>() {
            @Override
            public String name() {
                return nativeFormat.name();
            }

            @Override
            public byte[] diff(S base, S target) {
                return nativeFormat.diff(format.toBytes(base), format.toBytes(target));
            }

            @Override
            public S apply(S base, byte[] nativePatch, Limits limits) {
                return format.fromBytes(nativeFormat.apply(format.toBytes(base), nativePatch, limits), limits);
            }

            @Override
            public NativeFormat<S> withNames(String oldName, String newName) {
                return adaptNative(nativeFormat.withNames(oldName, newName));
            }
        };
    }

    @Override
    public String toString() {
        return delegate.id() + " over " + format.id();
    }
}
