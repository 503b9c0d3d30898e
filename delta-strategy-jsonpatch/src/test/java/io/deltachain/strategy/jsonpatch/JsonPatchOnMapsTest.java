package io.deltachain.strategy.jsonpatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.Limits;
import io.deltachain.json.JsonFormats;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.NativeFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** json-map states through delta-json's view of json-node: a dict user switches with one word. */
class JsonPatchOnMapsTest {
    private static final DeltaRegistry REGISTRY = DeltaRegistry.builder()
            .strategy(new JsonPatchStrategy()).strategy(new MergePatchStrategy()).build();

    @Test
    void jsonPatchServesMaps() {
        DeltaStrategy<Map<String, Object>> strategy = REGISTRY.strategy("json-patch", JsonFormats.map());
        assertEquals("json-patch", strategy.id());
        assertEquals("json-map", strategy.stateFormat().id());
        Map<String, Object> base = order(List.of(line("a", 1), line("b", 2), line("c", 3)));
        Map<String, Object> target = order(List.of(line("a", 1), line("c", 4), line("d", 1)));
        byte[] payload = strategy.diff(base, target);
        assertEquals(JsonFormats.map().toBytes(target)[0], '{');
        assertEquals(new String(JsonFormats.map().toBytes(target), StandardCharsets.UTF_8),
                new String(JsonFormats.map().toBytes(strategy.apply(base, payload, Limits.defaults())), StandardCharsets.UTF_8));
        NativeFormat<Map<String, Object>> rfc = strategy.nativeFormat().orElseThrow();
        assertEquals("[\n  {\"op\":\"remove\",\"path\":\"/lines/1\"},\n  {\"op\":\"replace\",\"path\":\"/lines/1/qty\",\"value\":4},\n"
                + "  {\"op\":\"add\",\"path\":\"/lines/2\",\"value\":{\"about\":\"a description long enough that patching a line"
                + " beats replacing the list\",\"qty\":1,\"sku\":\"d\"}}\n]\n",
                new String(rfc.diff(base, target), StandardCharsets.UTF_8));
        assertEquals(REGISTRY.strategiesFor(JsonFormats.map()).size(), 2);
    }

    @Test
    void aPatchThatMakesTheDocumentAnArrayCannotApplyToAMap() {
        DeltaStrategy<Map<String, Object>> strategy = REGISTRY.strategy("json-patch", JsonFormats.map());
        NativeFormat<Map<String, Object>> rfc = strategy.nativeFormat().orElseThrow();
        InvalidStateException e = assertThrows(InvalidStateException.class, () -> rfc.apply(new LinkedHashMap<>(),
                "[{\"op\":\"replace\",\"path\":\"\",\"value\":[1]}]".getBytes(StandardCharsets.UTF_8), Limits.defaults()));
        assertTrue(e.getMessage().contains("json-map"), e.getMessage());
    }

    @Test
    void mergePatchServesMapsToo() {
        DeltaStrategy<Map<String, Object>> strategy = REGISTRY.strategy("merge-patch", JsonFormats.map());
        Map<String, Object> base = order(List.of(line("a", 1)));
        Map<String, Object> target = new LinkedHashMap<>(base);
        target.put("note", "gift");
        assertEquals(target, strategy.apply(base, strategy.diff(base, target), Limits.defaults()));
    }

    private static Map<String, Object> order(List<Map<String, Object>> lines) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "o-1");
        order.put("lines", new ArrayList<>(lines));
        return order;
    }

    private static Map<String, Object> line(String sku, int qty) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", sku);
        line.put("qty", qty);
        line.put("about", "a description long enough that patching a line beats replacing the list");
        return line;
    }
}
