package io.deltachain.api.internal;

import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A strategy on states of type {@code V} serving states of type {@code S} through a conversion each
 * way; payloads, composition and summaries are the delegate's own. The conversions are the
 * subclass's: canonical bytes ({@link ByteStrategyAdapter}) or a format's view ({@link ViewStrategyAdapter}).
 *
 * @param <S> the served state type
 * @param <V> the delegate's state type
 */
abstract class ConvertingStrategyAdapter<S, V> implements DeltaStrategy<S> {
    private final DeltaStrategy<V> delegate;
    private final StateFormat<S> format;

    ConvertingStrategyAdapter(DeltaStrategy<V> delegate, StateFormat<S> format) {
        this.delegate = delegate;
        this.format = format;
    }

    /** @return {@code state} as the delegate's state */
    abstract V in(S state);

    /** @return the delegate's result as a served state */
    abstract S out(V state, Limits limits);

    @Override
    public final String id() {
        return delegate.id();
    }

    @Override
    public final StateFormat<S> stateFormat() {
        return format;
    }

    @Override
    public final byte[] diff(S base, S target) {
        return delegate.diff(in(base), in(target));
    }

    @Override
    public final S apply(S base, byte[] payload, Limits limits) {
        return out(delegate.apply(in(base), payload, limits), limits);
    }

    @Override
    public final boolean canCompose() {
        return delegate.canCompose();
    }

    @Override
    public final byte[] compose(byte[] first, byte[] second) {
        return delegate.compose(first, second);
    }

    @Override
    public final long diffHeapBytes(long baseBytes, long targetBytes) {
        return delegate.diffHeapBytes(baseBytes, targetBytes);
    }

    @Override
    public final PatchSummary summary(byte[] payload) {
        return delegate.summary(payload);
    }

    @Override
    public final Optional<String> describe(byte[] payload) {
        return delegate.describe(payload);
    }

    @Override
    public final Optional<String> describe(S base, byte[] payload, Limits limits) {
        return delegate.describe(in(base), payload, limits);
    }

    @Override
    public final Optional<NativeFormat<S>> nativeFormat() {
        return delegate.nativeFormat().map(this::adaptNative);
    }

    private NativeFormat<S> adaptNative(NativeFormat<V> nativeFormat) {
        return new NativeFormat<>() {
            @Override
            public String name() {
                return nativeFormat.name();
            }

            @Override
            public byte[] diff(S base, S target) {
                return nativeFormat.diff(in(base), in(target));
            }

            @Override
            public S apply(S base, byte[] nativePatch, Limits limits) {
                return out(nativeFormat.apply(in(base), nativePatch, limits), limits);
            }

            @Override
            public NativeFormat<S> withNames(String oldName, String newName) {
                return adaptNative(nativeFormat.withNames(oldName, newName));
            }

            @Override
            public NativeFormat<S> withContext(int lines) {
                return adaptNative(nativeFormat.withContext(lines));
            }

            @Override
            public boolean appliesTolerantly() {
                return nativeFormat.appliesTolerantly();
            }

            @Override
            public S applyTolerantly(S base, byte[] nativePatch, int maxFuzz, Consumer<String> adjustments,
                                     Limits limits) {
                return out(nativeFormat.applyTolerantly(in(base), nativePatch, maxFuzz, adjustments, limits), limits);
            }
        };
    }

    @Override
    public final String toString() {
        return delegate.id() + " over " + format.id();
    }
}
