package io.deltachain.api.internal;

import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import io.deltachain.spi.StateFormatView;
import java.util.Optional;

/**
 * Runs a strategy on a format's {@linkplain StateFormatView#viewFormat() view format} over the format
 * itself, converting states on the way in and out; payloads are the strategy's own.
 *
 * @param <S> the served state type
 * @param <V> the strategy's state type
 */
public final class ViewStrategyAdapter<S, V> implements DeltaStrategy<S> {
    private final DeltaStrategy<V> delegate;
    private final StateFormatView<S, V> format;

    private ViewStrategyAdapter(DeltaStrategy<V> delegate, StateFormatView<S, V> format) {
        this.delegate = delegate;
        this.format = format;
    }

    /**
     * @param strategy a strategy whose state format has the id of {@code format.viewFormat()}
     * @param format the view to serve
     * @param <S> the served state type
     * @param <V> the strategy's state type
     * @return the adapter
     */
    @SuppressWarnings("unchecked")
    public static <S, V> DeltaStrategy<S> adapt(DeltaStrategy<?> strategy, StateFormatView<S, V> format) {
        return new ViewStrategyAdapter<>((DeltaStrategy<V>) strategy, format);
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
        return delegate.diff(format.toView(base), format.toView(target));
    }

    @Override
    public S apply(S base, byte[] payload, Limits limits) {
        return format.fromView(delegate.apply(format.toView(base), payload, limits));
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
    public Optional<NativeFormat<S>> nativeFormat() {
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
                return nativeFormat.diff(format.toView(base), format.toView(target));
            }

            @Override
            public S apply(S base, byte[] nativePatch, Limits limits) {
                return format.fromView(nativeFormat.apply(format.toView(base), nativePatch, limits));
            }
        };
    }

    @Override
    public String toString() {
        return delegate.id() + " over " + format.id();
    }
}
