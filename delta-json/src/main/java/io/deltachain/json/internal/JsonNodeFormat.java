package io.deltachain.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.json.JsonFormats;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import java.util.Objects;

/**
 * The {@code json-node} state format: Jackson {@link JsonNode}s; canonical bytes are canonical
 * JSON; states read back as nodes with exact numbers ({@code IntNode}, {@code LongNode},
 * {@code BigIntegerNode}, {@code DecimalNode}), parsed by {@link JsonReader} with the same checks
 * and limits as {@code json-map}.
 */
public final class JsonNodeFormat implements StateFormat<JsonNode> {
    /** The shared instance. */
    public static final JsonNodeFormat INSTANCE = new JsonNodeFormat();

    /** For {@link java.util.ServiceLoader}; prefer {@link #INSTANCE}. */
    public JsonNodeFormat() {
    }

    @Override
    public String id() {
        return JsonFormats.NODE_ID;
    }

    @Override
    public Class<?> type() {
        return JsonNode.class;
    }

    @Override
    public byte[] toBytes(JsonNode state) {
        Objects.requireNonNull(state, "state");
        return CanonicalWriter.write(state);
    }

    @Override
    public JsonNode fromBytes(byte[] canonical, Limits limits) {
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(limits, "limits");
        return JsonReader.parseNode(canonical, limits);
    }

    @Override
    public JsonNode copy(JsonNode state) {
        Objects.requireNonNull(state, "state");
        return state.deepCopy();
    }

    @Override
    public String toString() {
        return id();
    }
}
