package io.deltachain.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.api.InvalidStateException;
import io.deltachain.json.JsonFormats;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import io.deltachain.spi.StateFormatView;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code json-map} state format: {@code Map<String,Object>} holding JSON values; canonical
 * bytes are canonical JSON; states read back as {@code LinkedHashMap}s.
 *
 * <p>A {@linkplain StateFormatView view} of {@code json-node}, so that strategies on JSON nodes
 * ({@code json-patch}, {@code merge-patch}) serve maps: a map converts to the node of the same
 * canonical JSON and back (through its canonical bytes, so the two always hash alike); a node that
 * is not an object is no {@code json-map} state.
 */
public final class JsonMapFormat implements StateFormatView<Map<String, Object>, JsonNode> {
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
    public StateFormat<JsonNode> viewFormat() {
        return JsonNodeFormat.INSTANCE;
    }

    @Override
    public JsonNode toView(Map<String, Object> state) {
        Objects.requireNonNull(state, "state");
        return JsonReader.parseNode(CanonicalWriter.write(state), Limits.defaults());
    }

    @Override
    public Map<String, Object> fromView(JsonNode view) {
        Objects.requireNonNull(view, "view");
        if (!view.isObject()) {
            throw new InvalidStateException("a json-map state is a JSON object, but the JSON node is "
                    + view.getNodeType().toString().toLowerCase(Locale.ROOT) + " (a patch that replaces the"
                    + " whole document with a non-object cannot apply to a map; use json-node states)");
        }
        return JsonReader.parseObject(CanonicalWriter.write(view), Limits.defaults());
    }

    @Override
    public String toString() {
        return id();
    }
}
