package io.deltachain.strategy.jsonpatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.deltachain.api.Limits;
import java.util.Iterator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The arrays apply returns keep their elements in a gap buffer: they must behave as Jackson's own
 * arrays do under any sequence of edits the caller makes later.
 */
class ElementsTest {
    private static final JsonPatchStrategy STRATEGY = new JsonPatchStrategy();

    @Test
    void randomEditsMatchJacksonsArrayNode() {
        Random random = new Random(Long.getLong("deltachain.seed", 20261203L));
        for (int trial = 0; trial < 200; trial++) {
            ArrayNode expected = JsonNodeFactory.instance.arrayNode();
            for (int i = random.nextInt(30); i > 0; i--) {
                expected.add(i);
            }
            JsonNode base = JsonNodeFactory.instance.objectNode().set("a", expected.deepCopy());
            ArrayNode actual = (ArrayNode) STRATEGY.apply(base, STRATEGY.diff(base, base), Limits.defaults()).get("a");
            for (int step = 0; step < 80; step++) {
                int size = expected.size();
                int at = random.nextInt(size + 1);
                switch (random.nextInt(7)) {
                    case 0, 1 -> {
                        expected.insert(at, step);
                        actual.insert(at, step);
                    }
                    case 2 -> {
                        expected.add(step);
                        actual.add(step);
                    }
                    case 3, 4 -> assertEquals(expected.remove(at), actual.remove(at));
                    case 5 -> {
                        if (at < size) {
                            expected.set(at, IntNode.valueOf(-step));
                            actual.set(at, IntNode.valueOf(-step));
                        }
                    }
                    default -> {
                        Iterator<JsonNode> a = expected.elements();
                        Iterator<JsonNode> b = actual.elements();
                        while (a.hasNext()) {
                            assertEquals(a.next(), b.next());
                        }
                        assertEquals(a.hasNext(), b.hasNext());
                    }
                }
                assertEquals(expected, actual);
                assertEquals(actual, expected);
                assertEquals(expected.hashCode(), actual.hashCode());
                assertEquals(expected.toString(), actual.toString());
                assertEquals(expected.size(), actual.size());
            }
            actual.removeAll();
            assertEquals(0, actual.size());
        }
    }
}
