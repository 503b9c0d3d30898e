package io.deltachain.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.deltachain.api.InvalidStateException;
import io.deltachain.spi.StateFormatView;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** json-map as a view of json-node: the conversions keep canonical bytes and share nothing. */
class JsonMapViewTest {
    @SuppressWarnings("unchecked")
    private static final StateFormatView<Map<String, Object>, JsonNode> VIEW =
            (StateFormatView<Map<String, Object>, JsonNode>) JsonFormats.map();

    @Test
    void jsonMapIsAViewOfJsonNode() {
        assertEquals(JsonFormats.NODE_ID, VIEW.viewFormat().id());
    }

    @Test
    void conversionsKeepTheCanonicalBytes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", List.of(1, 2.5, new BigDecimal("1.50"), BigInteger.TWO.pow(80), Long.MAX_VALUE));
        map.put("a", Map.of("x", "~/é", "n", true));
        map.put("z", null);
        JsonNode node = VIEW.toView(map);
        assertArrayEquals(JsonFormats.map().toBytes(map), JsonFormats.node().toBytes(node));
        Map<String, Object> back = VIEW.fromView(node);
        assertArrayEquals(JsonFormats.map().toBytes(map), JsonFormats.map().toBytes(back));
        ((Map<String, Object>) back).put("new", 1);
        assertTrue(!node.has("new"), "the map read back shares nothing with the node");
    }

    @Test
    void aNodeThatIsNoObjectIsNoMapState() {
        InvalidStateException e = assertThrows(InvalidStateException.class,
                () -> VIEW.fromView(JsonNodeFactory.instance.arrayNode().add(1)));
        assertTrue(e.getMessage().contains("array"), e.getMessage());
    }
}
