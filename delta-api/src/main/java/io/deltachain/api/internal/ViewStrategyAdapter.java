package io.deltachain.api.internal;

import io.deltachain.api.Limits;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.StateFormatView;

/**
 * Runs a strategy on a format's {@linkplain StateFormatView#viewFormat() view format} over the format
 * itself, converting states on the way in and out; payloads are the strategy's own.
 *
 * @param <S> the served state type
 * @param <V> the strategy's state type
 */
public final class ViewStrategyAdapter<S, V> extends ConvertingStrategyAdapter<S, V> {
    private final StateFormatView<S, V> format;

    private ViewStrategyAdapter(DeltaStrategy<V> delegate, StateFormatView<S, V> format) {
        super(delegate, format);
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
    V in(S state) {
        return format.toView(state);
    }

    @Override
    S out(V state, Limits limits) {
        return format.fromView(state);
    }
}
