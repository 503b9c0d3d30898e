package io.deltachain.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.spi.StateFormat;
import java.util.Map;

/**
 * The JSON state formats: {@code json-map} ({@code Map<String,Object>} with JSON values) and
 * {@code json-node} (Jackson {@link JsonNode}). Both use {@link CanonicalJson} as canonical bytes,
 * so equal by JSON semantics ⇔ same canonical bytes ⇔ same hash. Both are discovered through
 * {@code META-INF/services/io.deltachain.spi.StateFormat}.
 */
public final class JsonFormats {
    /** Id of {@link #map()}. */
    public static final String MAP_ID = "json-map";
    /** Id of {@link #node()}. */
    public static final String NODE_ID = "json-node";

    private JsonFormats() {
    }

    /** @return the {@code json-map} format; states read back as {@code LinkedHashMap}s */
    public static StateFormat<Map<String, Object>> map() {
        return io.deltachain.json.internal.JsonMapFormat.INSTANCE;
    }

    /** @return the {@code json-node} format; states read back as {@code ObjectNode}s (or any node) */
    public static StateFormat<JsonNode> node() {
        return io.deltachain.json.internal.JsonNodeFormat.INSTANCE;
    }
}
