package io.deltachain.api;

import io.deltachain.spi.StateFormat;

import io.deltachain.api.internal.BytesFormat;
import io.deltachain.api.internal.Utf8TextFormat;

/**
 * The state formats every installation has. JSON formats live in {@code delta-json}
 * ({@code io.deltachain.json.JsonFormats}).
 */
public final class StateFormats {
    /** Id of {@link #bytes()}. */
    public static final String BYTES_ID = "bytes";
    /** Id of {@link #utf8()}. */
    public static final String UTF8_TEXT_ID = "utf8-text";

    private StateFormats() {
    }

    /** @return raw bytes; canonical bytes are the bytes themselves */
    public static StateFormat<byte[]> bytes() {
        return BytesFormat.INSTANCE;
    }

    /** @return text as a {@link String}; canonical bytes are its strict UTF-8 encoding */
    public static StateFormat<String> utf8() {
        return Utf8TextFormat.INSTANCE;
    }
}
