package io.deltachain.json.internal;

import io.deltachain.json.JsonFormats;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code json-map} state format: {@code Map<String,Object>} holding JSON values; canonical
 * bytes are canonical JSON; states read back as {@code LinkedHashMap}s.
 */
public final class JsonMapFormat implements StateFormat<Map<String, Object>> {
    /** The shared instance. */
    public static final JsonMapFormat INSTANCE = new JsonMapFormat();

    /** For {@link java.util.ServiceLoader}; prefer {@link #INSTANCE}. */
    public JsonMapFormat() {
    }

    @Override
    public String id() {
        return JsonFormats.MAP_ID;
    }

    @Override
    public Class<?> type() {
        return Map.class;
    }

    @Override
    public byte[] toBytes(Map<String, Object> state) {
        Objects.requireNonNull(state, "state");
        return CanonicalWriter.write(state);
    }

    @Override
    public Map<String, Object> fromBytes(byte[] canonical, Limits limits) {
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(limits, "limits");
        return JsonReader.parseObject(canonical, limits);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> copy(Map<String, Object> state) {
        Objects.requireNonNull(state, "state");
        return (Map<String, Object>) JsonSemantics.deepCopy(state);
    }

    @Override
    public String toString() {
        return id();
    }
}
