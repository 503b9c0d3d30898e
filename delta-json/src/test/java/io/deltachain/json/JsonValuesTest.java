package io.deltachain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.Limits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    private static Object json(String text) {
        return CanonicalJson.parse(text.getBytes(StandardCharsets.UTF_8), Limits.defaults());
    }

    @Test
    void numbersAreEqualByValue() {
        List<Object> ones = List.of(1, 1L, (short) 1, (byte) 1, 1.0, 1.0f, new BigDecimal("1.00"), new BigDecimal("1e0"),
                BigInteger.ONE, new AtomicInteger(1), json("1"), json("1.0"), json("1e0"), json("0.1e1"));
        for (Object a : ones) {
            for (Object b : ones) {
                assertTrue(JsonValues.equal(a, b), a + " vs " + b);
            }
        }
        assertTrue(JsonValues.equal(0, -0.0));
        assertTrue(JsonValues.equal(new BigDecimal("-0.0"), 0L));
        assertTrue(JsonValues.equal(0.1, new BigDecimal("0.1")));
        assertTrue(JsonValues.equal(0.1f, 0.1), "a float's shortest text is 0.1, like the double's");
        assertFalse(JsonValues.equal(1, 2));
        assertFalse(JsonValues.equal(9007199254740993L, 9007199254740992L));
        assertFalse(JsonValues.equal(new BigDecimal("0.1000000000000000055511151231257827021181583404541015625"), 0.1));
    }

    @Test
    void booleansNeverEqualNumbersOrStrings() {
        assertFalse(JsonValues.equal(true, 1));
        assertFalse(JsonValues.equal(false, 0));
        assertFalse(JsonValues.equal(true, "true"));
        assertFalse(JsonValues.equal(null, "null"));
        assertFalse(JsonValues.equal(null, 0));
        assertFalse(JsonValues.equal("1", 1));
        assertTrue(JsonValues.equal(null, null));
        assertTrue(JsonValues.equal(true, Boolean.valueOf("true")));
    }

    @Test
    void memberOrderDoesNotMatterAtAnyDepth() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("a", 1);
        a.put("b", 2);
        Map<String, Object> b = new TreeMap<>((x, y) -> y.compareTo(x));
        b.put("a", 1);
        b.put("b", 2.0);
        assertTrue(JsonValues.equal(a, b));
        assertTrue(JsonValues.equal(json("{\"a\":1,\"b\":2}"), json("{\"b\":2,\"a\":1}")));
        assertTrue(JsonValues.equal(json("{\"x\":[{\"a\":1,\"b\":[true,{\"d\":null,\"c\":\"s\"}]}]}"),
                Map.of("x", List.of(Map.of("b", Arrays.asList(true, new LinkedHashMap<>(Map.of("c", "s")) {
                    {
                        put("d", null);
                    }
                }), "a", 1.0)))));
        assertFalse(JsonValues.equal(json("{\"x\":[1,2]}"), json("{\"x\":[2,1]}")), "array order matters");
        assertFalse(JsonValues.equal(json("{\"a\":null}"), json("{}")), "a null member is not an absent one");
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("b", 2).put("a", 1.0);
        assertTrue(JsonValues.equal(node, a), "nodes compare with maps");
        assertTrue(JsonValues.equal(new Object[] {1, "x"}, List.of(1.0, "x")), "arrays compare with lists");
    }

    @Test
    void equalityRefusesWhatCannotBeWritten() {
        assertThrows(InvalidStateException.class, () -> JsonValues.equal(Double.NaN, Double.NaN));
        assertThrows(InvalidStateException.class, () -> JsonValues.equal(1, new Object()));
        Object same = "\uD800";
        assertThrows(InvalidStateException.class, () -> JsonValues.equal(same, same));
    }

    @Test
    @SuppressWarnings("unchecked")
    void deepCopySharesNoMutableObject() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", new ArrayList<>(List.of(1, 2)));
        inner.put("a", "s");
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("m", inner);
        original.put("l", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("k", 1)))));
        original.put("arr", new Object[] {new ArrayList<>(List.of(1))});
        original.put("n", JsonNodeFactory.instance.objectNode().put("x", 1));
        original.put("atomic", new AtomicInteger(5));
        byte[] before = CanonicalJson.write(original);

        Map<String, Object> copy = (Map<String, Object>) JsonValues.deepCopy(original);
        assertTrue(JsonValues.equal(original, copy));
        assertInstanceOf(LinkedHashMap.class, copy);
        assertEquals(List.of("z", "a"), new ArrayList<>(((Map<String, Object>) copy.get("m")).keySet()),
                "member order kept");
        assertNotSame(original.get("m"), copy.get("m"));
        assertSame(inner.get("a"), ((Map<String, Object>) copy.get("m")).get("a"), "strings shared");

        ((List<Object>) ((Map<String, Object>) copy.get("m")).get("z")).add(3);
        ((Map<String, Object>) copy.get("m")).put("new", true);
        ((Map<String, Object>) ((List<Object>) copy.get("l")).get(0)).put("k", 2);
        ((List<Object>) ((List<Object>) copy.get("arr")).get(0)).clear();
        ((ObjectNode) copy.get("n")).put("x", 2);
        ((AtomicInteger) copy.get("atomic")).set(6);
        copy.put("top", 1);

        assertTrue(Arrays.equals(before, CanonicalJson.write(original)), "original unchanged");
        assertFalse(JsonValues.equal(original, copy));
    }

    @Test
    void deepCopyOfScalarsAndNull() {
        assertEquals(null, JsonValues.deepCopy(null));
        assertEquals("s", JsonValues.deepCopy("s"));
        assertEquals(new BigDecimal("1.50"), JsonValues.deepCopy(new BigDecimal("1.50")));
        assertEquals(List.of(1, 2), JsonValues.deepCopy(List.of(1, 2)));
    }

    @Test
    void deepCopyRefusesWhatCannotBeWritten() {
        Map<String, Object> cyclic = new LinkedHashMap<>();
        cyclic.put("me", cyclic);
        assertThrows(InvalidStateException.class, () -> JsonValues.deepCopy(cyclic));
        Map<Object, Object> intKey = new LinkedHashMap<>();
        intKey.put(1, 1);
        assertTrue(assertThrows(InvalidStateException.class, () -> JsonValues.deepCopy(Map.of("a", intKey)))
                .getMessage().contains("/a"));
        assertTrue(assertThrows(InvalidStateException.class, () -> JsonValues.deepCopy(List.of(1, Double.NaN)))
                .getMessage().contains("/1"));
        assertTrue(assertThrows(InvalidStateException.class,
                () -> JsonValues.deepCopy(Map.of("a", new java.util.Date()))).getMessage().contains("/a"));
        assertTrue(assertThrows(InvalidStateException.class,
                () -> JsonValues.deepCopy(Map.of("a", List.of("\uDC00")))).getMessage().contains("/a/0"));
        ObjectNode bad = JsonNodeFactory.instance.objectNode();
        bad.set("p", new POJONode(new Object()));
        assertTrue(assertThrows(InvalidStateException.class, () -> JsonValues.deepCopy(Map.of("n", bad)))
                .getMessage().contains("/n/p"));
    }
}
