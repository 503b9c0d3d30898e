package io.deltachain.strategy.jsonpatch;

import static io.deltachain.strategy.jsonpatch.Rfc6902ConformanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltachain.api.Limits;
import io.deltachain.json.CanonicalJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The objects apply returns keep their members in our own map: they must behave as Jackson's own
 * objects do when the caller edits them, and share no container with the base.
 */
class MembersTest {
    private static final JsonPatchStrategy STRATEGY = new JsonPatchStrategy();

    private static ObjectNode applied(JsonNode base) {
        return (ObjectNode) STRATEGY.apply(base, STRATEGY.diff(base, base), Limits.defaults());
    }

    @Test
    void randomEditsMatchJacksonsObjectNode() {
        Random random = new Random(Long.getLong("deltachain.seed", 20261202L));
        for (int trial = 0; trial < 200; trial++) {
            ObjectNode expected = JsonNodeFactory.instance.objectNode();
            for (int i = random.nextInt(30); i > 0; i--) {
                expected.put("k" + random.nextInt(40), i);
            }
            ObjectNode actual = applied(expected);
            for (int step = 0; step < 60; step++) {
                String key = "k" + random.nextInt(40);
                switch (random.nextInt(6)) {
                    case 0, 1 -> {
                        expected.put(key, step);
                        actual.put(key, step);
                    }
                    case 2 -> assertEquals(expected.remove(key), actual.remove(key));
                    case 3 -> assertEquals(expected.get(key), actual.get(key));
                    case 4 -> {
                        Iterator<Map.Entry<String, JsonNode>> a = expected.properties().iterator();
                        Iterator<Map.Entry<String, JsonNode>> b = actual.properties().iterator();
                        while (a.hasNext()) {
                            Map.Entry<String, JsonNode> x = a.next();
                            Map.Entry<String, JsonNode> y = b.next();
                            assertEquals(x, y);
                            if (x.getValue().intValue() % 3 == 0) {
                                a.remove();
                                b.remove();
                            } else if (x.getValue().intValue() % 3 == 1) {
                                x.setValue(IntNode.valueOf(-1));
                                y.setValue(IntNode.valueOf(-1));
                            }
                        }
                    }
                    default -> assertEquals(expected.has(key), actual.has(key));
                }
                assertEquals(expected, actual);
                assertEquals(actual, expected);
                assertEquals(expected.hashCode(), actual.hashCode());
                assertEquals(expected.toString(), actual.toString(), "members in insertion order");
                assertEquals(expected.size(), actual.size());
            }
            List<String> names = new ArrayList<>();
            actual.fieldNames().forEachRemaining(names::add);
            actual.retain(names.subList(0, names.size() / 2));
            expected.retain(names.subList(0, names.size() / 2));
            assertEquals(expected, actual);
            actual.removeAll();
            assertEquals(0, actual.size());
        }
    }

    @Test
    void theResultSharesNoContainerWithTheBase() {
        JsonNode base = json("{\"a\":{\"b\":[{\"c\":1}]},\"d\":[[2]]}");
        String before = CanonicalJson.toString(base);
        ObjectNode result = applied(base);
        assertNotSame(base.get("a"), result.get("a"));
        assertNotSame(base.get("a").get("b"), result.get("a").get("b"));
        ((ObjectNode) result.get("a").get("b").get(0)).put("c", 5);
        ((ObjectNode) result.get("a")).put("x", 1);
        ObjectNode again = applied(result); // a copy of a copy
        again.with("a").put("y", 2);
        assertEquals(before, CanonicalJson.toString(base));
        assertEquals("{\"a\":{\"b\":[{\"c\":5}],\"x\":1},\"d\":[[2]]}", CanonicalJson.toString(result));
        assertTrue(again.get("a").has("y") && !result.get("a").has("y"));
    }
}
