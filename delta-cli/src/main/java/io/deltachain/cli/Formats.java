package io.deltachain.cli;

import io.deltachain.api.DeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.api.UnknownProviderException;
import io.deltachain.cli.internal.CliIo;
import io.deltachain.cli.internal.PrettyJson;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.StateFormat;

/** How the command turns files into states and back, per state format. */
final class Formats {
    private Formats() {
    }

    /**
     * The state format a strategy id implies for files: a strategy's own format, or for {@code auto}
     * and {@code none} the formats that reproduce files byte for byte ({@code utf8-text} when every
     * input is valid UTF-8, so that text strategies take part, else {@code bytes}).
     */
    static StateFormat<?> forStrategy(DeltaRegistry registry, String strategyId, byte[]... inputs) {
        if (strategyId.equals(DeltaCompressor.AUTO) || strategyId.equals(DeltaCompressor.NONE)) {
            if (strategyId.equals(DeltaCompressor.AUTO) && inputs.length > 0) {
                for (byte[] input : inputs) {
                    if (!CliIo.isUtf8(input)) {
                        return StateFormats.bytes();
                    }
                }
                return StateFormats.utf8();
            }
            return StateFormats.bytes();
        }
        return strategyOption(registry, strategyId).stateFormat();
    }

    /**
     * The state format of a native patch between files: {@code bytes} when the strategy serves bytes
     * ({@code text} does, for bytes that are valid UTF-8), so that a file is never decoded into a
     * string and encoded back (a second per 20 MB); else as {@link #forStrategy}.
     */
    static StateFormat<?> forNativePatch(DeltaRegistry registry, String strategyId, byte[]... inputs) {
        StateFormat<?> own = forStrategy(registry, strategyId, inputs);
        if (own.id().equals(StateFormats.BYTES_ID)) {
            return own;
        }
        try {
            registry.strategy(strategyId, StateFormats.bytes());
            return StateFormats.bytes();
        } catch (DeltaException notOnBytes) {
            return own;
        }
    }

    /** Resolves a {@code -s} option: an id that is not installed is a usage error (exit 2). */
    static DeltaStrategy<?> strategyOption(DeltaRegistry registry, String id) {
        try {
            return registry.strategy(id);
        } catch (UnknownProviderException e) {
            throw new UsageException(Hints.forCommandLine(e), e);
        }
    }

    /** Resolves a {@code -c} option: an id that is not installed is a usage error (exit 2). */
    static void codecOption(DeltaRegistry registry, String id) {
        try {
            registry.codec(id);
        } catch (UnknownProviderException e) {
            throw new UsageException(Hints.forCommandLine(e), e);
        }
    }

    static boolean isJson(StateFormat<?> format) {
        return format.id().startsWith("json");
    }

    @SuppressWarnings("unchecked")
    static <S> S parse(StateFormat<S> format, byte[] bytes, Limits limits, String role) {
        if (format.id().equals(StateFormats.BYTES_ID)) {
            limits.checkStateSize(bytes.length, role);
            return (S) bytes; // the command owns these bytes: no defensive copy of a file's worth
        }
        try {
            return format.fromBytes(bytes, limits);
        } catch (LimitExceededException e) {
            throw e.in(role);
        } catch (DeltaException e) {
            throw new DeltaException(role + " is not valid " + format.id() + ": " + e.getMessage(), e);
        }
    }

    static <S> byte[] render(StateFormat<S> format, S state, boolean pretty) {
        if (state instanceof byte[] raw && format.id().equals(StateFormats.BYTES_ID)) {
            return raw; // a fresh result the command owns: no copy of a file's worth
        }
        byte[] bytes = format.toBytes(state);
        if (!isJson(format)) {
            return bytes;
        }
        return pretty ? PrettyJson.indent(bytes) : withNewline(bytes);
    }

    /** @return canonical JSON as a line: the bytes and a newline */
    static byte[] withNewline(byte[] canonical) {
        byte[] line = java.util.Arrays.copyOf(canonical, canonical.length + 1);
        line[canonical.length] = '\n';
        return line;
    }
}
