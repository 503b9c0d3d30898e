package io.deltachain.spi;

import io.deltachain.api.DeltaException;

/**
 * A state format whose states are also states of another format, converted without loss: a strategy
 * on the other format serves this one. {@code json-map} is a view of {@code json-node}, so that
 * {@code registry.strategy("json-patch", JsonFormats.map())} works: the registry binds a strategy on
 * {@link #viewFormat()} to this format through {@link #toView} and {@link #fromView}, as it binds a
 * strategy on bytes through canonical bytes. Both formats must give a state and its view the same
 * canonical bytes, so that hashes, records and chains do not depend on which one a caller uses.
 *
 * <p>Implementations are immutable and thread-safe, like every {@link StateFormat}.
 *
 * @param <S> the states of this format
 * @param <V> the states of the format it is a view of
 */
public interface StateFormatView<S, V> extends StateFormat<S> {

    /** @return the format whose strategies serve this one */
    StateFormat<V> viewFormat();

    /**
     * @param state a state of this format
     * @return the same state in {@link #viewFormat()}, sharing no mutable object with {@code state}
     */
    V toView(S state);

    /**
     * @param view a state of {@link #viewFormat()}, e.g. what a strategy's apply returned
     * @return the same state in this format, sharing no mutable object with {@code view}
     * @throws DeltaException (a subtype) when {@code view} is no state of this format (for
     *     {@code json-map}: a document that is not an object)
     */
    S fromView(V view);
}
