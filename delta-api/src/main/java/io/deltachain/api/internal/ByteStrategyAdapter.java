package io.deltachain.api.internal;

import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.IncompatibleStateFormatException;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.StateFormats;

/**
 * Runs a strategy on {@code bytes} over another state format through the format's canonical bytes.
 *
 * @param <S> the served state type
 */
public final class ByteStrategyAdapter<S> extends ConvertingStrategyAdapter<S, byte[]> {
    private final StateFormat<S> format;

    private ByteStrategyAdapter(DeltaStrategy<byte[]> delegate, StateFormat<S> format) {
        super(delegate, format);
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
    byte[] in(S state) {
        return format.toBytes(state);
    }

    @Override
    S out(byte[] state, Limits limits) {
        return format.fromBytes(state, limits);
    }
}
