package io.deltachain.core;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.spi.StateFormat;

/**
 * The front door: the default registry and short ways to a compressor or a chain.
 *
 * <pre>{@code
 * DeltaCompressor<Map<String, Object>> c = Deltas.compressor("dict", JsonFormats.map());
 * DeltaRecord delta = c.diff(v1, v2);
 * Map<String, Object> again = c.apply(v1, DeltaRecord.fromBytes(delta.toBytes()));
 * }</pre>
 */
public final class Deltas {
    private Deltas() {
    }

    /**
     * The registry of everything on the class path, discovered once on first use (through this
     * class's class loader) and then shared. Immutable; for other class loaders or explicit
     * providers build one with {@link DeltaRegistry#builder()}.
     *
     * @return the default registry
     */
    public static DeltaRegistry registry() {
        return DefaultRegistry.INSTANCE;
    }

    /**
     * @param strategyId a strategy id, {@code auto} or {@code none}
     * @param format the state format
     * @param <S> the state type
     * @return a compressor with the default codec ({@code gzip}) and level
     */
    public static <S> DeltaCompressor<S> compressor(String strategyId, StateFormat<S> format) {
        return DeltaCompressor.builder(format).strategy(strategyId).build();
    }

    /**
     * @param format the state format
     * @param <S> the state type
     * @return a chain builder with the defaults of {@link DeltaChain#builder(StateFormat)}
     */
    public static <S> DeltaChain.Builder<S> chain(StateFormat<S> format) {
        return DeltaChain.builder(format);
    }

    private static final class DefaultRegistry {
        static final DeltaRegistry INSTANCE = DeltaRegistry.load(Deltas.class.getClassLoader());
    }
}
